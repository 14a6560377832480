"""``phrasecheck fix``: replace prohibited expressions in drafts with the lexicon's suggestion."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .lexicon.model import SLOT_PATTERN, UNFINISHED_SUGGESTION
from .lint import MAX_LINE_CHARS, LocatedFinding, lint_text
from .matching import Matcher
from .models import Finding
from .textio import InputError


@dataclass(frozen=True, slots=True)
class Fix:
    """One prohibited finding and what replaces it (``None``: no safe suggestion, left as it is)."""

    located: LocatedFinding
    replacement: str | None


#: A fuzzy match (a paraphrase or typo) is rewritten only this close to the rule's wording; a looser
#: one may have taken in words around the expression, so it is reported for a person to fix.
FUZZY_FIX_SIMILARITY = 0.9


#: A line longer than ``check`` matches (tried only where a line starts, so the search is linear).
_TOO_LONG = re.compile(f"(?:^|(?<=[\r\n]))[^\r\n]{{{MAX_LINE_CHARS + 1}}}")


def plan_fixes(matcher: Matcher, text: str, path: str) -> list[Fix]:
    """A fix for every prohibited finding in ``text``; InputError if a line is too long to match (the
    file is then left as it is, rather than rewritten with that line unchecked)."""
    if too_long := _TOO_LONG.search(text):
        line = text.count("\n", 0, too_long.start()) + 1
        raise InputError(path, f"行过长（超过 {MAX_LINE_CHARS} 个字符），未修改 / line longer than {MAX_LINE_CHARS} "
                               "characters; not fixed", line)
    return [Fix(located, safe_suggestion(located.finding.suggestion) if _close_enough(located.finding) else None)
            for located in lint_text(matcher, text, path) if located.finding.kind == "prohibited"]


def _close_enough(finding: Finding) -> bool:
    """Exact wordings, variants and same-sound typos are safe to replace; fuzzy ones only when very close."""
    return finding.match != "fuzzy" or finding.similarity >= FUZZY_FIX_SIMILARITY


def safe_suggestion(suggestion: str | None) -> str | None:
    """The suggestion if it can stand in the text as it is: not missing, unfinished, or with slots to fill."""
    if not suggestion or suggestion == UNFINISHED_SUGGESTION or SLOT_PATTERN.search(suggestion):
        return None
    return suggestion


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """``text`` with each fixable finding replaced; every other character stays as it was."""
    pieces, position = [], 0
    for fix in sorted((f for f in fixes if f.replacement), key=lambda f: f.located.start):
        pieces += [text[position:fix.located.start], fix.replacement]
        position = fix.located.end
    return "".join(pieces) + text[position:]


def unified_diff(path: str, before: str, after: str, context: int = 3) -> list[str]:
    """The change as unified-diff lines (without line endings).

    A fix rewrites lines in place, so the changed lines are found by comparing the two texts line
    by line, in linear time (difflib's matcher is quadratic on long drafts, and loses its way in one
    whose lines repeat). Only when a replacement adds or removes a line break is difflib needed.
    """
    old, new = before.splitlines(), after.splitlines()
    if len(old) != len(new):
        return list(difflib.unified_diff(old, new, path, path, lineterm=""))
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    if not changed:
        return []
    lines = [f"--- {path}", f"+++ {path}"]
    for first, last in _hunks(changed, context):
        start, stop = max(0, first - context), min(len(old), last + context + 1)
        span = _range(start, stop)
        lines.append(f"@@ -{span} +{span} @@")
        at = start
        while at < stop:
            run_end = at
            while run_end < stop and old[run_end] != new[run_end]:
                run_end += 1
            if run_end == at:
                lines.append(" " + old[at])
                at += 1
            else:
                lines += ["-" + line for line in old[at:run_end]] + ["+" + line for line in new[at:run_end]]
                at = run_end
    return lines


def _hunks(changed: list[int], context: int) -> list[tuple[int, int]]:
    """Changed lines grouped as difflib groups them: closer than two contexts apart, one hunk."""
    hunks = [[changed[0], changed[0]]]
    for line in changed[1:]:
        if line - hunks[-1][1] - 1 > 2 * context:
            hunks.append([line, line])
        else:
            hunks[-1][1] = line
    return [(first, last) for first, last in hunks]


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diff writes it (difflib's ``_format_range_unified``)."""
    length = stop - start
    return str(start + 1) if length == 1 else f"{start + 1 if length else start},{length}"
