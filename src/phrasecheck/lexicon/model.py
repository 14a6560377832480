"""The rules as plain objects: what the loader produces and the matcher and scorer consume."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: How the regulation documents write a placeholder: хх (Cyrillic), XX, xx, ××, ×.
SLOT_PATTERN = re.compile(r"[хХ]+|[xX]{2,}|×+")


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
class Rule:
    """One courtesy phrase or prohibited expression with all its wordings."""

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

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical phrase followed by its variants."""
        return (self.phrase, *self.variants)


@dataclass(slots=True)
class Lexicon:
    """All loaded rules, the English names of categories, and a version for reproducibility."""

    rules: list[Rule]
    categories_en: dict[str, str] = field(default_factory=dict)
    version: str = ""
    files: list[str] = field(default_factory=list)

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def of_kind(self, kind: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.kind == kind]

    def category_name(self, category: str, lang: str = "zh") -> str:
        return self.categories_en.get(category, category) if lang == "en" else category
