"""Words for people, by rule id, in the language asked: what every report says about a finding.

Matching and scoring find things by rule id (``prohibited.shirk.not-my-business``,
``phone.greeting.partial``, ``reception.praise``) and carry no words, and neither does the results
store. Reports look each id up here: a finding's category (or the script step's name) and its
message, in the language asked. An id no rule or script has any more is shown as itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath
from dataclasses import dataclass

from ..lexicon.model import Lexicon, SourceRef
from .model import Script, Text

#: What a lexicon rule without a note says, by kind.
DEFAULT_MESSAGE = {"prohibited": Text("服务禁语", "Prohibited expression"), "courtesy": Text("文明用语", "Courtesy phrase"),
                   "informal": Text("不当用语", "Wording to improve")}


@dataclass(frozen=True, slots=True)
class Words:
    """What a finding of one rule is called (its category, or the script step's name) and what it says."""

    category: Text
    message: Text
    #: The regulations it comes from (the rule's or the step's ``sources``).
    sources: tuple[SourceRef, ...] = ()


class Catalogue:
    """The words of every rule of a lexicon and every step, part and situation of some scripts."""

    def __init__(self, lexicon: Lexicon, scripts: Iterable[Script]):
        self._words: dict[str, Words] = {}
        for rule in lexicon.rules:
            category = Text(lexicon.category_name(rule.category, "zh"), lexicon.category_name(rule.category, "en"))
            default = DEFAULT_MESSAGE[rule.kind]
            self._words[rule.id] = Words(category, Text(rule.note or default.zh, rule.note_en or rule.note or default.en),
                                         tuple(rule.sources))
        for script in scripts:
            self._add_script(script)

    def _add_script(self, script: Script) -> None:
        for item in script.items:
            cited = tuple(item.sources)
            self._words[f"{script.name}.{item.key}"] = Words(item.name, item.message, cited)
            self._words[f"{script.name}.{item.key}.question"] = Words(item.name, item.name, cited)
            for how in ("partial", "late", "early"):
                if shortfall := getattr(item, how):
                    self._words[f"{script.name}.{item.key}.{how}"] = Words(item.name, shortfall.message, cited)
            if item.gone:   # shown as a situation: its words are what happened
                self._words[f"{script.name}.{item.key}.gone"] = Words(item.gone.message, item.gone.message, cited)
            if item.avoid:
                self._words[f"{script.name}.{item.key}.avoid"] = Words(item.avoid.category, item.avoid.message, cited)
        for trigger in script.triggers:
            self._words[f"{script.name}.{trigger.key}"] = Words(trigger.name, trigger.message, tuple(trigger.sources))

    def category(self, rule: str, lang: str, stored: str | None = None) -> str:
        """The category (or step name) of ``rule`` in ``lang``; when the rule is unknown, ``stored`` (words
        kept by a store written before results were kept without words) or else the rule id itself."""
        words = self._words.get(rule)
        return words.category.get(lang) if words else stored or rule

    def sources(self, rule: str) -> tuple[SourceRef, ...]:
        """The regulations ``rule`` (a lexicon rule or a script step) comes from; none when it is unknown."""
        words = self._words.get(rule)
        return words.sources if words else ()

    def cited(self, rule: str) -> str:
        """``rule``'s regulations in a line: 000 第三条 5；002 第三条（六） (a numbered document by its number, another by its
        name: 窗口规范 第五条)."""
        return "；".join(dict.fromkeys(f"{_document(source.doc)} {source.article}".strip() for source in self.sources(rule)))

    def namer(self, lang: str) -> Callable[[str, str | None], str]:
        """Names a step in ``lang`` by its rule id, and what an older store kept with it (for summaries)."""
        return lambda rule, stored: self.category(rule, lang, stored)

    def message(self, rule: str, lang: str, stored: str = "") -> str:
        """The message of ``rule`` in ``lang``; ``stored`` when the rule is unknown."""
        words = self._words.get(rule)
        return (words.message.get(lang) or stored) if words else stored

    def words(self, kind: str, rule: str, match: str | None, lang: str, category: str = "", message: str = "") -> tuple[str, str]:
        """The category and message of a finding of ``rule`` in ``lang`` (``category`` and ``message``
        when the rule is unknown). What a script marks as found (a situation, a question, a polite
        pattern) says its name; the rule's message is what its missing reply says."""
        category, message = self.worded(rule, lang, category, message)
        if kind == "trigger" or (kind == "courtesy" and match == "pattern"):
            message = category
        return category, message

    def of(self, finding, lang: str) -> tuple[str, str]:
        """The category and message of a :class:`~phrasecheck.models.Finding` or card finding in ``lang``."""
        return self.words(finding.kind, finding.rule, finding.match, lang)

    def finding(self, finding: dict, lang: str) -> dict:
        """A stored finding (score-v1 JSON) with its category and message in ``lang``."""
        category, message = self.words(finding["kind"], finding["rule"], finding.get("match"), lang,
                                       finding.get("category") or "", finding.get("message") or "")
        return finding | {"category": category, "message": message, "sources": self.sources_json(finding["rule"])}

    def sources_json(self, rule: str) -> list[dict]:
        """``rule``'s regulations as score-v1 JSON writes them."""
        return [{"doc": source.doc, "article": source.article, "line": source.line} for source in self.sources(rule)]

    def card(self, card: dict, lang: str) -> dict:
        """A stored score-v1 card with its findings' and breakdown lines' words in ``lang`` (the grade's
        label is the bands' to say)."""
        findings = [self.finding(finding, lang) for finding in card["findings"]]
        return {**card, "findings": findings,
                "breakdown": [self._line(line, card["script"], findings, lang) for line in card["breakdown"]]}

    def _line(self, line: dict, script: str, findings: list[dict], lang: str) -> dict:
        """A breakdown line in ``lang``: its item's name, and the messages of the findings that cost points."""
        reasons = dict.fromkeys(findings[i]["message"] for i in line["evidence"] if findings[i]["points"] < 0)
        return {**line, "name": self.category(f"{script}.{line['item']}", lang, line["name"] or line["item"]),
                "message": ("; " if lang == "en" else "；").join(reasons) or None}

    def worded(self, rule: str, lang: str, category: str, message: str) -> tuple[str, str]:
        """The category and message of a stored finding of ``rule`` in ``lang`` (as stored, when unknown)."""
        return self.category(rule, lang, category), self.message(rule, lang, message)


def _document(name: str) -> str:
    """How a citation names a document: the number a seed's file name starts with (000_8e94….txt → 000), else its
    name without the extension."""
    numbered = re.match(r"(\d+)_", name)
    return numbered[1] if numbered else PurePath(name).stem
