"""Skip patterns that cannot match: the literal text every match of a regular expression must contain.

``(您|你|大家)好`` can only match where 您好, 你好 or 大家好 occurs. One Aho-Corasick pass
over an exchange finds where those literals occur, and only the patterns that could match are
then searched with the regular-expression engine, and only in the clauses where they could
(as code search engines do).
A pattern whose literals cannot be worked out is always searched.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import product

import ahocorasick_rs

try:  # the standard library's own regular-expression parser (``sre_parse`` before Python 3.11)
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

#: Largest set of strings kept when multiplying out alternatives (真|太|很)(热情|耐心 …).
MAX_STRINGS = 64
#: Largest character class treated as alternatives ([没不] is 没 or 不).
MAX_CLASS = 16
#: The automaton kind that searches a few hundred words fastest (the lexicon's phrases: twice as fast
#: as the default). Not for thousands: the scripts' 3,000 literals make a 9 MB table (the default
#: kind's is 0.3 MB), whose lookups miss the caches between a batch's calls and took longer.
FASTEST = ahocorasick_rs.Implementation.DFA


@dataclass(frozen=True, slots=True)
class _Info:
    """What is known of a piece of a pattern: the exact strings it matches, or strings one of which it contains."""

    exact: frozenset[str] | None = None
    required: frozenset[str] | None = None


_UNKNOWN = _Info()
_EMPTY = _Info(frozenset({""}))


@cache
def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every non-empty match of ``pattern`` contains, or None when unknown
    (remembered: the family rules and the pattern filter ask about the same patterns)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unexpected parse only means: always search this pattern
        return None
    info = _sequence(list(parsed))
    found = info.required if info.required is not None else info.exact
    if not found or "" in found:
        return None
    return frozenset(s for s in found if not _has_shorter(s, found))


def _has_shorter(string: str, strings: frozenset[str]) -> bool:
    """Whether one of ``strings`` is a part of ``string`` shorter than it (its substrings are looked
    up, not the strings compared: a pattern may have hundreds of literals, each a few characters)."""
    size = len(string)
    return any(string[start:end] in strings for start in range(size)
               for end in range(start + 1, size + 1) if end - start < size)


def _sequence(nodes: list) -> _Info:
    """A run of pieces: exact strings multiplied out while known, and the most selective requirement."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    broken = False
    for op, argument in nodes:
        info = _node(op, argument)
        if info.required is not None:
            candidates.append(info.required)
        if info.exact is not None and len(run) * len(info.exact) <= MAX_STRINGS:
            run = frozenset(a + b for a, b in product(run, info.exact))
        else:
            broken = True
            candidates.append(run)
            run = info.exact if info.exact is not None else frozenset({""})
    candidates.append(run)
    usable = [c for c in candidates if c and "" not in c]
    return _Info(None if broken else run, max(usable, key=_selectivity) if usable else None)


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _node(op, argument) -> _Info:
    name = str(op)
    if name == "LITERAL":
        return _Info(frozenset({chr(argument)}))
    if name == "IN":
        return _class(argument)
    if name == "SUBPATTERN":
        flags_added = argument[1]
        return _UNKNOWN if flags_added & re.IGNORECASE else _sequence(list(argument[3]))
    if name == "BRANCH":
        return _branch([_sequence(list(branch)) for branch in argument[1]])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeat(*argument)
    if name == "ATOMIC_GROUP":
        return _sequence(list(argument))
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _EMPTY
    return _UNKNOWN


def _class(items) -> _Info:
    chars = [chr(value) for op, value in items if str(op) == "LITERAL"]
    if len(chars) != len(items) or len(chars) > MAX_CLASS:
        return _UNKNOWN
    return _Info(frozenset(chars))


def _branch(branches: list[_Info]) -> _Info:
    exact = None
    if all(b.exact is not None for b in branches):
        exact = frozenset().union(*(b.exact for b in branches))
    wanted = [b.required if b.required is not None else b.exact for b in branches]
    required = None if any(w is None or "" in w for w in wanted) else frozenset().union(*wanted)
    if exact is not None and len(exact) > MAX_STRINGS:
        exact = None
    return _Info(exact, required)


def _repeat(low: int, high, body) -> _Info:
    inner = _sequence(list(body))
    if low == 0:
        if high == 1 and inner.exact is not None:
            return _Info(inner.exact | {""})
        return _EMPTY if high == 0 else _Info(None, None)
    if low == high and inner.exact is not None and len(inner.exact) ** low <= MAX_STRINGS:
        return _Info(frozenset("".join(parts) for parts in product(inner.exact, repeat=low)))
    return _Info(None, inner.required if inner.required is not None else inner.exact)


def may_match(pattern: re.Pattern, text: str) -> bool:
    """Whether ``pattern`` may match something non-empty in ``text``: one of its required literals occurs
    there (always, when they are unknown). A few substring tests instead of a search that tries every position."""
    literals = required_literals(pattern)
    return literals is None or any(literal in text for literal in literals)


class Automaton:
    """An Aho-Corasick automaton over ``words`` (``fastest``: the DFA kind, see :data:`FASTEST`) that
    pickles as its words, so that a built engine can be kept on disk (ahocorasick_rs's own does not pickle)."""

    __slots__ = ("words", "fastest", "_automaton")

    def __init__(self, words: Iterable[str], fastest: bool = False):
        self.words, self.fastest = list(words), fastest
        self._automaton = (ahocorasick_rs.AhoCorasick(self.words, implementation=FASTEST) if fastest
                           else ahocorasick_rs.AhoCorasick(self.words))

    def overlapping(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence in ``text`` of every word, overlaps included: (word index, start, end)."""
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def __reduce__(self):
        return Automaton, (self.words, self.fastest)


class Prefilter:
    """Which of a set of patterns could match a text: one automaton over their required literals.

    Patterns are named by ``id()``: hashing a compiled pattern hashes its whole program every
    time (CPython caches nothing), which was about 5% of a batch's instructions. The prefilter keeps the
    patterns alive, so their ids stay theirs.
    """

    def __init__(self, patterns: Iterable[re.Pattern]):
        self._patterns = list({id(pattern): pattern for pattern in patterns}.values())
        owners: dict[str, set[int]] = {}
        for pattern in self._patterns:
            for literal in required_literals(pattern) or ():  # None: always searched
                owners.setdefault(literal, set()).add(id(pattern))
        self._literals = list(owners)
        self._owners = [frozenset(owners[literal]) for literal in self._literals]
        self._automaton = Automaton(self._literals) if self._literals else None
        #: The id of every pattern the automaton rules in or out.
        self.filtered = frozenset(key for owners in self._owners for key in owners)

    def __getstate__(self) -> dict:
        """Owners by place in the pattern list: ids are not kept by pickling."""
        place = {id(pattern): i for i, pattern in enumerate(self._patterns)}
        owners = [sorted(place[key] for key in keys) for keys in self._owners]
        return {"patterns": self._patterns, "literals": self._literals, "owners": owners, "automaton": self._automaton}

    def __setstate__(self, state: dict) -> None:
        self._patterns, self._literals, self._automaton = state["patterns"], state["literals"], state["automaton"]
        self._owners = [frozenset(id(self._patterns[i]) for i in places) for places in state["owners"]]
        self.filtered = frozenset(key for owners in self._owners for key in owners)

    def clauses_of(self, joined: str, starts: list[int]) -> dict[int, set[int]]:
        """For each filtered pattern that may match in ``joined`` (clauses joined by newlines, clause
        ``k`` starting at ``starts[k]``), by id: the clauses where one of its literals occurs.
        A match lies within one clause and contains one of those literals, so only these clauses
        need searching; patterns not listed cannot match (or are not filtered)."""
        if self._automaton is None:
            return {}
        by_literal: dict[int, set[int]] = {}
        for index, start, _ in self._automaton.overlapping(joined):
            clause = bisect_right(starts, start) - 1
            if (found := by_literal.get(index)) is None:
                by_literal[index] = {clause}
            else:
                found.add(clause)
        where: dict[int, set[int]] = {}
        for index, clauses in by_literal.items():
            for key in self._owners[index]:
                if (found := where.get(key)) is None:
                    where[key] = set(clauses)
                else:
                    found |= clauses
        return where
