"""How to read transcripts: format override, role hints and CSV column names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..models import pickled_as_arguments

#: Input formats, as named by ``--input-format``.
FORMATS: tuple[str, ...] = ("text", "csv", "tsv", "json", "jsonl", "srt", "vtt", "tencent-text")
#: The named groups of ``--staff-from`` that fill in a call's fields from its file name.
NAME_GROUPS: tuple[str, ...] = ("staff", "date", "channel")
#: What a CSV column can be used for (the keys of ``ReadOptions.columns``); ``turn`` (the order of a call's
#: rows) and ``turns`` (a call's array of utterances) are for Spark tables only.
COLUMN_ROLES: tuple[str, ...] = ("call_id", "speaker", "role", "text", "start", "end", "staff_id", "date", "channel",
                                 "service", "turn", "turns")


@pickled_as_arguments  # sent to the workers with every chunk of small files
@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options for :func:`phrasecheck.transcripts.iter_exchanges`.

    ``staff_channel`` / ``staff_speaker`` name the ASR channel or speaker ids that are staff
    (every other id in the same conversation is then a resident). ``columns`` maps a column
    role (see :data:`COLUMN_ROLES`) to a CSV header. ``staff_from`` is a regular expression
    applied to the file name; its named group ``staff`` (and optional ``date`` and ``channel``)
    fill in the staff id (date, channel: phone or reception) when the content does not give them. A single string is accepted
    wherever a tuple of strings is expected.
    """

    input_format: str | None = None
    staff_labels: tuple[str, ...] = ()
    resident_labels: tuple[str, ...] = ()
    staff_channel: tuple[str, ...] = ()
    staff_speaker: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    staff_from: str | None = None

    def __post_init__(self) -> None:
        for name in ("staff_labels", "resident_labels", "staff_channel", "staff_speaker"):
            object.__setattr__(self, name, _strings(getattr(self, name)))
        if self.input_format is not None and self.input_format not in FORMATS:
            raise ValueError(f"未知的输入格式 / unknown input format: {self.input_format} (可选 / choose: {', '.join(FORMATS)})")
        unknown = sorted(set(self.columns) - set(COLUMN_ROLES))
        if unknown:
            raise ValueError(f"未知的列用途 / unknown column role: {', '.join(unknown)} (可选 / choose: {', '.join(COLUMN_ROLES)})")
        if self.staff_from is not None:
            _check_staff_pattern(self.staff_from)

    def staff_match(self, file_name: str) -> dict[str, str]:
        """The ``staff``/``date``/``channel`` groups that ``staff_from`` finds in ``file_name`` (empty when none)."""
        if self.staff_from is None:
            return {}
        found = re.search(self.staff_from, file_name)
        if not found:
            return {}
        return {key: value for key, value in found.groupdict().items() if key in NAME_GROUPS and value}


def parse_columns(specs: Iterable[str]) -> dict[str, str]:
    """Parse ``ROLE=HEADER`` strings (as given to ``--column``) into a column mapping."""
    columns = {}
    for spec in specs:
        role, sep, header = spec.partition("=")
        if not sep or not role.strip() or not header.strip():
            raise ValueError(f"列的写法应为 用途=列名 / expected ROLE=HEADER, got: {spec}")
        columns[role.strip()] = header.strip()
    return columns


def _strings(value: str | Iterable[str]) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else tuple(value)
    return tuple(str(item) for item in items)


def _check_staff_pattern(pattern: str) -> None:
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise ValueError(f"--staff-from 不是有效的正则表达式 / invalid regular expression: {error}") from None
    if "staff" not in compiled.groupindex:
        raise ValueError("--staff-from 需要命名分组 (?P<staff>…) / needs a named group (?P<staff>…)")
