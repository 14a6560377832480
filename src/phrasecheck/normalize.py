"""Normalise text for matching while keeping a map back to the original characters.

Width, traditional characters and case are folded character by character; spaces,
punctuation, spoken fillers and stutters are removed. ``NormalText.index[i]`` is the
offset in the original text of normalised character ``i``, so every finding can point at
exactly the original words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
import unicodedata
from dataclasses import dataclass
from functools import cache

from .tables import char_table, noise_class, pinyin_table

FILLERS = ("嗯", "呃", "啊", "哦", "噢", "唔", "那个", "就是")
#: Characters people stutter on ("我我我", "您您好"); others double legitimately (谢谢, 看看).
STUTTER_PRONE = "我你您他她这那就是不请"


@dataclass(slots=True)
class NormalText:
    """Normalised text, its same-pinyin folding, and the way back to the original."""

    original: str
    text: str
    folded: str
    index: list[int] | range
    breaks: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[start, end)``."""
        return self.index[start], self.index[end - 1] + 1

    def clause(self, position: int) -> tuple[int, int]:
        """The clause (between punctuation marks) around normalised ``position``."""
        after = bisect_right(self.breaks, position)
        start = self.breaks[after - 1] if after else 0
        end = self.breaks[after] if after < len(self.breaks) else len(self.text)
        return start, end


def normalize(text: str) -> NormalText:
    """Normalise ``text`` for matching (see module docstring)."""
    canonical = text.translate(char_table())
    first, index1, breaks = _drop(canonical, _noise_pattern(), _drop_noise)
    second, index2, _ = _drop(first, _STUTTER, _drop_stutter)
    if index2 is not None:
        index1 = [index1[i] for i in index2] if index1 is not None else index2
        breaks = [bisect_left(index2, position) for position in breaks]
    index = index1 if index1 is not None else range(len(text))
    return NormalText(text, second, second.translate(pinyin_table()), index, tuple(sorted(set(breaks))))


def fold(text: str) -> str:
    """Normalise ``text`` and return only its same-pinyin folding (for comparisons)."""
    return normalize(text).folded


def is_clause_mark(char: str) -> bool:
    """Punctuation that separates clauses (not spaces, not symbols inside words)."""
    return char == "\n" or (unicodedata.category(char).startswith("P") and char not in "-_'·")


def _drop(text: str, pattern: re.Pattern, keep) -> tuple[str, list[int] | None, list[int]]:
    """Remove what ``keep`` says to remove from each ``pattern`` match; return text and index map."""
    pieces: list[str] = []
    index: list[int] = []
    breaks: set[int] = set()
    position = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        keep_from, is_break = keep(match)
        pieces.append(text[position:start])
        index.extend(range(position, start))
        pieces.append(text[keep_from:end])
        index.extend(range(keep_from, end))
        if is_break:
            breaks.add(len(index))
        position = end
    if not pieces:
        return text, None, []
    pieces.append(text[position:])
    index.extend(range(position, len(text)))
    return "".join(pieces), index, sorted(breaks)


def _drop_noise(match: re.Match) -> tuple[int, bool]:
    return match.end(), any(is_clause_mark(char) for char in match.group())


def _drop_stutter(match: re.Match) -> tuple[int, bool]:
    if match.group("prone"):
        return match.end() - 1, False
    if match.group("run"):
        return match.end() - 2, False
    return match.end() - len(match.group("unit")), False


@cache
def _noise_pattern() -> re.Pattern:
    fillers = "|".join(sorted(FILLERS, key=len, reverse=True))
    return re.compile(f"(?:[{noise_class()}]|{fillers})+")


_STUTTER = re.compile(
    f"(?P<prone>([{STUTTER_PRONE}])\\2+)|(?P<run>(.)\\4{{2,}})|(?P<twice>(?P<unit>..)(?P=unit)+)"
)
