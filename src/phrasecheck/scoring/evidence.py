"""Evidence from an exchange: lexicon findings in STAFF turns, and the normalised text of every turn.

Resident speech never counts against staff: the matcher runs on staff turns only. Resident
turns are kept (normalised) so that triggers — praise, a complaint, a question — can be found.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..matching import Matcher
from ..models import Exchange, Finding, Turn
from ..normalize import NormalText, normalize


@dataclass(slots=True)
class TurnView:
    """One turn ready for scoring: its normalised text and, for staff turns, the lexicon findings."""

    turn: Turn
    normal: NormalText
    findings: list[Finding]

    @property
    def role(self) -> str:
        return self.turn.role


def collect(exchange: Exchange, matcher: Matcher) -> list[TurnView]:
    """A :class:`TurnView` per turn, in order; only staff turns are matched."""
    views = []
    for turn in exchange.turns:
        normal = normalize(turn.text)
        views.append(TurnView(turn, normal, matcher.find_normalized(normal) if turn.role == "staff" else []))
    return views


def staff_indices(views: list[TurnView]) -> list[int]:
    """Positions of the staff turns."""
    return [index for index, view in enumerate(views) if view.role == "staff"]
