"""Normalise text for matching while keeping a map back to the original characters.

Width, traditional characters and case are folded character by character; spaces,
punctuation, spoken fillers and stutters are removed. ``NormalText.offset(i)`` is the
offset in the original text of normalised character ``i``, so every finding can point at
exactly the original words. Where a long line has no marks (speech recognition without
punctuation), the sentence ends a small model reads there are added (:mod:`.punctuation`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, sub
from functools import cache

from .punctuation import COMMA_SENTENCE, LONG_STRETCH, SHORTEST_SENTENCE
from .tables import CLAUSE_END, FILLER_CHARS, NOISE, changed_chars, char_table, pinyin_table

#: Spoken fillers that are also words (those that never are: tables.FILLER_CHARS). They are noise
#: only before a pause (a mark, a space, the end): 那个，请稍等; in 那个窗口, 就是不行, 唔知 they are words.
FILLER_WORDS = ("那个", "就是", "唔")
#: Filler words that stay words across a space before these characters: speech recognition may space every word
#: (不 办 说 不 办 就是 不 办), and 就是 before a 不 or 没 is emphasis, not a filler.
WORDS_ACROSS_SPACE = {"就是": "不没"}
_HAS_FILLER_WORD = re.compile("|".join(FILLER_WORDS)).search
#: Marks that end a sentence (a line break too).
SENTENCE_ENDS = "。！？!?…\n；;"
_SENTENCE_END_MARK = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")
#: Characters people stutter on ("我我我", "您您好"); others double legitimately (谢谢, 看看).
STUTTER_PRONE = "我你您他她这那就是不请"
#: The second character of a verb's "A not A" question (烦不烦, 有没有, Cantonese 系唔系): a pair ending in it said twice is
#: no stutter.
ASKING_SECOND = "不没唔"
#: Digits, said or written: repeated they are a number (12333, 幺二三三三, 1212), never a stutter.
DIGITS = "0-9０-９零〇一二两三四五六七八九十百千万幺"
#: Characters between spaces, on average over a line of Chinese, from which the line's spaces are pauses between
#: phrases, as speech recognition writes them (嗯 这个我回头帮您问问 后面再说): a sentence may end at one (words said
#: before it do not excuse a phrase after it), a phrase may run across one (你这人 怎么这么笨); spaces between
#: words (我 不 知道, 您 的 号码) are not pauses.
PHRASE_SPACING = 3
_HAN = re.compile("[\u3400-\u9fff]")


@dataclass(slots=True)
class _Shifts:
    """Where a deletion pass removed characters: from ``positions[k]`` on, add ``shifts[k]``.

    The shifts may be given as the ``removed`` pieces (or stand-ins of their length) instead, and are
    then added up when first needed: most turns are never mapped back (nothing is found in them). Whether they have been
    added up yet does not change what the object equals.
    """

    positions: tuple[int, ...]
    _shifts: tuple[int, ...] | None = field(default=None, compare=False)
    removed: list[str] | None = None
    _ends: list[int] | None = field(default=None, compare=False, repr=False)

    @property
    def shifts(self) -> tuple[int, ...]:
        if self._shifts is None:
            self._shifts = tuple(accumulate(map(len, self.removed)))
        return self._shifts

    def ends(self) -> list[int]:
        """Where each removed piece ends in the text before the pass (made when first asked)."""
        if self._ends is None:
            self._ends = list(map(add, self.positions, self.shifts))
        return self._ends


_NO_SHIFTS = _Shifts((), ())


@dataclass(slots=True)
class NormalText:
    """Normalised text, its same-pinyin folding, and the way back to the original."""

    original: str
    text: str
    breaks: tuple[int, ...]
    passes: tuple[_Shifts, ...]
    #: Where a line spaced by phrase (:data:`PHRASE_SPACING`) pauses: a sentence may end there, a phrase may go on.
    pauses: tuple[int, ...] = ()
    #: The sentence ends read (:mod:`.punctuation`) in long lines written without marks and at the commas of run-on
    #: sentences; they are breaks too (:meth:`unmarked_ends`: the former alone).
    inferred: tuple[int, ...] = ()
    _folded: str | None = field(default=None, repr=False, compare=False)
    _sentence_ends: tuple[int, ...] | None = field(default=None, repr=False, compare=False)
    _marked_breaks: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def folded(self) -> str:
        """The text with each character replaced by the one that stands for its toneless pinyin (made when first asked)."""
        if self._folded is None:
            self._folded = self.text.translate(pinyin_table())
        return self._folded

    def offset(self, position: int) -> int:
        """Offset in the original text of normalised character ``position`` (each pass's shift
        undone, last first)."""
        return self._offsets([position])[0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[start, end)``."""
        last = end - 1
        for shifts in reversed(self.passes):
            positions = shifts.positions
            first, final = bisect_right(positions, start) - 1, bisect_right(positions, last) - 1
            if final >= 0:
                added = shifts._shifts or shifts.shifts
                start, last = start + (added[first] if first >= 0 else 0), last + added[final]
        return start, last + 1

    def ends_sentence_before(self, position: int, marks: str = SENTENCE_ENDS) -> bool:
        """Whether what normalisation removed just before normalised ``position`` ends a sentence
        (:data:`SENTENCE_ENDS`; the text's end does), or is one of ``marks`` (？ for a question)."""
        if position >= len(self.text) or self.inferred and _holds(self.inferred, position):
            return marks == SENTENCE_ENDS
        removed = self.original[self.offset(position - 1) + 1 if position > 0 else 0:self.offset(position)]
        return any(mark in removed for mark in marks)

    def sentence_ends(self, low: int, high: int) -> tuple[int, ...]:
        """The breaks in ``[low, high)`` that end a sentence (:meth:`ends_sentence_before`; all of the text's found
        when first asked, so that each window after costs a search)."""
        if self._sentence_ends is None:
            marked = self._all_sentence_ends()
            self._sentence_ends = tuple(sorted({*marked, *self.inferred})) if self.inferred else marked
        ends = self._sentence_ends
        return ends[bisect_left(ends, low):bisect_left(ends, high)]

    def _all_sentence_ends(self) -> tuple[int, ...]:
        """Every break that ends a sentence, as :meth:`ends_sentence_before` reads one, found in one sweep: each piece
        the noise pass removed is searched for a mark where it stands in the original (its shifts before and after
        it), and those that hold one are carried through the stutter pass (which never removes across a break)."""
        if not (self._written_breaks() if self.inferred else self.breaks):  # no mark removed
            return ()
        noise = self.passes[0]  # there are breaks: noise was removed, first
        added, search, original = noise._shifts or noise.shifts, _SENTENCE_END_MARK.search, self.original
        marked = [position for position, low, high in zip(noise.positions, (0, *added), added)
                  if search(original, position + low, position + high)]
        if len(self.passes) > 1:
            marked = _forward(self.passes[1], marked)
        inside = [position for position in marked if 0 < position < len(self.text)]
        first = [0] if marked[:1] == [0] and self.text else []
        last = [position for position in self.breaks[-1:] if position >= len(self.text)]
        return (*first, *inside, *last)

    def _offsets(self, positions: list[int]) -> list[int]:
        """:meth:`offset` of each of ``positions``, a pass at a time (the shifts added up once: a property call less)."""
        for shifts in reversed(self.passes):
            marks, added = shifts.positions, shifts._shifts or shifts.shifts
            positions = [position + added[k] if (k := bisect_right(marks, position) - 1) >= 0 else position
                         for position in positions]
        return positions

    def sentences(self, low: int, high: int) -> list[tuple[int, int]]:
        """``[low, high)`` cut where a sentence ends (:meth:`sentence_ends`), as spans; a sentence's start or end beyond
        the window is the window's own edge."""
        edges = [low, *self.sentence_ends(low + 1, high), high]
        return [(start, end) for start, end in zip(edges, edges[1:]) if end > start]

    def last_pause(self, low: int, high: int) -> int | None:
        """The last pause of a line spaced by phrase (:data:`PHRASE_SPACING`) in ``(low, high]``, if any."""
        at = bisect_right(self.pauses, high) - 1 if self.pauses else -1
        return self.pauses[at] if at >= 0 and self.pauses[at] > low else None

    def next_pause(self, low: int, high: int) -> int | None:
        """The first pause of a line spaced by phrase (:data:`PHRASE_SPACING`) in ``[low, high)``, if any."""
        at = bisect_left(self.pauses, low)
        return self.pauses[at] if at < len(self.pauses) and self.pauses[at] < high else None

    def position(self, offset: int) -> int:
        """The first normalised character at or after original ``offset`` (:meth:`offset` undone, first pass first)."""
        for shifts in self.passes:
            added = shifts._shifts or shifts.shifts
            ends = shifts.ends()
            k = bisect_right(ends, offset) - 1   # the removed pieces wholly before ``offset``
            moved = offset - added[k] if k >= 0 else offset
            offset = min(moved, shifts.positions[k + 1]) if k + 1 < len(ends) else moved
        return offset

    def clause(self, position: int, breaks: tuple[int, ...] | None = None) -> tuple[int, int]:
        """The clause (between punctuation marks, or inferred sentence ends; or ``breaks``) around normalised
        ``position``."""
        breaks = self.breaks if breaks is None else breaks
        after = bisect_right(breaks, position)
        return breaks[after - 1] if after else 0, breaks[after] if after < len(breaks) else len(self.text)

    def marked_clause(self, position: int) -> tuple[int, int]:
        """The clause around ``position`` between the marks written alone (a long one lost its marks)."""
        return self.clause(position, self._written_breaks()) if self.inferred else self.clause(position)

    def _written_breaks(self) -> tuple[int, ...]:
        """The breaks where marks were written (kept when the ends are read; else the breaks that were not read)."""
        if self._marked_breaks is None:
            self._marked_breaks = tuple(sorted(set(self.breaks).difference(self.inferred)))
        return self._marked_breaks

    def unmarked_ends(self) -> tuple[int, ...]:
        """The sentence ends read where no mark was written at all (in lines without punctuation), not at commas."""
        written = self._written_breaks() if self.inferred else ()
        return tuple(end for end in self.inferred if not _holds(written, end))


#: A text no longer than this has no sentence end to read (no unmarked line, no run-on sentence).
_READ_FROM = min(LONG_STRETCH, COMMA_SENTENCE)


def _holds(positions: tuple[int, ...], position: int) -> bool:
    """Whether sorted ``positions`` hold ``position``."""
    at = bisect_left(positions, position)
    return at < len(positions) and positions[at] == position


def normalize(text: str, infer_ends: bool = True) -> NormalText:
    """Normalise ``text`` for matching (see module docstring); ``infer_ends=False`` keeps the marks written alone."""
    canonical = text.translate(char_table()) if _folding().search(text) else text
    first, noise, breaks, pauses = _drop_noise(canonical, text)
    second, stutters = _drop_stutters(first, breaks)
    if not stutters.positions:  # the common case: breaks are already in order, each once
        normal = NormalText(text, second, tuple(breaks), (noise,) if noise.positions else (), tuple(pauses))
    else:
        passes = tuple(shifts for shifts in (noise, stutters) if shifts.positions)
        normal = NormalText(text, second, tuple(sorted(set(_forward(stutters, breaks)))), passes,
                            tuple(sorted(set(_forward(stutters, pauses)))))
    if infer_ends:
        _read_ends([normal])
    return normal


def normalize_all(texts: list[str]) -> list[NormalText]:
    """:func:`normalize` of each of ``texts`` (a conversation's turns), the commas of all read by the sentence-end
    model in one pass: one look-up a conversation, not one a turn."""
    normals = [normalize(text, infer_ends=False) for text in texts]
    _read_ends(normals)
    return normals


def _read_ends(normals: list[NormalText]) -> None:
    """Add to each of ``normals`` the sentence ends read (:mod:`.punctuation`), among its breaks: in its lines written
    without any mark (speech recognition) that are longer than :data:`~.punctuation.LONG_STRETCH` characters (in a
    line spaced by phrase, only at its pauses), and at the commas of its written sentences longer than
    :data:`~.punctuation.COMMA_SENTENCE` characters; a sentence end written is read as written."""
    plans = []
    for normal in (normal for normal in normals if len(normal.text) > _READ_FROM):   # shorter: nothing to read
        stretches = [(low, high) for line in _UNMARKED_LINE.finditer(normal.original)
                     if (high := normal.position(line.end())) - (low := normal.position(line.start())) > LONG_STRETCH]
        written = normal.sentence_ends(0, len(normal.text) + 1)
        commas = _run_on_commas(normal.breaks, written, len(normal.text))
        if stretches or commas:
            plans.append((normal, stretches, written, commas))
    if not plans:
        return
    from .punctuation import comma_ends, sentence_ends  # numpy and the model: only for text that needs them

    read = comma_ends([normal.text for normal, *_ in plans], [commas for *_, commas in plans])
    for (normal, stretches, written, _), at_commas in zip(plans, read):
        inferred = tuple(sorted({*sentence_ends(normal.text, stretches, normal.pauses), *at_commas}))
        if inferred:
            normal._marked_breaks, normal.inferred = normal.breaks, inferred
            normal.breaks, normal._sentence_ends = _merged(normal.breaks, inferred), _merged(written, inferred)


def _merged(positions: tuple[int, ...], added: tuple[int, ...]) -> tuple[int, ...]:
    """Sorted ``positions`` with the few sorted ``added`` that they do not hold (two sorted runs: one merge)."""
    return tuple(sorted((*positions, *(position for position in added if not _holds(positions, position)))))


def _run_on_commas(breaks: tuple[int, ...], written: tuple[int, ...], length: int) -> list[tuple[int, int, int]]:
    """Each break that ends no sentence (a comma) inside a written sentence longer than
    :data:`~.punctuation.COMMA_SENTENCE`, at least :data:`~.punctuation.SHORTEST_SENTENCE` from its edges, with the
    sentence's edges: the commas the model reads (numpy is imported only for them)."""
    if len(breaks) == len(written):   # every break ends a sentence
        return []
    ends = (0, *written, length)
    return [(gap, low, high) for low, high in zip(ends, ends[1:]) if high - low > COMMA_SENTENCE
            for gap in breaks[bisect_left(breaks, low + SHORTEST_SENTENCE):bisect_right(breaks, high - SHORTEST_SENTENCE)]]


def normal_text(text: str) -> str:
    """The normalised text of ``text`` alone, for comparing wordings (no sentence ends read: they change no
    character)."""
    return normalize(text, infer_ends=False).text


def fold(text: str) -> str:
    """Normalise ``text`` and return only its same-pinyin folding (for comparisons)."""
    return normalize(text, infer_ends=False).folded


def _drop_noise(text: str, original: str) -> tuple[str, _Shifts, list[int], list[int]]:
    """Remove spaces, punctuation and fillers from ``text`` (``original`` folded character for character); note
    where a clause mark was removed, and where a pause of a line spaced by phrase was."""
    if _HAS_FILLER_WORD(text) is not None:  # filler words before a pause, blanked: noise of the same length
        text = _pause_fillers().sub(lambda fillers: " " * len(fillers.group()), text)
    parts = _noise_pattern().split(text)
    if len(parts) == 1:
        return text, _NO_SHIFTS, [], []
    kept, noise = parts[0::2], parts[1::2]
    positions = tuple(accumulate(map(len, kept[:-1])))
    clause_ends = _clause_ends()
    breaks = []
    for position, removed in zip(positions, noise):  # a loop, not a comprehension: this runs for every turn
        if not clause_ends.isdisjoint(removed):
            breaks.append(position)
    shifts = _Shifts(positions, removed=noise)
    spaced = _spaced_lines(original)
    return "".join(kept), shifts, breaks, _pauses(original, shifts, spaced) if spaced else []


def _spaced_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` whose spaces are pauses (:data:`PHRASE_SPACING`); only lines holding white
    space are looked at (found in C)."""
    spans = []
    for line in _LINE_WITH_SPACE.finditer(text):
        runs = line.group().split()
        if len(runs) > 1 and sum(map(len, runs)) >= PHRASE_SPACING * len(runs) and _HAN.search(line.group()):
            spans.append(line.span())
    return spans


#: A line holding white space other than its line break.
_LINE_WITH_SPACE = re.compile(r"^\S*+[^\S\n][^\n]*", re.MULTILINE)


#: A removed piece of the original that is white space, with fillers at most (matched in place, not sliced out).
_PAUSE = re.compile(rf"[\s{FILLER_CHARS}]*\s[\s{FILLER_CHARS}]*")


def _pauses(original: str, shifts: _Shifts, spaced: list[tuple[int, int]]) -> list[int]:
    """The positions of the removed pieces of white space (and fillers: 说了 嗯 你又问) that stand in a line of
    ``spaced`` (searched line by line); a space beside a mark (问了一下, 具体的) is no pause, the mark says what it is."""
    # where each piece starts in the original (mapped in C: most pieces stand in no spaced line)
    starts = list(map(sub, map(add, shifts.positions, shifts.shifts), map(len, shifts.removed)))
    pauses = []
    for low, high in spaced:
        for k in range(bisect_left(starts, low), bisect_left(starts, high)):
            if _PAUSE.fullmatch(original, starts[k], starts[k] + len(shifts.removed[k])):
                pauses.append(shifts.positions[k])
    return pauses


def _drop_stutters(text: str, breaks: list[int]) -> tuple[str, _Shifts]:
    """Keep one of "我我我", "您您好", "这个这个"; keep two of a longer run ("谢谢谢谢"). A repeat across a
    clause break (``breaks``) is two clauses, not a stutter: 甭问我，我也不清楚."""
    if not _MAYBE_STUTTER.search(text):
        return text, _NO_SHIFTS
    pieces: list[str] = []
    positions: list[int] = []
    shifts: list[int] = []
    position = removed = 0
    for match in _stutters(text, breaks):
        start, end = match.span()
        keep_from = end - (1 if match.group("prone") else 2 if match.group("run") else len(match.group("unit")))
        pieces += [text[position:start], text[keep_from:end]]
        removed += keep_from - start
        positions.append(keep_from - removed)
        shifts.append(removed)
        position = end
    if not pieces:
        return text, _NO_SHIFTS
    pieces.append(text[position:])
    return "".join(pieces), _Shifts(tuple(positions), tuple(shifts))


def _stutters(text: str, breaks: list[int], start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """The stutters of ``text[start:end]`` in order, none across a clause break: a repeat that runs
    across one is looked at again in each clause it touches (我我我，我也 keeps 我 | 我也)."""
    end = len(text) if end is None else end
    while (maybe := _MAYBE_STUTTER.search(text, start, end)) is not None:
        match = _STUTTER.match(text, maybe.start(), end)
        start = match.end()
        first, last = bisect_right(breaks, match.start()), bisect_left(breaks, match.end())
        if first == last:
            yield match
            continue
        edges = [match.start(), *breaks[first:last], match.end()]
        for low, high in zip(edges, edges[1:]):
            yield from _stutters(text, breaks, low, high)


def _forward(shifts: _Shifts, positions: list[int]) -> list[int]:
    """Where sorted positions before a deletion pass land after it: shifted back by what was removed
    before them, or onto the kept part when inside a removed piece. Found piece by piece with
    bisection, so the positions themselves (every clause break of a long text) are only copied."""
    landed: list[int] = []
    previous = at = 0
    for start, added in zip(shifts.positions, shifts.shifts):
        removed_from = start + previous  # the removed piece, in the text before the pass: [removed_from, start + added)
        before = bisect_right(positions, removed_from, at)
        landed += [position - previous for position in positions[at:before]] if previous else positions[at:before]
        at = bisect_left(positions, start + added, before)
        landed += [start] * (at - before)
        previous = added
    landed += [position - previous for position in positions[at:]] if previous else positions[at:]
    return landed


@cache
def _folding() -> re.Pattern:
    """Characters that :func:`normalize` must translate first: those folded into another one
    (traditional, full width, upper case), and the clause-end mark. Most turns have none, and
    noise is found in the original characters as well as in their marks, so those turns are not
    translated (``str.translate`` looks up every character one by one)."""
    folded, _, _ = changed_chars()
    return re.compile(_char_class(folded + CLAUSE_END))


@cache
def _noise_pattern() -> re.Pattern:
    """Runs of noise: characters marked as such in tables.char_table, or their marks, and emoji. The
    pattern starts with the class itself, so the search skips the other characters in C (``(C+)`` would
    hide it from the engine's look-ahead; ``(CC*)`` takes a third fewer steps)."""
    return re.compile(f"({_marks()}{_marks()}*)")


@cache
def _marks() -> str:
    """The class of noise characters (see :func:`_noise_pattern`)."""
    _, noise, _ = changed_chars()
    return _char_class(f"{noise}{NOISE}{CLAUSE_END}", "\U0001F000-\U0001FAFF")


#: The punctuation that says a line was punctuated (a comma, a stop of any width, 、 …); symbols such as % / # are no
#: such mark, nor is a decimal point (4.5分).
_PUNCTUATION = "，,。｡！!？?；;：:、…"
#: A line of the original with none of that punctuation (fillers and spaces are none either), longer than
#: :data:`~.punctuation.LONG_STRETCH` (normalising never lengthens a line): searched in C, so punctuated text and short
#: turns cost next to nothing.
_UNMARKED_LINE = re.compile(f"^(?=[^\\n]{{{LONG_STRETCH + 1}}})[^\\n{_PUNCTUATION}.．]*+"
                            f"(?:(?<=[0-9０-９])[.．](?=[0-9０-９])[^\\n{_PUNCTUATION}.．]*+)*+$", re.MULTILINE)


@cache
def _pause_fillers() -> re.Pattern:
    """Filler words before a pause (noise, or the end). Searched apart from the noise, so that both
    searches skip the other characters in C (in one pattern, neither could: a third of the time); the
    pattern starts with the words themselves (``(?:W)+`` would hide them from the engine's look-ahead)."""
    words = f"(?:{'|'.join(map(_filler, FILLER_WORDS))})"
    return re.compile(f"{words}{words}*(?={_marks()}|\\Z)")


def _filler(word: str) -> str:
    """A filler word as a pattern: not where a space is followed by what makes it a word (:data:`WORDS_ACROSS_SPACE`)."""
    after = WORDS_ACROSS_SPACE.get(word)
    return f"{word}(?![ \\t\\u3000{NOISE}]+[{after}])" if after else word   # NOISE: a space once the text's characters are folded


@cache
def _clause_ends() -> frozenset[str]:
    """The characters that end a clause when removed as noise, and their mark."""
    _, _, clause_ends = changed_chars()
    return frozenset(clause_ends + CLAUSE_END)


def _char_class(chars: str, extra: str = "") -> str:
    """A regular-expression class of ``chars``, consecutive code points written as ranges."""
    codes = sorted(set(map(ord, chars)))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
             for low, high in ranges)
    return f"[{''.join(parts)}{extra}]"


#: Where a stutter starts (:data:`_STUTTER` matches at a place exactly when this does): a character
#: said again and then a third time or, stutter-prone, twice; or a pair repeated. (Written to read one
#: character and compare, not to try three alternatives, at each place: a third fewer steps. Searched
#: with this, :data:`_STUTTER` is only tried where it matches.) A pair ending in 不, 没 or 唔 is not one: it asks
#: (烦不烦, 是不是) before a 不 of its own (你烦不烦啊不懂…, once 啊 is gone: 烦不烦不懂); nor are repeated digits.
_MAYBE_STUTTER = re.compile(
    f"([^{DIGITS}])(?:\\1(?:\\1|(?<=[{STUTTER_PRONE}]))|([^{ASKING_SECOND}{DIGITS}])\\1\\2)")
_STUTTER = re.compile(
    f"(?P<prone>([{STUTTER_PRONE}])\\2+)|(?P<run>([^{DIGITS}])\\4{{2,}})"
    f"|(?P<twice>(?P<unit>[^{DIGITS}][^{ASKING_SECOND}{DIGITS}])(?P=unit)+)"
)
