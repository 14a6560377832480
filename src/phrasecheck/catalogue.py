"""Words for people, by rule id, in the language asked: what reports say about stored results.

The store keeps what scoring found by rule id (``prohibited.shirk.not-my-business``,
``phone.greeting.partial``, ``reception.praise``) with the words of the language it was scored in.
A report in another language looks each id up here, in the rules and scripts as loaded now, so that
``report --lang en`` needs no re-scoring; an id no rule or script has any more keeps its stored words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon.model import Lexicon
from .scoring.model import Script, Text


@dataclass(frozen=True, slots=True)
class Words:
    """What a finding of one rule is called (its category, or the script step's name) and what it says."""

    category: Text
    message: Text


class Catalogue:
    """The words of every rule of a lexicon and every step, part and situation of some scripts."""

    def __init__(self, lexicon: Lexicon, scripts: Iterable[Script]):
        self._words: dict[str, Words] = {}
        #: Each category or step name, in either language, to itself in both.
        self._names: dict[str, Text] = {}
        for rule in lexicon.rules:
            category = Text(lexicon.category_name(rule.category, "zh"), lexicon.category_name(rule.category, "en"))
            self._words[rule.id] = Words(category, Text(rule.note or "", rule.note_en or ""))
        for script in scripts:
            self._add_script(script)
        ambiguous: set[str] = set()
        for words in self._words.values():
            for name in filter(None, (words.category.zh, words.category.en)):
                if self._names.setdefault(name, words.category) != words.category:
                    ambiguous.add(name)  # Farewell (走有送声) names two steps: it is not translated
        for name in ambiguous:
            del self._names[name]

    def _add_script(self, script: Script) -> None:
        for item in script.items:
            self._words[f"{script.name}.{item.key}"] = Words(item.name, item.message)
            self._words[f"{script.name}.{item.key}.question"] = Words(item.name, item.name)
            for how in ("partial", "late", "early"):
                if shortfall := getattr(item, how):
                    self._words[f"{script.name}.{item.key}.{how}"] = Words(item.name, shortfall.message)
            if item.avoid:
                self._words[f"{script.name}.{item.key}.avoid"] = Words(item.avoid.category, item.avoid.message)
        for trigger in script.triggers:
            self._words[f"{script.name}.{trigger.key}"] = Words(trigger.name, trigger.message)

    def category(self, rule: str, lang: str, stored: str = "") -> str:
        """The category (or step name) of ``rule`` in ``lang``; ``stored`` when the rule is unknown."""
        words = self._words.get(rule)
        return words.category.get(lang) if words else stored

    def rename(self, stored: str, lang: str) -> str:
        """A category or step name as stored, in ``lang`` (as stored when unknown, or when it names
        several things that the other language tells apart)."""
        name = self._names.get(stored)
        return name.get(lang) if name else stored

    def message(self, rule: str, lang: str, stored: str = "") -> str:
        """The message of ``rule`` in ``lang``; ``stored`` when the rule is unknown."""
        words = self._words.get(rule)
        return (words.message.get(lang) or stored) if words else stored

    def finding(self, finding: dict, lang: str) -> dict:
        """A stored finding (score-v1 JSON) with its category and message in ``lang``. What a script marks
        as found (a situation, a question, a polite pattern) says its name, as scoring does; the rule's
        message is what its missing reply says."""
        category, message = self.worded(finding["rule"], lang, finding.get("category") or "", finding.get("message") or "")
        if finding["kind"] == "trigger" or (finding["kind"] == "courtesy" and finding.get("match") == "pattern"):
            message = category
        return finding | {"category": category, "message": message}

    def worded(self, rule: str, lang: str, category: str, message: str) -> tuple[str, str]:
        """The category and message of a stored finding of ``rule`` in ``lang`` (as stored, when unknown)."""
        return self.category(rule, lang, category), self.message(rule, lang, message)
