"""Script patterns: regular expressions matched clause by clause against normalised text.

A pattern whose required literals are known (see :mod:`.literals`) is searched only in the
clauses where one of them occurs, clause by clause. Any other pattern is searched once per
exchange, over every clause of every turn joined with newlines: a search never reads across a
newline unless the pattern says so, and when it does (the match crosses a clause end), or when
the pattern holds a lookaround or anchor that could see past one, that pattern is searched
clause by clause instead. Either way the result is what searching each clause on its own gives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..normalize import NormalText
from ..literals import Prefilter
from ..rulepatterns import multiline

#: The turns where a pattern that cannot match is found.
NOWHERE: frozenset[int] = frozenset()
#: Per pattern: clause number → the (start, end) of each match in that clause.
Hits = dict[int, list[tuple[int, int]]]

#: A lookaround whose body cannot match a newline or nothing (literal characters, classes, |).
_PLAIN = r"(?:[^\\()\[\].^$*+?{}|]|\[[^\]\\^][^\]\\]*\])+"
_SAFE_LOOKAROUND = re.compile(rf"\(\?<?[=!]{_PLAIN}(?:\|{_PLAIN})*\)")


class Clauses:
    """The clauses of every turn of an exchange, ready to be searched pattern by pattern.

    Patterns the ``prefilter`` knows are searched only in the clauses where their required literals occur.
    Results are kept by pattern ``id()`` (see :class:`Prefilter` for why), and each pattern
    searched is kept alive with them, so that no other pattern can take its id meanwhile.
    """

    def __init__(self, normals: Sequence[NormalText], prefilter: Prefilter | None = None):
        self.normals = normals
        self.texts: list[str] = []
        self.turn_of: list[int] = []
        self.offsets: list[int] = []
        #: Each turn's first clause number (and, last, the number of clauses).
        self.first: list[int] = []
        #: Where each clause starts in :attr:`joined`.
        self.starts: list[int] = []
        joined_length = 0
        for turn, normal in enumerate(normals):
            self.first.append(len(self.texts))
            text, start = normal.text, 0
            for end in (*normal.breaks, len(text)):  # each non-empty clause, between breaks
                if end > start:
                    self.texts.append(text[start:end])
                    self.turn_of.append(turn)
                    self.offsets.append(start)
                    self.starts.append(joined_length)
                    joined_length += end - start + 1
                start = end
        self.first.append(len(self.texts))
        self.joined = "\n".join(self.texts)
        self._joinable = self.joined.count("\n") == max(len(self.texts) - 1, 0)
        self._hits: dict[int, Hits] = {}
        self._turns: dict[int, frozenset[int]] = {}
        self._searched: list[re.Pattern] = []
        #: The prefilter (kept, as it keeps its patterns, and so their ids, alive) and the ids of its patterns.
        self._prefilter = prefilter
        #: The clauses where a filtered pattern could match (by pattern id); the others cannot.
        self._candidates = prefilter.clauses_of(self.joined, self.starts) if prefilter else {}
        #: The ids of the patterns that cannot match in this exchange (most of them).
        self._ruled_out = prefilter.filtered - self._candidates.keys() if prefilter else frozenset()

    def find(self, turn: int, patterns: Iterable[re.Pattern], unless: Iterable[re.Pattern] = (),
             last_clause: bool = False, unless_before: Sequence[re.Pattern] = (),
             unless_after: Sequence[re.Pattern] = ()) -> list[tuple[int, int]]:
        """Original-text spans in ``turn`` where a pattern matches a clause that no ``unless`` pattern matches, that
        does not follow, in the turn, a clause an ``unless_before`` pattern matches, and that no later clause of the
        turn an ``unless_after`` pattern matches follows.

        With ``last_clause`` only the turn's last clause is searched.
        """
        hits = []
        ruled_out, known = self._ruled_out, self._turns
        for pattern in patterns:  # a loop, no method call for a ruled-out pattern: this runs for every item and turn
            key = id(pattern)
            if key in ruled_out:
                continue
            turns = known.get(key)
            if turn in (self.turns(pattern) if turns is None else turns):
                hits.append(self._hits[key])
        if not hits:
            return []
        first, end = self.first[turn], self.first[turn + 1]
        normal = self.normals[turn]
        spans = set()
        followed = self._followed(first, end, unless_after)
        for clause in range(max(first, end - 1) if last_clause else first, end):
            found = [span for by_clause in hits for span in by_clause.get(clause, ()) if span[1] > span[0]]
            if found and not any(clause in self.hits(pattern) for pattern in unless) and not (
                    clause > first and any(clause - 1 in self.hits(pattern) for pattern in unless_before)) and not (
                    clause < followed):
                offset = self.offsets[clause]
                spans.update(normal.span(offset + start, offset + end) for start, end in found)
        return sorted(spans)

    def _followed(self, first: int, end: int, patterns: Sequence[re.Pattern]) -> int:
        """The last clause of ``first``…``end`` (a turn's) that one of ``patterns`` matches; every clause before it is
        followed by one (``first`` when none is: no clause is)."""
        return next((clause for clause in range(end - 1, first - 1, -1)
                     if any(clause in self.hits(pattern) for pattern in patterns)), first) if patterns else first

    def turns_of(self, patterns: Iterable[re.Pattern]) -> list[int]:
        """The turns where any of ``patterns`` matches something, in order."""
        found: set[int] = set()
        ruled_out = self._ruled_out
        for pattern in patterns:
            if id(pattern) not in ruled_out:  # most are
                found.update(self.turns(pattern))
        return sorted(found)

    def turns(self, pattern: re.Pattern) -> frozenset[int]:
        """The turns where ``pattern`` matches something (not nothing)."""
        key = id(pattern)
        turns = self._turns.get(key)
        if turns is None:
            if key in self._ruled_out:
                turns = NOWHERE
            else:
                turns = frozenset(self._turns_matched(self.hits(pattern)))
            self._turns[key] = turns
        return turns

    def hits(self, pattern: re.Pattern) -> Hits:
        """Every match of ``pattern`` (empty ones too), by clause."""
        key = id(pattern)
        hits = self._hits.get(key)
        if hits is None:
            candidates = self._candidates.get(key)
            if candidates is not None:
                hits = self._search_each(pattern, sorted(candidates))
            elif key in self._ruled_out:
                hits = {}
            else:
                joined = _joined_form(pattern) if self._joinable else None
                hits = self._search_joined(joined) if joined is not None else None
                if hits is None:
                    hits = self._search_each(pattern, range(len(self.texts)))
            self._hits[key] = hits
            self._searched.append(pattern)
        return hits

    def _turns_matched(self, hits: Hits) -> set[int]:
        """The turns of the clauses where a match is not empty (plain loops: this runs for every pattern)."""
        turns = set()
        for clause, spans in hits.items():
            for start, end in spans:
                if end > start:
                    turns.add(self.turn_of[clause])
                    break
        return turns

    def _search_joined(self, pattern: re.Pattern) -> Hits | None:
        """One search of the joined clauses; None when a match crosses a clause end."""
        hits: Hits = {}
        starts = self.starts
        if not self.texts:
            return hits
        for match in pattern.finditer(self.joined):
            start, end = match.span()
            clause = bisect_right(starts, start) - 1
            base = starts[clause]
            if end - base > len(self.texts[clause]):
                return None
            hits.setdefault(clause, []).append((start - base, end - base))
        return hits

    def _search_each(self, pattern: re.Pattern, clauses: Iterable[int]) -> Hits:
        """Search each of ``clauses`` on its own."""
        hits: Hits = {}
        for clause in clauses:
            for match in pattern.finditer(self.texts[clause]):
                hits.setdefault(clause, []).append(match.span())
        return hits


@lru_cache(maxsize=4096)
def _joined_form(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` for searching clauses joined by newlines (^ and $ at every clause), or None
    when a lookaround or \\A, \\Z could see past a clause end."""
    source = _SAFE_LOOKAROUND.sub("", pattern.pattern)
    if any(mark in source for mark in ("(?=", "(?!", "(?<", "\\A", "\\Z")):
        return None
    return multiline(pattern)
