"""Confirm candidates: jieba word boundaries and context guards (hedges, quotations)."""

from __future__ import annotations

import re
from functools import lru_cache

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
    position = low
    for token in _cut(text.text[low:high]):
        token_start, position = position, position + len(token)
        if token_start < start < position or start < token_start < end < position:
            return False
    return True


def passes_guards(text: NormalText, candidate: Candidate) -> bool:
    """False when a context guard cancels the candidate (a hedge, a quotation, a mention)."""
    rule = candidate.form.rule
    if rule.kind != "prohibited" and not (rule.not_before or rule.not_after
                                          or rule.not_before_pattern or rule.not_after_pattern):
        return True
    clause_start, clause_end = text.clause(candidate.start)
    before = text.text[clause_start:candidate.start]
    after = text.text[candidate.end:clause_end]
    if any(after.startswith(guard) for guard in _normalized(rule.not_after)):
        return False
    if any(before.endswith(guard) for guard in _normalized(rule.not_before)):
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


@lru_cache(maxsize=8192)  # the windows around common phrases; bounded, so long batches stay flat
def _cut(text: str) -> tuple[str, ...]:
    return tuple(_jieba().lcut(text, HMM=False))


@lru_cache(maxsize=1)
def _jieba():
    """jieba, imported only when a boundary decision needs it, without its start-up chatter."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
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
