"""``phrasecheck fix``: replace prohibited expressions in drafts with the lexicon's suggestion."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .lexicon.check import UNFINISHED_SUGGESTION
from .lexicon.model import SLOT_PATTERN
from .lint import LocatedFinding, lint_text
from .matching import Matcher
from .models import Finding


@dataclass(frozen=True, slots=True)
class Fix:
    """One prohibited finding and what replaces it (``None``: no safe suggestion, left as it is)."""

    located: LocatedFinding
    replacement: str | None


#: A fuzzy match (a paraphrase or typo) is rewritten only this close to the rule's wording; a looser
#: one may have taken in words around the expression, so it is reported for a person to fix.
FUZZY_FIX_SIMILARITY = 0.9


def plan_fixes(matcher: Matcher, text: str, path: str) -> list[Fix]:
    """A fix for every prohibited finding in ``text``."""
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
    for fix in sorted((f for f in fixes if f.replacement), key=lambda f: f.located.finding.start):
        finding = fix.located.finding
        pieces += [text[position:finding.start], fix.replacement]
        position = finding.end
    return "".join(pieces) + text[position:]


def unified_diff(path: str, before: str, after: str) -> list[str]:
    """The change as unified-diff lines (without line endings)."""
    return list(difflib.unified_diff(before.splitlines(), after.splitlines(), f"{path}", f"{path}", lineterm=""))
