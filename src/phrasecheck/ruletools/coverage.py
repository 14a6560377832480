"""Which extracted phrases the loaded lexicon already covers, so that a draft does not repeat them.

A phrase is covered when a rule of the same kind matches all of it (its normalised text, placeholders
aside): the document's “您好” is the default rule's 您好; its “您好，请问办理什么业务？” is not, since
the rule covers only part of it. A prohibited phrase is covered too when a rule flags all of it but a word or
two around (我不知道, 这不关我的事: the rule flags them as they stand, and a drafted rule of the same words would only
take its place with an unwritten suggestion). A rule of the other kind matching a phrase is no cover: that clash is
for ``lexicon check`` to report.
"""

from __future__ import annotations

from dataclasses import replace

from ..matching import Matcher
from ..normalize import normal_text
from .extract import KINDS, PROHIBITED, Extraction, Phrase
from ..lexicon.model import SLOT_PATTERN


def mark_covered(extraction: Extraction, matcher: Matcher) -> Extraction:
    """A copy of ``extraction`` whose phrases carry ``covered_by``: the id of a rule that matches all of them."""
    marked = Extraction(extraction.path)
    for kind in KINDS:
        phrases = extraction.of_kind(kind)
        findings = matcher.find_many([phrase.text for phrase in phrases]) if phrases else []
        marked.of_kind(kind).extend(
            replace(phrase, covered_by=_cover(phrase, found, kind)) for phrase, found in zip(phrases, findings))
    return marked


#: The most characters of a prohibited phrase a rule may leave unflagged and still cover it (我 of 我不知道).
AROUND = 2


def _cover(phrase: Phrase, findings, kind: str) -> str | None:
    whole = _words(phrase.text)
    return next((finding.rule for finding in findings
                 if finding.kind == kind and whole and _covers(_words(finding.text), whole, kind)), None)


def _covers(found: str, whole: str, kind: str) -> bool:
    return found == whole or (kind == PROHIBITED and found in whole and len(whole) - len(found) <= AROUND)


def _words(text: str) -> str:
    return normal_text(SLOT_PATTERN.sub("", text))
