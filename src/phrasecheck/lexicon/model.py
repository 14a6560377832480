"""The rules as plain objects: what the loader produces and the matcher and scorer consume."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: How the regulation documents write a placeholder: хх (Cyrillic), XX, xx, ××, ×.
SLOT_PATTERN = re.compile(r"[хХ]+|[xX]{2,}|×+")
#: What ``lexicon extract`` writes where a person still has to supply the suggestion.
UNFINISHED_SUGGESTION = "（待填写：文明替代说法）"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a rule comes from: a document, its article or item, and optionally the line."""

    doc: str
    article: str = ""
    line: int = 0

    def __str__(self) -> str:
        where = f" {self.article}" if self.article else ""
        return f"{self.doc}{where}" + (f" (第{self.line}行)" if self.line else "")


@dataclass(frozen=True, slots=True)
class Origin:
    """The lexicon file and line that defined a rule, for error messages."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Words:
    """Any of these words: literal ones and the members of synonym classes (``@know`` → 知道、晓得 …).
    ``written`` is how the rule wrote them, for explanations."""

    words: tuple[str, ...]
    written: str


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part, in the window; with ``ordered``, one after another in the order written; with
    ``gap`` too, each part said at most ``gap`` characters after the one before it ends."""

    parts: tuple[Condition, ...]
    ordered: bool = False
    gap: int | None = None


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one part."""

    parts: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AtLeast:
    """At least ``count`` of the parts."""

    count: int
    parts: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class NotOf:
    """The part nowhere in the window (an exclusion)."""

    part: Condition


@dataclass(frozen=True, slots=True)
class Regex:
    """A regular expression on the window's normalised text; one that is ``anchored`` (has ^ or $) is
    searched sentence by sentence too, so that ^ and $ hold at a sentence's start and end."""

    pattern: re.Pattern
    anchored: bool = False


#: A condition of a family rule (see docs/lexicon-format.md, "Families").
Condition = Words | AllOf | AnyOf | AtLeast | NotOf | Regex
#: Where a family rule's condition is evaluated: one clause, or any span of at most N characters of a line.
Within = str | int


@dataclass(frozen=True, slots=True)
class Rule:
    """One courtesy phrase or prohibited expression with all its wordings, and/or a family of
    expressions described by a condition on words (``match``)."""

    id: str
    kind: str
    category: str
    phrase: str
    variants: tuple[str, ...] = ()
    severity: str = "info"
    suggestion: str | None = None
    note: str = ""
    note_en: str = ""
    sources: tuple[SourceRef, ...] = ()
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before_pattern: re.Pattern | None = None
    not_after_pattern: re.Pattern | None = None
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    origin: Origin = Origin("<builtin>", 0)
    match: Condition | None = None
    #: Words (a condition) that cancel a family match said near it, in the same line.
    none: Condition | None = None
    #: Where ``none`` is looked for: the line near the match, or only the match's sentence (up to a sentence end).
    none_within: str = "line"
    #: Words (a condition) that cancel a family match only in the match's own sentence, beside ``none``: an
    #: offer that excuses 没关系，我再给您讲一遍 but not a reproach the next sentence goes on from.
    none_in_sentence: Condition | None = None
    within: Within = "clause"
    #: Whose words the rule is about in scoring: staff (default), resident, or any.
    role: str = "staff"
    #: For a ``match`` list, each alternative's own ``suggestion`` (None: the rule's), in the list's order: one family,
    #: wordings that call for different courteous replies (吵什么吵 and 你去投诉好了).
    suggestions: tuple[str | None, ...] = ()

    def suggestion_of(self, alternative: int | None) -> str | None:
        """The suggestion for a match by ``alternative`` (its place in ``match``; None: the rule as a whole)."""
        own = self.suggestions[alternative] if alternative is not None and alternative < len(self.suggestions) else None
        return own or self.suggestion

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical phrase followed by its variants (none for a family rule without a phrase)."""
        return (self.phrase, *self.variants) if self.phrase else self.variants


@dataclass(slots=True)
class Lexicon:
    """All loaded rules, the English names of categories, and a version for reproducibility."""

    rules: list[Rule]
    categories_en: dict[str, str] = field(default_factory=dict)
    version: str = ""
    files: list[str] = field(default_factory=list)
    #: Synonym classes by name (without the @), as loaded from every file's ``[classes]``.
    classes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``[paraphrase] none`` of every file: said near a paraphrase model's reading, in its line, it drops the reading.
    paraphrase_none: Condition | None = None

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def of_kind(self, kind: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.kind == kind]

    def for_speaker(self, speaker: str) -> Lexicon:
        """The rules about what ``speaker`` (staff or resident) says: their ``role`` is the speaker or ``any``."""
        rules = [rule for rule in self.rules if rule.role in (speaker, "any")]
        if len(rules) == len(self.rules):
            return self
        return Lexicon(rules, self.categories_en, self.version, self.files, self.classes, self.paraphrase_none)

    def category_name(self, category: str, lang: str = "zh") -> str:
        return self.categories_en.get(category, category) if lang == "en" else category
