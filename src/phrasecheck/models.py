"""Plain data passed between the pipeline stages (read → normalise → match → score → report)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Literal, TypeVar

from .i18n import in_lang

Role = Literal["staff", "resident", "unknown"]
Kind = Literal["prohibited", "courtesy", "informal"]
MatchHow = Literal["exact", "variant", "homophone", "fuzzy", "family", "model"]

#: Severity levels of prohibited findings, mildest first. ``critical`` is a veto (一票否决).
SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")
#: Courtesy findings carry this severity; it ranks below every prohibited level.
INFO = "info"
#: The ``schema`` of phrasecheck's JSON results (``score --format json``; each line of a batch's JSONL).
SCORE_SCHEMA = "phrasecheck/score-v1"


def severity_rank(severity: str) -> int:
    """Order severities: info < low < medium < high < critical."""
    return SEVERITIES.index(severity) + 1 if severity in SEVERITIES else 0


_Data = TypeVar("_Data", bound=type)


def constructor_arguments(cls: type) -> Callable[[object], tuple]:
    """A function giving a dataclass instance's constructor arguments, in order (ten times faster
    than :func:`dataclasses.astuple` or :func:`dataclasses.replace`, which look up the fields each time)."""
    names = [f.name for f in fields(cls)]
    if len(names) < 2 or not all(f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be a constructor argument, and there must be two or more")
    return attrgetter(*names)


def pickled_as_arguments(cls: _Data) -> _Data:
    """Class decorator: pickle a dataclass as the arguments of its constructor.

    Several times faster than pickling a slotted dataclass field by field, which matters for
    the calls and results that batch workers send back and forth.
    """
    arguments = constructor_arguments(cls)

    def __reduce__(self):
        return cls, arguments(self)

    cls.__reduce__ = __reduce__
    return cls


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem with the input, named by file and 1-based line (0 when the whole file)."""

    path: str
    line: int
    message: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def said(self, lang: str) -> str:
        """:meth:`__str__` in ``lang``: a message written “中文 / English” keeps only its English for ``en``."""
        return str(replace(self, message=in_lang(self.message, lang)))


@pickled_as_arguments
@dataclass(slots=True)
class Turn:
    """One utterance of a conversation, with where it came from."""

    index: int
    speaker: str
    role: Role
    text: str
    line: int = 0
    start_ms: int | None = None
    end_ms: int | None = None
    role_inferred: bool = False


@pickled_as_arguments
@dataclass(slots=True)
class Exchange:
    """One call or reception visit: the unit that is scored."""

    id: str
    source: str
    turns: list[Turn]
    staff_id: str | None = None
    date: str | None = None
    channel: str | None = None
    meta: dict = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


# Not frozen, never changed: a frozen one is five times slower to make (a big draft has tens of thousands).
@pickled_as_arguments
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """A rule phrase found in a text, with offsets into the ORIGINAL text. It carries no words for people:
    reports name it by its rule id in the language asked (:class:`~phrasecheck.scoring.catalogue.Catalogue`).
    Read-only by convention (not frozen: see the comment above it); it hashes and compares by its fields."""

    kind: Kind
    rule: str
    start: int
    end: int
    text: str
    match: MatchHow
    similarity: float
    severity: str
    suggestion: str | None
