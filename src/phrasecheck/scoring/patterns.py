"""Script patterns: regular expressions matched clause by clause against normalised text."""

from __future__ import annotations

import re
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
    patterns, unless = tuple(patterns), tuple(unless)
    spans = []
    for start, end in list(clauses(normal))[-1:] if last_clause else clauses(normal):
        clause = normal.text[start:end]
        if any(pattern.search(clause) for pattern in unless):
            continue
        for pattern in patterns:
            spans += [normal.span(start + m.start(), start + m.end())
                      for m in pattern.finditer(clause) if m.end() > m.start()]
    return sorted(set(spans))
