"""Per-character folding tables (width, traditional → simplified, case, noise, same-pinyin class).

Built once from unicodedata, OpenCC and pypinyin, then cached on disk, because importing
pypinyin's dictionary alone costs more than a whole draft check may. Tables are lists indexed
by code point (faster for ``str.translate`` than dicts); characters beyond the BMP stay as
they are, except emoji and symbols, which are noise.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from .diskcache import cache_path, package_stamp, read_cached, save_cached

#: ``char_table`` marks characters to drop with these two: plain noise, and clause-ending noise.
NOISE, CLAUSE_END = "\x00", "\x01"
#: Spoken fillers that are never words, dropped like punctuation (those that may be: normalize.py).
FILLER_CHARS = "嗯呃啊哦噢"
_TONE_MARKS = {ord(mark): None for mark in "\u0300\u0301\u0304\u030c"}
_FORMAT = 6
_BMP = 0x10000


@cache
def char_table() -> list[str]:
    """Canonical form of each character (NFKC width, simplified, lower case), noise marked."""
    table = [chr(code) for code in range(_BMP)]
    for source, target in zip(*_tables()["char"]):
        table[ord(source)] = target
    return table


@cache
def hanzi_folds() -> dict[int, str]:
    """The characters :func:`char_table` writes as another Chinese character (traditional → simplified
    and variants), for ``str.translate``: 語 → 语, 員 → 员."""
    table = char_table()
    return {code: target for code, target in enumerate(table)
            if code > 0x2e80 and target != chr(code) and len(target) == 1 and target not in (NOISE, CLAUSE_END)}


@cache
def changed_chars() -> tuple[str, str, str]:
    """What :func:`char_table` changes, as three strings: characters folded into another one,
    characters marked as noise, and those of them marked as clause ends."""
    folded, noise, clause_ends = [], [], []
    for char, target in zip(*_tables()["char"]):
        if target == CLAUSE_END:
            clause_ends.append(char)
        if target in (NOISE, CLAUSE_END):
            noise.append(char)
        elif target != char:
            folded.append(char)
    return "".join(folded), "".join(noise), "".join(clause_ends)


@cache
def pinyin_table() -> list[str]:
    """One representative character for each toneless-pinyin class."""
    table = [chr(code) for code in range(_BMP)]
    for source, target in zip(*_tables()["pinyin"]):
        table[ord(source)] = target
    return table


@cache
def _tables() -> dict[str, list[str]]:
    versions = "-".join(package_stamp(name) for name in ("pypinyin", "opencc"))
    fillers = FILLER_CHARS.encode().hex()  # editing the fillers rebuilds the tables
    path = cache_path(f"tables-{_FORMAT}-{fillers}-{versions}.json")
    cached = read_cached(path)
    if cached is not None:
        try:
            tables = json.loads(cached)
        except (ValueError, RecursionError):  # not JSON, or nested past what the parser allows
            tables = None
        if _well_formed(tables):
            return tables
    tables = {"char": _pairs(_build_char_map()), "pinyin": _pairs(_build_pinyin_map())}
    save_cached(path, json.dumps(tables, ensure_ascii=False).encode("utf-8"))
    return tables


def _well_formed(tables: object) -> bool:
    """Whether a cached value is the tables' shape: for each table, sources and targets of equal length."""
    return isinstance(tables, dict) and all(
        isinstance(pair := tables.get(name), list) and len(pair) == 2
        and all(isinstance(side, str) for side in pair) and len(pair[0]) == len(pair[1])
        for name in ("char", "pinyin"))


def _pairs(mapping: dict[str, str]) -> list[str]:
    return ["".join(mapping), "".join(mapping.values())]


def _build_char_map() -> dict[str, str]:
    import opencc

    mapping: dict[str, str] = {}
    for code in range(0x20, _BMP):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).lower() if not 0xD800 <= code <= 0xDFFF else char
        if len(folded) == 1 and folded != char and ord(folded) <= 0xFFFF:
            mapping[char] = folded
    hanzi = [chr(code) for code in range(0x3400, 0xA000)]
    converted = opencc.OpenCC("t2s").convert("\n".join(hanzi)).split("\n")
    for char, simple in zip(hanzi, converted):
        if len(simple) == 1 and simple != char and ord(simple) <= 0xFFFF:   # 嗰 stays: its 𠮶 is outside [\u4e00-\u9fff]
            mapping[char] = simple
    for char, target in list(mapping.items()):
        mapping[char] = mapping.get(target, target)
    for code in range(_BMP):
        mark = _noise_mark(mapping.get(chr(code), chr(code)))
        if mark:
            mapping[chr(code)] = mark
    return mapping


def _noise_mark(char: str) -> str | None:
    """CLAUSE_END for punctuation that ends a clause, NOISE for other noise, else None."""
    if char == "\n":
        return CLAUSE_END
    category = unicodedata.category(char)
    if category.startswith("P"):   # a book title's marks end no clause: 根据《社会保险法》的规定 is one
        return NOISE if char in "-_'·《》〈〉" else CLAUSE_END
    if category[0] in "SZ" or category in ("Cc", "Cf") or char in FILLER_CHARS:
        return NOISE
    return None


def _build_pinyin_map() -> dict[str, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    representative: dict[str, str] = {}
    mapping: dict[str, str] = {}
    for code in sorted(pinyin_dict):
        if code >= _BMP:
            continue
        reading = unicodedata.normalize("NFD", pinyin_dict[code].split(",")[0]).translate(_TONE_MARKS)
        char = chr(code)
        first = representative.setdefault(reading, char)
        if first != char:
            mapping[char] = first
    return mapping
