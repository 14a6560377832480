"""The ``phrasecheck/score-v1`` JSON document: every scored exchange, and the inputs that failed."""

from __future__ import annotations

from collections.abc import Iterable

from ..jsontext import indented
from ..models import SCORE_SCHEMA, Diagnostic
from ..scoring import ScoreCard, scorecard_json


def score_document(cards: Iterable[ScoreCard], problems: Iterable[Diagnostic] = (), version: str | None = None,
                   lang: str = "zh") -> dict:
    """``{"schema", "version", "exchanges": [...], "errors": [...], "warnings": [...]}``, words in ``lang``."""
    problems = list(problems)
    return {
        "schema": SCORE_SCHEMA,
        "version": version,
        "exchanges": [scorecard_json(card, lang) for card in cards],
        "errors": [_problem(p) for p in problems if p.level == "error"],
        "warnings": [_problem(p) for p in problems if p.level != "error"],
    }


def score_json(cards: Iterable[ScoreCard], problems: Iterable[Diagnostic] = (), version: str | None = None,
               lang: str = "zh") -> bytes:
    """:func:`score_document` as indented JSON in UTF-8."""
    return indented(score_document(cards, problems, version, lang))


def _problem(diagnostic: Diagnostic) -> dict:
    return {"source": diagnostic.path, "line": diagnostic.line, "message": diagnostic.message}
