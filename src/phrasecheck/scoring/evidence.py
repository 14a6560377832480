"""Evidence from an exchange: lexicon findings in each turn, and the normalised text of every turn.

Staff turns are matched with the rules about staff speech; resident turns only with rules whose
``role`` is ``resident`` or ``any`` (none by default), whose findings serve as triggers — resident
speech never counts against staff. Every turn is kept normalised so that trigger patterns —
praise, a complaint, a question — can be found.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..matching import Matcher
from ..models import Exchange, Finding, Turn
from ..normalize import NormalText, normalize_all


@dataclass(slots=True)
class TurnView:
    """One turn ready for scoring: its normalised text and the lexicon findings of its speaker's rules."""

    turn: Turn
    normal: NormalText
    findings: list[Finding]

    @property
    def role(self) -> str:
        return self.turn.role


def collect(exchange: Exchange, matcher: Matcher, resident: Matcher | None = None) -> list[TurnView]:
    """A :class:`TurnView` per turn, in order: staff turns matched by ``matcher``, resident turns by
    ``resident`` (the rules about resident speech), if any."""
    normals = normalize_all([turn.text for turn in exchange.turns])
    found: list[list[Finding]] = [[] for _ in normals]
    for speaker, staff in ((matcher, True), (resident, False)):
        said = [index for index, turn in enumerate(exchange.turns) if (turn.role == "staff") == staff]
        if speaker is not None and said:   # one matcher call per side: the model reads all its turns at once
            for index, findings in zip(said, speaker.find_each([normals[index] for index in said])):
                found[index] = findings
    return [TurnView(turn, normal, findings) for turn, normal, findings in zip(exchange.turns, normals, found)]


def staff_indices(views: list[TurnView]) -> list[int]:
    """Positions of the staff turns."""
    return [index for index, view in enumerate(views) if view.role == "staff"]
