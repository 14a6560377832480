"""Read the project's TOML data files (lexicons, scripts, the speaker table, configuration) through declared
schemas, every problem at its file:line."""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import Diagnostic
from .textio import InputError, read_bytes

#: Largest TOML file read (rule files are a few hundred kilobytes).
MAX_TOML_BYTES = 8 << 20


class DataFileError(Exception):
    """One or more data files (lexicons, scripts, roles, configuration) are broken; ``diagnostics``
    say where (file:line) and why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def read_toml(path: Path, what: str) -> tuple[dict, list[Diagnostic], str]:
    """Parse ``path``; on failure return no data and one diagnostic naming the line if known.

    ``what`` names the kind of file in messages (e.g. "词库文件 / lexicon file").
    """
    name = str(path)
    try:
        text = read_bytes(path, MAX_TOML_BYTES).decode("utf-8-sig")
        return tomllib.loads(text), [], text
    except InputError as error:
        return {}, [error.diagnostic], ""
    except UnicodeDecodeError:
        return {}, [Diagnostic(name, 0, f"{what}须为 UTF-8 / must be UTF-8")], ""
    except tomllib.TOMLDecodeError as error:
        line = int(match.group(1)) if (match := re.search(r"line (\d+)", str(error))) else 0
        return {}, [Diagnostic(name, line, f"TOML 语法错误 / TOML syntax error: {error}")], ""
    except RecursionError:
        return {}, [Diagnostic(name, 0, "TOML 嵌套过深 / TOML nested too deeply")], ""


def toml_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories (their own ``*.toml``, not subdirectories) into a sorted list."""
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    return found


@dataclass(frozen=True)
class Kind:
    """What a field's value must be: ``fits`` says whether a TOML value is one, ``value`` turns it into
    what the loader gets, and ``words`` say what it must be (``{key}``: the field's name)."""

    words: str
    fits: Callable[[Any], bool]
    value: Callable[[Any], Any] = lambda value: value


def did_you_mean(name: str, known: Iterable[str], written: str = "{}") -> tuple[str, str]:
    """What to add to a message naming an unknown ``name``, in Chinese and English, when one of ``known`` is close
    (``written``: how a name is shown): （是否应为“severity”？） and (did you mean “severity”?); else nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.8)
    return (f"（是否应为{written.format(close[0])}？）", f" (did you mean {written.format(close[0])}?)") if close else ("", "")


def is_number(value: object) -> bool:
    """Whether ``value`` is a TOML integer or a finite float (not a boolean, inf or nan)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


TEXT = Kind("“{key}”应为非空字符串 / must be a non-empty string", _text, str.strip)
TEXTS = Kind("“{key}”应为非空字符串列表 / must be a list of non-empty strings",
             lambda value: isinstance(value, list) and all(map(_text, value)),
             lambda value: tuple(text.strip() for text in value))
NUMBER = Kind("“{key}”应为不小于 0 的数 / must be a number ≥ 0", lambda value: is_number(value) and value >= 0, float)
SHARE = Kind("“{key}”应为大于 0、不大于 1 的数 / must be a number between 0 and 1 (above 0, at most 1)",
             lambda value: is_number(value) and 0 < value <= 1, float)
COUNT = Kind("“{key}”应为不小于 0 的整数 / must be an integer ≥ 0", _whole)
FLAG = Kind("“{key}”应为 true 或 false / must be true or false", lambda value: isinstance(value, bool))
#: A table of words and whole numbers ≥ 0 (``staff_cues = { 您好 = 2, … }``).
COUNTS = Kind("“{key}”应为 词 = 非负整数 的表 / must be a table of word = whole number ≥ 0",
              lambda value: isinstance(value, dict) and all(map(_whole, value.values())), dict)
#: A table of names and strings (``[categories]``, ``[suggestions]``).
NAMED_TEXTS = Kind("“{key}”应为 名称 = \"文字\" 的表 / must be a table of name = \"text\"",
                   lambda value: isinstance(value, dict) and all(isinstance(text, str) for text in value.values()), dict)
TABLE = Kind("“{key}”应为表 / must be a table", lambda value: isinstance(value, dict))
#: ``[[section]]`` or a list of inline tables; a lone table is a list of one.
TABLES = Kind("“{key}”应为表的列表 / must be a list of tables",
              lambda value: isinstance(value, dict) or isinstance(value, list) and all(isinstance(v, dict) for v in value),
              lambda value: [value] if isinstance(value, dict) else value)


@dataclass(frozen=True)
class Field:
    """One field of a table: its kind, whether it must be there, what it reads as when it is missing or
    wrong, the values it may take (``choices``) and, for a table or a list of tables, their own fields."""

    kind: Kind
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    fields: Schema | None = None

    def convert(self, value: object) -> Any:
        """``value`` as this field reads it, or :data:`WRONG`."""
        if not self.kind.fits(value):
            return WRONG
        value = self.kind.value(value)
        return value if not self.choices or value in self.choices else WRONG

    def absent(self) -> Any:
        """What the field reads as when it is missing or wrong: its default; a table's default ``{}`` is
        the defaults of its fields."""
        if self.fields is not None and self.default == {}:
            return {key: field.absent() for key, field in self.fields.items()}
        return self.default

    def words(self, name: str) -> str:
        if self.choices:
            return f"{name} 应为 {'、'.join(self.choices)} 之一 / {name} must be one of {', '.join(self.choices)}"
        return self.kind.words.format(key=name)


#: The fields a table may have, by name.
Schema = Mapping[str, Field]
#: What :meth:`Field.convert` gives for a value of the wrong kind.
WRONG = object()


#: Lines after an array's key searched for one of its elements (an array of examples is far shorter).
ELEMENT_REACH = 2000


class TomlReader:
    """One TOML data file read into typed values, every problem at its ``file:line``: the one reader of
    lexicons, scripts, the speaker table and the configuration.

    Each kind of file declares the :data:`Schema` of each of its tables and reads them with
    :meth:`Table.read`; what the values mean (a rule's kind, a pattern, a path) is the loader's to check."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Diagnostic] = []

    def table(self, data: dict | None = None, section: str | None = None, number: int | None = None) -> Table:
        """``data`` as the table ``[section]`` (the ``number``-th ``[[section]]``; None: the file's top level)."""
        return Table(data or {}, self, section, number)

    def problem(self, section: str | None, number: int | None, key: str | None, message: str,
                element: int | None = None) -> None:
        """A problem at ``key``'s line, or at the line of its array's ``element``-th element (0 first)."""
        line = self.line(section, number, key)
        self.problems.append(Diagnostic(self.path, line if element is None else self.element_line(line, element), message))

    def sorted_problems(self) -> list[Diagnostic]:
        """The problems found, in line order."""
        return sorted(self.problems, key=lambda problem: problem.line)

    def line(self, section: str | None, number: int | None, key: str | None) -> int:
        """Line of ``[section]`` (or its ``number``-th ``[[section]]``), or of ``key`` inside it (a
        top-level ``key`` without ``section``; ``section.key = …`` written as a dotted key, or ``[section.key]``)."""
        if section is None:
            return self._top_level_key(key or "")
        header = re.compile(rf"^\s*\[\[?\s*\"?{re.escape(section)}\"?\s*\]\]?")
        starts = [i for i, line in enumerate(self.lines) if header.match(line)]
        index = number or 0
        if index >= len(starts):
            return (self._top_level_key(f"{section}.{key}") if key else 0) or self._top_level_key(section)
        start = starts[index]
        if key is None:
            return start + 1
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")  # a field of an inline table is found through it
        for i in range(start + 1, len(self.lines)):
            if _TABLE_HEADER.match(self.lines[i]):
                break
            if not self.lines[i].lstrip().startswith("#") and pattern.search(self.lines[i]):
                return i + 1
        return (number is None and self._top_level_key(f"{section}.{key}")) or start + 1

    def element_line(self, line: int, element: int) -> int:
        """Line of the ``element``-th element (0 first) of the array assigned on ``line`` (``key = [``), where its first
        character stands; ``line`` when the value there is no array or has no such element."""
        text = "\n".join(self.lines[line - 1:line - 1 + ELEMENT_REACH]) if line else ""   # not the rest of the file each time
        depth, count, expecting, number = 0, -1, False, line
        position = text.find("=") + 1
        while 0 < position < len(text):
            char = text[position]
            if depth == 1 and expecting and char not in " \t\r\n,]#":
                count, expecting = count + 1, False
                if count == element:
                    return number
            if char in "\"'":
                end = _string_end(text, position)
                number, position = number + text.count("\n", position, end), end
            elif char == "#":
                position = text.find("\n", position) - 1 if "\n" in text[position:] else len(text)
            elif char in "[{":
                depth += 1
                expecting = expecting or depth == 1
            elif char in "]}":
                depth -= 1
                if depth <= 0:
                    break
            elif char == ",":
                expecting = expecting or depth == 1
            elif char == "\n":
                number += 1
            elif depth == 0 and not char.isspace():
                break   # a value that is no array
            position += 1
        return line

    def find(self, start: int, pattern: str) -> int:
        """The first line from ``start`` (1-based) to the next table header that ``pattern`` (a regular expression) is
        found in, outside comments; 0 when none is."""
        found = re.compile(pattern)
        for number in range(max(start, 1), len(self.lines) + 1):
            text = self.lines[number - 1]
            if number > start and _TABLE_HEADER.match(text):
                break
            if not text.lstrip().startswith("#") and found.search(text):
                return number
        return 0

    def _top_level_key(self, key: str) -> int:
        """Line of ``key = …`` (or a dotted ``key.inside = …``), or of the table ``[key]``."""
        quoted = re.escape(key)
        pattern = re.compile(rf"^\s*(\"?{quoted}\"?\s*[=.]|\[\[?\s*\"?{quoted}\"?\s*\]\]?)")
        return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), 0)


#: A table header alone on its line (``[section]``, ``[[rule]]``), not an array inside a value.
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*[\w.\-\"' ]+\s*\]\]?\s*(#.*)?$")


def _string_end(text: str, start: int) -> int:
    """Where the TOML string opening at ``start`` ends (its last quote): basic ("…", escapes), literal ('…') or either
    of three quotes; the text's end when it does not."""
    quote = text[start] * 3 if text.startswith(text[start] * 3, start) else text[start]
    position = start + len(quote)
    while position < len(text):
        if quote[0] == '"' and text[position] == "\\":
            position += 2
            continue
        if text.startswith(quote, position):
            return position + len(quote) - 1
        position += 1
    return len(text)


class Table:
    """One table of a :class:`TomlReader`'s file: a section, an entry of ``[[section]]``, or an inline table
    (``at``: its key in the section, whose line all its problems are at; ``path``: how its fields are named)."""

    def __init__(self, data: dict, reader: TomlReader, section: str | None, number: int | None = None,
                 at: str | None = None, path: str | None = None):
        self.data = data
        self.reader = reader
        self.section = section
        self.index = number
        self.at = at
        self.path = path

    def read(self, schema: Schema) -> dict[str, Any]:
        """The value of each field of ``schema``, its default when it is missing or wrong; every unknown field,
        missing required one and value of the wrong kind is a problem at its line."""
        for key in self.data:
            if key not in schema:
                zh, en = did_you_mean(key, schema, "“{}”")
                self.problem(key, f"未知字段{zh} / unknown field “{self.name(key)}”{en}")
        return {key: self._value(key, field) for key, field in schema.items()}

    def peek(self, key: str, field: Field) -> Any:
        """The value of ``key`` as ``field`` reads it (None when missing or wrong), saying nothing: to choose a schema."""
        value = field.convert(self.data[key]) if key in self.data else None
        return None if value is WRONG else value

    def require(self, key: str) -> None:
        """A problem when ``key`` is missing (for a field that only some tables of a schema need)."""
        if key not in self.data:
            self.problem(key, f"缺少必填字段 / missing required field “{self.name(key)}”")

    def part(self, key: str, value: dict, number: int | None = None) -> Table:
        """The table ``value`` of field ``key`` (the ``number``-th of a list): a section of the top level, else
        an inline table at ``key``'s line."""
        if self.section is None:
            return Table(value, self.reader, key, number)
        return Table(value, self.reader, self.section, self.index, self.at or key, self.name(key))

    def problem(self, key: str | None, message: str, element: int | None = None) -> None:
        """A problem at ``key``'s line (of its array's ``element``-th element, when given and the table is not inline)."""
        self.reader.problem(self.section, self.index, self.at or key, message, None if self.at else element)

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _value(self, key: str, field: Field) -> Any:
        if key not in self.data:
            if field.required:
                self.require(key)
            return field.absent()
        value = field.convert(self.data[key])
        if value is WRONG:
            self.problem(key, field.words(self.name(key)))
            return field.absent()
        if field.fields is None:
            return value
        if isinstance(value, dict):
            return self.part(key, value).read(field.fields)
        return tuple(self.part(key, table, number).read(field.fields) for number, table in enumerate(value))
