"""A stored call's transcript and breakdown as the call page shows them, from its score-v1 card."""

from __future__ import annotations

from dataclasses import dataclass

from ..report.annotate import Segment, notes, segments
from ..scoring import CardFinding


@dataclass(slots=True)
class TurnView:
    """One turn: who spoke, its text cut into coloured pieces, and the findings worth a note."""

    index: int
    speaker: str
    role: str
    text: str
    pieces: list[Segment]
    notes: list[CardFinding]


def annotated(card: dict, findings: list[CardFinding], lang: str) -> list[TurnView]:
    """Every turn of ``card`` with its findings (``findings`` are the card's, as objects)."""
    by_turn: list[list[CardFinding]] = [[] for _ in card["turns"]]
    for finding in findings:
        if 0 <= finding.turn < len(by_turn):
            by_turn[finding.turn].append(finding)
    return [TurnView(index, turn.get("speaker") or "", turn["role"], turn["text"], segments(turn["text"], here, lang),
                     notes(here))
            for index, (turn, here) in enumerate(zip(card["turns"], by_turn))]


def breakdown(card: dict) -> list[dict]:
    """The card's breakdown lines, each with the points lost."""
    return [line | {"lost": (line["max"] or 0) - (line["earned"] or 0)} for line in card.get("breakdown", [])]
