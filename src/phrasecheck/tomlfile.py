"""Read the project's TOML data files (lexicons, scripts, configuration) with file:line errors."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

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


class TomlReader:
    """One TOML data file read into typed values, every bad value a problem at its ``file:line``: the one
    reader of lexicons, scripts, the speaker table and the configuration.

    Each kind of file says which fields each of its tables may hold (:meth:`Table.allow`, with the
    required ones) and reads them with :class:`Table`'s typed getters; what the values mean (a rule's
    kind, a pattern, a path) is the loader's to check."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Diagnostic] = []

    def table(self, data: object, section: str | None, number: int | None = None, required: bool = False,
              factory: Callable[..., Table] | None = None) -> Table:
        """The table ``section`` of ``data`` (``number``: ``data`` is the ``number``-th ``[[section]]``;
        None: ``data`` is the file's top level)."""
        value = data.get(section) if section is not None and number is None and isinstance(data, dict) else data
        if value is None and required:
            self.problem(section, None, None, f"缺少 [{section}] / missing [{section}]")
        if value is not None and not isinstance(value, dict):
            self.problem(section, number, None, f"[{section}] 应为表 / must be a table")
        return (factory or Table)(value if isinstance(value, dict) else {}, self, section, number)

    def problem(self, section: str | None, number: int | None, key: str | None, message: str) -> None:
        self.problems.append(Diagnostic(self.path, self.line(section, number, key), message))

    def line(self, section: str | None, number: int | None, key: str | None) -> int:
        """Line of ``[section]`` (or its ``number``-th ``[[section]]``), or of ``key`` inside it (a
        top-level ``key`` without ``section``; ``section.key = …`` written as a dotted key)."""
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
        pattern = re.compile(rf"(^|[{{,\s])\"?{re.escape(key)}\"?\s*=")
        for i in range(start + 1, len(self.lines)):
            if _TABLE_HEADER.match(self.lines[i]):
                break
            if not self.lines[i].lstrip().startswith("#") and pattern.search(self.lines[i]):
                return i + 1
        return start + 1

    def _top_level_key(self, key: str) -> int:
        """Line of ``key = …`` (or a dotted ``key.inside = …``), or of the table ``[key]``."""
        quoted = re.escape(key)
        pattern = re.compile(rf"^\s*(\"?{quoted}\"?\s*[=.]|\[\[?\s*\"?{quoted}\"?\s*\]\]?)")
        return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), 0)


#: A table header alone on its line (``[section]``, ``[[rule]]``), not an array inside a value.
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*[\w.\-\"' ]+\s*\]\]?\s*(#.*)?$")


class Table:
    """Typed access to one table of a :class:`TomlReader`'s file; every bad value becomes a problem at its line."""

    def __init__(self, data: dict, reader: TomlReader, section: str | None, number: int | None):
        self.data = data
        self.reader = reader
        self.section = section
        self.index = number

    def problem(self, key: str | None, message: str) -> None:
        if self.section is None:
            self.reader.problem(None, None, key, message)
        else:
            self.reader.problem(self.section, self.index, key, message)

    def allow(self, fields: Iterable[str], inside: str | None = None, data: dict | None = None,
              required: Iterable[str] = ()) -> None:
        """A problem for each field not among ``fields``, and for each ``required`` one missing."""
        data = data if data is not None else self.data
        known = set(fields)
        for key in data:
            if key not in known:
                field = f"{inside}.{key}" if inside else key
                self.problem(inside or key, f"未知字段 / unknown field “{field}”")
        for key in required:
            if key not in data:
                self.problem(inside or key, f"缺少必填字段 / missing required field “{key}”")

    def text(self, key: str, required: bool = False, data: dict | None = None) -> str | None:
        value = (data if data is not None else self.data).get(key)
        if value is None:
            if required:
                self.problem(key, f"缺少必填字段 / missing required field “{key}”")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"“{key}”应为非空字符串 / must be a non-empty string")
            return None
        return value.strip()

    def texts(self, key: str, data: dict | None = None, required: bool = False) -> tuple[str, ...]:
        data = data if data is not None else self.data
        if required and key not in data:
            self.problem(key, f"缺少必填字段 / missing required field “{key}”")
            return ()
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, f"“{key}”应为非空字符串列表 / must be a list of non-empty strings")
            return ()
        return tuple(v.strip() for v in value)

    def number(self, key: str, default: float | None = None, data: dict | None = None) -> float:
        value = (data if data is not None else self.data).get(key, default)
        if value is None:
            self.problem(key, f"缺少必填字段 / missing required field “{key}”")
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            self.problem(key, f"“{key}”应为不小于 0 的数 / must be a number ≥ 0")
            return 0.0
        return float(value)

    def count(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if value is None:
            self.problem(key, f"缺少必填字段 / missing required field “{key}”")
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(key, f"“{key}”应为不小于 0 的整数 / must be an integer ≥ 0")
            return default or 0
        return value

    def counts(self, key: str, required: bool = False) -> dict[str, int]:
        """A table of words and whole numbers ≥ 0 (``staff_cues = { 您好 = 2, … }``)."""
        if required and key not in self.data:
            self.problem(key, f"缺少必填字段 / missing required field “{key}”")
            return {}
        value = self.data.get(key, {})
        if not isinstance(value, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value.values()):
            self.problem(key, f"“{key}”应为 词 = 非负整数 的表 / must be a table of word = whole number ≥ 0")
            return {}
        return dict(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.problem(key, f"“{key}”应为 true 或 false / must be true or false")
            return default
        return value

    def sub_table(self, key: str, required: bool = False) -> dict | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, f"缺少必填字段 / missing required field “{key}”")
            return None
        if not isinstance(value, dict):
            self.problem(key, f"“{key}”应为表 / must be a table")
            return None
        return value
