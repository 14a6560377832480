"""Per-character folding tables (width, traditional → simplified, case, same-pinyin class).

Built once from unicodedata, OpenCC and pypinyin, then cached on disk, because importing
pypinyin's dictionary alone costs more than a whole draft check may.
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import cache
from importlib import metadata
from pathlib import Path

_TONE_MARKS = {ord(mark): None for mark in "\u0300\u0301\u0304\u030c"}
_FORMAT = 1


@cache
def char_table() -> dict[int, int]:
    """Map each character to its canonical form: NFKC width folding, simplified, lower case."""
    source, target = _tables()["char"]
    return str.maketrans(source, target)


@cache
def noise_class() -> str:
    """A regex character class body of spaces, punctuation, symbols and control characters."""
    return _tables()["noise"][0]


@cache
def pinyin_table() -> dict[int, int]:
    """Map each Chinese character to one representative of its toneless-pinyin class."""
    source, target = _tables()["pinyin"]
    return str.maketrans(source, target)


def _tables() -> dict[str, list[str]]:
    path = _cache_file()
    if path and path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    tables = {
        "char": _pairs(_build_char_map()),
        "pinyin": _pairs(_build_pinyin_map()),
        "noise": [_build_noise_class()],
    }
    if path:
        _save(path, tables)
    return tables


def _pairs(mapping: dict[str, str]) -> list[str]:
    return ["".join(mapping), "".join(mapping.values())]


def _build_char_map() -> dict[str, str]:
    import opencc

    mapping: dict[str, str] = {}
    for code in range(0x20, 0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        folded = unicodedata.normalize("NFKC", char).lower()
        if len(folded) == 1 and folded != char:
            mapping[char] = folded
    hanzi = [chr(code) for code in range(0x3400, 0xA000)]
    converted = opencc.OpenCC("t2s").convert("\n".join(hanzi)).split("\n")
    for char, simple in zip(hanzi, converted):
        if len(simple) == 1 and simple != char:
            mapping[char] = simple
    for char, target in list(mapping.items()):
        mapping[char] = mapping.get(target, target)
    return mapping


def _build_noise_class() -> str:
    codes = [code for code in range(0x10000) if _is_noise(chr(code))]
    codes += [code for code in range(0x1F000, 0x1FB00) if _is_noise(chr(code))]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(_range(low, high) for low, high in ranges)


def _range(low: int, high: int) -> str:
    return f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"


def _is_noise(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "PSZ" or category in ("Cc", "Cf")


def _build_pinyin_map() -> dict[str, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    representative: dict[str, str] = {}
    mapping: dict[str, str] = {}
    for code in sorted(pinyin_dict):
        if code > 0xFFFF:
            continue
        reading = unicodedata.normalize("NFD", pinyin_dict[code].split(",")[0]).translate(_TONE_MARKS)
        char = chr(code)
        first = representative.setdefault(reading, char)
        if first != char:
            mapping[char] = first
    return mapping


def _cache_file() -> Path | None:
    base = os.environ.get("PHRASECHECK_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    versions = "-".join(_version(name) for name in ("pypinyin", "opencc"))
    return root / "phrasecheck" / f"tables-{_FORMAT}-{versions}.json"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "0"


def _save(path: Path, tables: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        pass
