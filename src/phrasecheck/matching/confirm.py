"""Confirm candidates: jieba word boundaries and context guards (hedges, quotations)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from ..normalize import NormalText, normalize
from .candidates import Candidate

#: Characters of context on each side that jieba sees when judging a boundary.
BOUNDARY_WINDOW = 4
#: Phrases longer than this are not boundary-checked: a long phrase is its own evidence.
BOUNDARY_MAX_LENGTH = 4
#: Text just before a prohibited phrase that makes it a mention, not a use (规定不能说“不归我管”).
MENTION_BEFORE = re.compile(
    r"(不能|不要|不准|不许|禁止|严禁|不得|不应该|不应|不该|别|避免|切忌|杜绝|忌)(对[^说讲]{1,8})?(说|讲|使用|用)$"
    r"|(禁用语|忌语|禁语|服务禁语)(有|是|如|包括|比如)?$"
)
#: What jieba's cut joins into one token when adjacent (its ``re_eng``).
_ALNUM = re.compile("[a-zA-Z0-9]")
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}


def on_word_boundaries(text: NormalText, candidate: Candidate) -> bool:
    """False when jieba puts a word across the candidate's edge (您好 in 您好像没带)."""
    start, end = candidate.start, candidate.end
    if end - start > BOUNDARY_MAX_LENGTH or candidate.how == "fuzzy":
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
    """:func:`crosses_edges` decided by cutting ``window`` with jieba."""
    position = 0
    for token in _jieba().lcut(window, HMM=False):
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
    words = _jieba().dt.FREQ
    size = len(window)
    crossing_start = ((i, j) for i in range(start) for j in range(start + 1, size + 1))
    crossing_end = ((i, j) for i in range(start + 1, end) for j in range(end + 1, size + 1))
    return any(words.get(window[i:j]) for i, j in chain(crossing_start, crossing_end))


def _joined(window: str, edge: int) -> bool:
    """Letters or digits on both sides of ``edge``, which jieba's cut would join into one token."""
    return 0 < edge < len(window) and _ALNUM.match(window, edge - 1) is not None and _ALNUM.match(window, edge) is not None


def passes_guards(text: NormalText, candidate: Candidate) -> bool:
    """False when a context guard cancels the candidate (a hedge, a quotation, a mention)."""
    rule = candidate.form.rule
    if rule.kind != "prohibited" and not (rule.not_before or rule.not_after
                                          or rule.not_before_pattern or rule.not_after_pattern):
        return True
    clause_start, clause_end = text.clause(candidate.start)
    before = text.text[clause_start:candidate.start]
    after = text.text[candidate.end:clause_end]
    if after.startswith(_normalized(rule.not_after)) or before.endswith(_normalized(rule.not_before)):
        return False
    if rule.not_after_pattern and rule.not_after_pattern.search(after):
        return False
    if rule.not_before_pattern and rule.not_before_pattern.search(before):
        return False
    if rule.kind == "prohibited":
        original_start, original_end = text.span(candidate.start, candidate.end)
        if _quoted(text.original, original_start, original_end):
            return False
        if MENTION_BEFORE.search(text.text[max(0, candidate.start - 12):candidate.start]):
            return False
    return True


@lru_cache(maxsize=1)
def _jieba():
    """jieba with its dictionary loaded, imported only when a boundary decision needs it, without its start-up chatter."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=4096)
def _normalized(guards: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text for text in (normalize(guard).text for guard in guards) if text)


def _quoted(original: str, start: int, end: int) -> bool:
    """True when ``original[start:end]`` stands inside quotation marks on its line."""
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", end)
    before = original[line_start:start]
    after = original[end:line_end if line_end >= 0 else len(original)]
    for opening, closing in _QUOTES.items():
        opened = before.count(opening) - (before.count(closing) if opening != closing else 0)
        if opening == closing:
            opened %= 2
        if opened > 0 and closing in after:
            return True
    return False
