"""A stored call's transcript and breakdown as the call page shows them, from its score-v1 card."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..report.annotate import Segment, notes, segments
from ..scoring import CardFinding


@dataclass(slots=True)
class ShownFinding(CardFinding):
    """A stored finding as the call page shows it, with its words in the reader's language."""

    category: str = ""
    message: str = ""

    @classmethod
    def of(cls, finding: dict) -> ShownFinding:
        """A stored finding (score-v1 JSON, worded) as shown."""
        return cls(**{name: finding[name] for name in _SHOWN if name in finding})


_SHOWN = [field.name for field in fields(ShownFinding)]


@dataclass(slots=True)
class TurnView:
    """One turn: who spoke, its text cut into coloured pieces, and the findings worth a note."""

    index: int
    speaker: str
    role: str
    text: str
    pieces: list[Segment]
    notes: list[ShownFinding]


def annotated(card: dict, findings: list[ShownFinding], lang: str) -> list[TurnView]:
    """Every turn of ``card`` with its findings (``findings`` are the card's, as shown)."""
    by_turn: list[list[ShownFinding]] = [[] for _ in card["turns"]]
    for finding in findings:
        if 0 <= finding.turn < len(by_turn):
            by_turn[finding.turn].append(finding)
    return [TurnView(index, turn.get("speaker") or "", turn["role"], turn["text"], segments(turn["text"], here, lang, lambda f: f.category),
                     notes(here))
            for index, (turn, here) in enumerate(zip(card["turns"], by_turn))]


def breakdown(card: dict) -> list[dict]:
    """The card's breakdown lines, each with the points lost."""
    return [line | {"lost": (line["max"] or 0) - (line["earned"] or 0)} for line in card.get("breakdown", [])]
