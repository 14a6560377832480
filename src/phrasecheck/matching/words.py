"""jieba's dictionary in a marisa trie, and jieba's cut (accurate mode, no HMM) over it.

jieba holds its dictionary as a Python dict of half a million entries that takes half a second
to load in every process, while a boundary check needs a handful of lookups. The same words
and frequencies, kept in a trie cached on disk, load in milliseconds. :meth:`Words.cut` gives
exactly the tokens of ``jieba.lcut(text, HMM=False)`` (a test compares them on real text).
"""

from __future__ import annotations

import importlib.util
import re
import struct
from functools import cache
from math import log
from pathlib import Path

import marisa_trie

from ..diskcache import cache_path, package_stamp, read_cached, save_cached

#: jieba's own patterns: runs it segments with its dictionary, what it splits off, letters it keeps together.
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]")
_FORMAT = 1
_TOTAL = struct.Struct("<Q")


class Words:
    """The dictionary's words (frequency > 0) with their frequencies, and their total."""

    def __init__(self, trie: marisa_trie.RecordTrie, total: int):
        self.trie = trie
        self.log_total = log(total)

    def frequency(self, word: str) -> int:
        """How often ``word`` occurs in jieba's corpus (0: not a dictionary word)."""
        return self.trie[word][0][0] if word in self.trie else 0

    def starting(self, text: str, at: int) -> list[str]:
        """The dictionary words that ``text`` has at position ``at``."""
        return self.trie.prefixes(text[at:])

    def cut(self, text: str) -> list[str]:
        """``jieba.lcut(text, HMM=False)``."""
        tokens: list[str] = []
        for block in _HAN.split(text):
            if not block:
                continue
            if _HAN.match(block):
                tokens += self._cut_block(block)
                continue
            for piece in _SKIP.split(block):
                tokens += [piece] if _SKIP.match(piece) else list(piece)
        return tokens

    def _cut_block(self, block: str) -> list[str]:
        """jieba's ``__cut_DAG_NO_HMM``: the most probable route through the words, single letters and digits joined."""
        route = self._route(block)
        tokens, letters, at = [], "", 0
        while at < len(block):
            end = route[at][1] + 1
            word = block[at:end]
            if len(word) == 1 and _ENG.match(word):
                letters += word
            else:
                if letters:
                    tokens.append(letters)
                    letters = ""
                tokens.append(word)
            at = end
        return tokens + [letters] if letters else tokens

    def _route(self, block: str) -> list[tuple[float, int]]:
        """jieba's ``get_DAG`` and ``calc``: the best (log probability, last index) of the route from each position."""
        size = len(block)
        route: list[tuple[float, int]] = [(0.0, 0)] * (size + 1)
        for at in range(size - 1, -1, -1):
            # (a frequency of 0 is never built, but a tampered cache file may hold one: counted as 1)
            ends = [(at + len(word) - 1, self.trie[word][0][0] or 1) for word in self.starting(block, at)] or [(at, 1)]
            route[at] = max((log(frequency) - self.log_total + route[end + 1][0], end) for end, frequency in ends)
        return route


@cache
def words() -> Words:
    """jieba's dictionary, from the disk cache or built from jieba's ``dict.txt`` (and cached)."""
    source = _dictionary_file()
    path = cache_path(f"words-{_FORMAT}-{package_stamp('jieba')}-{source.stat().st_size}.marisa")
    cached = read_cached(path)
    if cached and len(cached) > _TOTAL.size:
        try:
            return Words(marisa_trie.RecordTrie("<I").frombytes(cached[_TOTAL.size:]),
                         _TOTAL.unpack_from(cached)[0])
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, whatever marisa makes of it
            pass
    frequencies, total = _read_dictionary(source)
    trie = marisa_trie.RecordTrie("<I", ((word, (frequency,)) for word, frequency in frequencies.items() if frequency))
    save_cached(path, _TOTAL.pack(total) + trie.tobytes())
    return Words(trie, total)


def _dictionary_file() -> Path:
    """jieba's main dictionary, found without importing jieba (whose import alone takes 80 ms)."""
    spec = importlib.util.find_spec("jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _read_dictionary(path: Path) -> tuple[dict[str, int], int]:
    """Words and frequencies as jieba's ``gen_pfdict`` reads them (a later line wins; every line counts in the total)."""
    frequencies: dict[str, int] = {}
    total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency = line.strip().split(" ")[:2]
            frequencies[word] = int(frequency)
            total += int(frequency)
    return frequencies, total
