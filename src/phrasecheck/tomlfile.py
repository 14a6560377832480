"""Read the project's TOML data files (lexicons, scripts, configuration) with file:line errors."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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


def key_line(text: str, key: str, section: str | None = None) -> int:
    """1-based line of ``key = …`` (or of the ``[key]`` table) in ``text``, inside ``[section]`` if given."""
    lines = text.splitlines()
    start = 0
    if section:
        header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
        start = next((i + 1 for i, line in enumerate(lines) if header.match(line)), 0)
    quoted = re.escape(key)
    pattern = re.compile(rf"^\s*(\[\s*{quoted}\s*\]|\"?{quoted}\"?\s*=)")
    return next((i + 1 for i in range(start, len(lines)) if pattern.match(lines[i])), 0)


@dataclass(frozen=True)
class Kind:
    """What a value must be: a test and its description for messages (Chinese / English)."""

    test: Callable[[object], bool]
    description: str


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


STRINGS = Kind(lambda v: isinstance(v, list) and all(isinstance(s, str) and s.strip() for s in v),
               "非空字符串列表 / must be a list of non-empty strings")
COUNT = Kind(_integer, "非负整数 / must be a whole number ≥ 0")
COUNTS = Kind(lambda v: isinstance(v, dict) and all(_integer(n) for n in v.values()),
              "表：词 = 非负整数 / must be a table of word = whole number ≥ 0")


def schema_problems(path: Path, text: str, data: dict, schema: dict, section: str | None = None) -> list[Diagnostic]:
    """Every way ``data`` differs from ``schema`` (``{key: Kind or nested schema}``; every key required,
    no other key allowed), each at its ``file:line``."""
    problems = []
    where = f"[{section}] " if section else ""
    for key in data.keys() - schema.keys():
        problems.append(Diagnostic(str(path), key_line(text, key, section), f"未知字段 / unknown field: {where}{key}"))
    for key, kind in schema.items():
        line = key_line(text, key, section) or key_line(text, section or key)
        if key not in data:
            problems.append(Diagnostic(str(path), line, f"缺少字段 / missing field: {where}{key}"))
        elif isinstance(kind, dict):
            value = data[key]
            problems += (schema_problems(path, text, value, kind, key) if isinstance(value, dict) else
                         [Diagnostic(str(path), line, f"{where}{key} 应为表 / must be a table")])
        elif not kind.test(data[key]):
            problems.append(Diagnostic(str(path), line, f"{where}{key} 应为{kind.description}"))
    return sorted(problems, key=lambda d: d.line)
