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
from ..normalize import NormalText, normalize


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
    views = []
    for turn in exchange.turns:
        normal = normalize(turn.text)
        speaker = matcher if turn.role == "staff" else resident
        views.append(TurnView(turn, normal, speaker.find_normalized(normal) if speaker else []))
    return views


def staff_indices(views: list[TurnView]) -> list[int]:
    """Positions of the staff turns."""
    return [index for index, view in enumerate(views) if view.role == "staff"]
