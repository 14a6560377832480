"""Read the project's TOML data files (lexicons, scripts, configuration) with file:line errors."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path

from .models import Diagnostic
from .textio import InputError, read_bytes

#: Largest TOML file read (rule files are a few hundred kilobytes).
MAX_TOML_BYTES = 8 << 20


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
