"""A standard script as plain objects: what the loader produces and the scorer consumes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicon.model import SourceRef
from .grade import Bands

#: What an item checks; each has one function in :mod:`phrasecheck.scoring.items`.
CHECKS: tuple[str, ...] = ("opening", "closing", "answers", "responses", "courtesy", "prohibited")
#: Whose turns a trigger is looked for in.
TRIGGER_ROLES: tuple[str, ...] = ("resident", "staff")
#: Where a channel cue is looked for: every turn, staff turns, or only the first staff turn.
CUE_PLACES: tuple[str, ...] = ("any", "staff", "opening")


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in Chinese and English."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Evidence:
    """What counts as evidence: lexicon categories or rule ids found, or patterns on normalised text."""

    categories: frozenset[str] = frozenset()
    rules: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.categories or self.rules or self.patterns)


@dataclass(frozen=True, slots=True)
class Avoid:
    """A wording to avoid (你 for 您): each occurrence in a staff turn costs ``points``."""

    pattern: re.Pattern
    points: float
    category: Text
    message: Text
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the scorecard: what is checked, how many points, and why (with sources)."""

    key: str
    check: str
    name: Text
    weight: float
    message: Text
    sources: tuple[SourceRef, ...]
    evidence: Evidence = Evidence()
    within: int = 1
    points: float = 0.0
    suggestion: str | None = None
    questions: tuple[re.Pattern, ...] = ()
    not_answers: Evidence = Evidence()
    avoid: Avoid | None = None
    deductions: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Trigger:
    """Something said (praise, a complaint, a refusal …) that calls for a mandated staff reply."""

    key: str
    item: str
    name: Text
    role: str
    patterns: tuple[re.Pattern, ...]
    expect: Evidence
    within: int
    same_turn: bool
    points: float
    message: Text
    sources: tuple[SourceRef, ...]
    unless: tuple[re.Pattern, ...] = ()
    suggestion: str | None = None
    ends_turn: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    """A channel cue: a pattern on normalised text, how much one hit counts, and where to look."""

    pattern: re.Pattern
    weight: float
    where: str = "any"


@dataclass(frozen=True, slots=True)
class Script:
    """A standard script for one channel (reception window, phone …)."""

    name: str
    channel: str
    title: Text
    version: str
    aliases: tuple[str, ...]
    is_default: bool
    cues: tuple[Cue, ...]
    min_score: float
    bands: Bands
    items: tuple[Item, ...]
    triggers: tuple[Trigger, ...]
    path: str = "<builtin>"
    digest: str = ""

    def triggers_of(self, item_key: str) -> tuple[Trigger, ...]:
        return tuple(trigger for trigger in self.triggers if trigger.item == item_key)

    def patterns(self) -> Iterator[re.Pattern]:
        """Every pattern the script searches for."""
        yield from (cue.pattern for cue in self.cues)
        for item in self.items:
            yield from item.evidence.patterns + item.questions + item.not_answers.patterns
            if item.avoid:
                yield item.avoid.pattern
        for trigger in self.triggers:
            yield from trigger.patterns + trigger.unless + trigger.expect.patterns
