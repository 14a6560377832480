"""Confirm candidates: word boundaries as jieba cuts them, and context guards (hedges, quotations)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, chain

from ..normalize import NormalText, normalize
from .candidates import Candidate
from .compile import BARRIER_CHAR
from .words import words

#: Characters of context on each side that jieba sees when judging a boundary.
BOUNDARY_WINDOW = 4
#: Phrases longer than this are not boundary-checked: a long phrase is its own evidence.
BOUNDARY_MAX_LENGTH = 4
#: A family match's words up to this long are boundary-checked (笨 in 笨重, 傻 in 傻眼).
FAMILY_WORD_CHECKED = 2
#: Text just before a prohibited phrase that makes it a mention, not a use (规定不能说“不归我管”).
MENTION_BEFORE = re.compile(
    r"(不能|不要|不准|不许|禁止|严禁|不得|不应该|不应|不该|别|避免|切忌|杜绝|忌)(对[^说讲]{1,8})?(说|讲|使用|用)$"
    r"|(禁用语|忌语|禁语|服务禁语)(有|是|如|包括|比如)?$"
)
#: What jieba's cut joins into one token when adjacent (its ``re_eng``).
_ALNUM = re.compile("[a-zA-Z0-9]")
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}
_QUOTE = re.compile("[" + re.escape("".join(sorted(set(_QUOTES) | set(_QUOTES.values())))) + "]")
#: Characters of the clause on each side of a candidate that context guards see.
GUARD_REACH = 32
#: Marks where the context a guard sees was cut short of the clause's edge (no phrase or guard contains it).
CUT = BARRIER_CHAR


def on_word_boundaries(text: NormalText, candidate: Candidate) -> bool:
    """False when jieba puts a word across the candidate's edge (您好 in 您好像没带), or across the
    edge of one of a family match's short words (笨 in 笨重)."""
    if candidate.how == "family":
        return not any(word_goes_on(text, start, end) for start, end in candidate.parts
                       if end - start <= FAMILY_WORD_CHECKED)
    if candidate.how == "fuzzy":
        return True
    return span_on_word_boundaries(text, candidate.start, candidate.end)


def word_goes_on(text: NormalText, start: int, end: int) -> bool:
    """Whether jieba's cut joins the end of the normalised ``text[start:end]`` with what follows
    (笨 in 笨重, 傻 in 傻眼); what comes before does not matter (真笨 is still 笨)."""
    clause_start, clause_end = text.clause(start)
    low, high = max(clause_start, start - BOUNDARY_WINDOW), min(clause_end, end + BOUNDARY_WINDOW)
    return high > end and crosses_end(text.text[low:high], end - low)


@lru_cache(maxsize=8192)
def crosses_end(window: str, edge: int) -> bool:
    """Whether jieba's cut of ``window`` has a token across ``edge`` (checked with the trie first:
    most often no dictionary word spans it, and the window need not be cut)."""
    if not _joined(window, edge):
        dictionary = words()
        if not any(at + len(word) > edge for at in range(edge) for word in dictionary.starting(window, at)):
            return False
    position = 0
    for token in words().cut(window):
        token_start, position = position, position + len(token)
        if token_start < edge < position:
            return True
    return False


def span_on_word_boundaries(text: NormalText, start: int, end: int) -> bool:
    """Whether the normalised ``text[start:end]`` stands on word boundaries as jieba cuts its clause."""
    if end - start > BOUNDARY_MAX_LENGTH:
        return True
    clause_start, clause_end = text.clause(start)
    low, high = max(clause_start, start - BOUNDARY_WINDOW), min(clause_end, end + BOUNDARY_WINDOW)
    if low == start and high == end:
        return True
    return not crosses_edges(text.text[low:high], start - low, end - low)


@lru_cache(maxsize=8192)  # the windows around common phrases; bounded, so long batches stay flat
def crosses_edges(window: str, start: int, end: int) -> bool:
    """Whether jieba's cut of ``window`` puts a token across the start of ``window[start:end]``,
    or one starting inside it across its end; jieba cuts only when :func:`may_cross`."""
    return may_cross(window, start, end) and cut_crosses(window, start, end)


def cut_crosses(window: str, start: int, end: int) -> bool:
    """:func:`crosses_edges` decided by cutting ``window`` as jieba does."""
    position = 0
    for token in words().cut(window):
        token_start, position = position, position + len(token)
        if token_start < start < position or start < token_start < end < position:
            return True
    return False


def may_cross(window: str, start: int, end: int) -> bool:
    """Whether jieba could put a word across the edges of ``window[start:end]`` as
    :func:`on_word_boundaries` judges them: a dictionary word across its start, or one starting
    inside it and running past its end, or letters or digits on both sides of an edge (jieba
    joins those). Most often there is none, and the window need not be cut at all."""
    if _joined(window, start) or _joined(window, end):
        return True
    dictionary = words()
    for at, edge in chain(((at, start) for at in range(start)), ((at, end) for at in range(start + 1, end))):
        for word in dictionary.starting(window, at):
            if at + len(word) > edge:
                return True
    return False


def _joined(window: str, edge: int) -> bool:
    """Letters or digits on both sides of ``edge``, which jieba's cut would join into one token."""
    return 0 < edge < len(window) and _ALNUM.match(window, edge - 1) is not None and _ALNUM.match(window, edge) is not None


def passes_guards(text: NormalText, candidate: Candidate, quotes: Quotes) -> bool:
    """False when a context guard cancels the candidate (a hedge, a quotation, a mention).

    Guards see the clause around the candidate, at most :data:`GUARD_REACH` characters on each
    side: a pattern anchored at the clause's start or end (``^``, ``$``) does not match where a
    longer clause was cut.
    """
    rule = candidate.form.rule
    if rule.kind != "prohibited" and not (rule.not_before or rule.not_after
                                          or rule.not_before_pattern or rule.not_after_pattern):
        return True
    before, after = _context(text, candidate)
    if after.startswith(_normalized(rule.not_after)) or before.endswith(_normalized(rule.not_before)):
        return False
    if rule.not_after_pattern and rule.not_after_pattern.search(after):
        return False
    if rule.not_before_pattern and rule.not_before_pattern.search(before):
        return False
    if rule.kind == "prohibited":
        if quotes.around(*text.span(candidate.start, candidate.end)):
            return False
        if MENTION_BEFORE.search(text.text[max(0, candidate.start - 12):candidate.start]):
            return False
    return True


def _context(text: NormalText, candidate: Candidate) -> tuple[str, str]:
    """The clause's text before and after the candidate, each cut at :data:`GUARD_REACH` characters
    (marked with :data:`CUT`, so that ``^`` and ``$`` do not match at the cut)."""
    clause_start, clause_end = text.clause(candidate.start)
    low, high = max(clause_start, candidate.start - GUARD_REACH), min(clause_end, candidate.end + GUARD_REACH)
    before = text.text[low:candidate.start]
    after = text.text[candidate.end:high]
    return (CUT + before if low > clause_start else before), (after + CUT if high < clause_end else after)


class Quotes:
    """The quotation marks and line breaks of one original text, found on first use, so that
    whether a span stands inside quotation marks on its line is answered without rescanning the line."""

    __slots__ = ("original", "_breaks", "_marks")

    def __init__(self, original: str):
        self.original = original
        self._breaks: list[int] | None = None
        self._marks: dict[str, list[int]] = {}

    def around(self, start: int, end: int) -> bool:
        """True when ``original[start:end]`` stands inside quotation marks on its line."""
        if self._breaks is None:
            self._index()
        line = bisect_left(self._breaks, start)
        line_start = self._breaks[line - 1] + 1 if line else 0
        line_end = self._breaks[line] if line < len(self._breaks) else len(self.original)
        for opening, closing in _QUOTES.items():
            opened = self._count(opening, line_start, start)
            if opening == closing:
                opened %= 2
            else:
                opened -= self._count(closing, line_start, start)
            if opened > 0 and self._count(closing, end, line_end):
                return True
        return False

    def _index(self) -> None:
        """Line breaks (by the lengths of the lines, all in C) and quotation marks (rare: found one by one)."""
        lines = self.original.split("\n")
        self._breaks = [end + number for number, end in enumerate(accumulate(map(len, lines[:-1])))]
        for match in _QUOTE.finditer(self.original):
            self._marks.setdefault(match.group(), []).append(match.start())

    def _count(self, mark: str, start: int, end: int) -> int:
        """How many ``mark`` stand in ``original[start:end]``."""
        places = self._marks.get(mark, ())
        return bisect_left(places, end) - bisect_left(places, start) if places else 0


@lru_cache(maxsize=4096)
def _normalized(guards: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text for text in (normalize(guard).text for guard in guards) if text)

