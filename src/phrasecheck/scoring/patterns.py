"""Script patterns: regular expressions matched clause by clause against normalised text."""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable, Iterator

from ..normalize import NormalText


def clauses(normal: NormalText) -> Iterator[tuple[int, int]]:
    """The non-empty clauses of the normalised text, as ``(start, end)`` positions in it."""
    bounds = [0, *normal.breaks, len(normal.text)]
    for start, end in zip(bounds, bounds[1:]):
        if end > start:
            yield start, end


def find_spans(normal: NormalText, patterns: Iterable[re.Pattern], unless: Iterable[re.Pattern] = (),
               last_clause: bool = False) -> list[tuple[int, int]]:
    """Original-text spans where a pattern matches a clause that no ``unless`` pattern matches.

    With ``last_clause`` only the turn's last clause is searched.
    """
    patterns = [pattern for pattern in patterns if may_match(pattern, normal.text)]
    if not patterns:
        return []
    unless = tuple(unless)
    spans = []
    for start, end in list(clauses(normal))[-1:] if last_clause else clauses(normal):
        clause = normal.text[start:end]
        found = [(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(clause) if m.end() > m.start()]
        if found and not any(pattern.search(clause) for pattern in unless):
            spans += [normal.span(start + low, start + high) for low, high in found]
    return sorted(set(spans))


def may_match(pattern: re.Pattern, text: str) -> bool:
    """False when ``pattern`` cannot match any clause of ``text`` (or of the texts joined in it): one
    search of the whole text instead of one per clause. Patterns with anchors (^, $, \\b) are always searched clause by clause."""
    return _anchored(pattern) or pattern.search(text) is not None


@lru_cache(maxsize=4096)
def _anchored(pattern: re.Pattern) -> bool:
    return any(mark in pattern.pattern for mark in ("^", "$", "\\b", "\\B", "\\A", "\\Z", "(?<", "(?=", "(?!"))
