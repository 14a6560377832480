"""Sentence ends where speech recognition wrote no marks.

Some speech recognition writes a turn without punctuation (你那事我不管您好请问您办什么业务), so a turn of
several sentences reads as one. Guards look for what excuses a phrase in its own sentence, and in such a run the
next sentence's courtesy (您好, 请您, 帮您) excused the rudeness before it. Each gap between two characters of a
line written without any mark (more than :data:`LONG_STRETCH` normalised characters) is read as the characters
around it — one to three on each side, and whether each side is a digit, a Latin letter or Chinese —
and a logistic regression over three outcomes (no mark, a comma, a sentence end) gives the chance that a
sentence ended there; from the model's threshold on, it is taken as a sentence end (:func:`sentence_ends`).

A writer who joins sentences with commas (一逗到底: …为什么，没有为什么，系统就这么设的，给您推荐…) leaves the same
question at each comma: a comma of a written sentence longer than :data:`COMMA_SENTENCE` characters is read as a
sentence end where the model finds an end likelier than a comma there (:func:`comma_ends`).

The model is data (``lexicons/sentence_ends.json.gz``), trained by :mod:`phrasecheck.ruletools.train_sentences`
on punctuated service dialogue with its marks taken out; reading it needs numpy only. Its built tables are kept in
the disk cache (:mod:`.diskcache`).
"""

from __future__ import annotations

import base64
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice
from pathlib import Path

from .diskcache import cache_path, read_cached, save_cached
from .resources import data_path, read_model

MODEL_FILE = "sentence_ends.json.gz"
#: The version of the model file's layout this module reads.
FORMAT = 1
#: A whole line written without marks (speech recognition) longer than this many characters is read for sentence
#: ends; a line with marks is read as written.
LONG_STRETCH = 20
#: No sentence end is inferred within this many characters of another, or of the stretch's edges.
SHORTEST_SENTENCE = 3
#: Each feature's characters, as offsets from the gap (-1: the character before it, 0: the one after).
OFFSETS = ((-1,), (-2, -1), (-3, -2, -1), (0,), (0, 1), (0, 1, 2), (-1, 0), (-2, -1, 0), (-1, 0, 1))
#: The last feature: the kinds of the characters on either side (:func:`kinds`).
KIND_FEATURE = len(OFFSETS)
KIND_OFFSETS = (-1, 0)
#: A written sentence longer than this many normalised characters (a run-on) has its commas read (:func:`comma_ends`);
#: a shorter one is read as written (at 8, 33 pass examples of the shipped lexicon were flagged: 怕麻烦就别办纸质的，
#: 网上点两下就好; at 30 none, for the same recall inside comma-joined turns on the dev sets).
COMMA_SENTENCE = 30
#: Padding on each side of a stretch, so that every offset reads a character.
PAD = 3
#: Character numbers: 0 for a character the model does not know, 1 for the edge of a stretch.
UNKNOWN, EDGE = 0, 1
#: Gaps read in one array operation: the memory a very long line takes is that of one such window.
CHUNK = 1 << 16


@dataclass(frozen=True)
class Vocabulary:
    """The characters the model knows, numbered from 2, and how a feature's key is made from them."""

    chars: str

    @property
    def base(self) -> int:
        return len(self.chars) + 2

    def numbers(self):
        """A table from each code point to its character's number."""
        import numpy as np

        table = np.full(0x110000, UNKNOWN, dtype=np.int64)
        table[np.frombuffer(self.chars.encode("utf-32-le"), dtype=np.uint32)] = np.arange(2, self.base)
        table[0] = EDGE   # NUL: the padding at a stretch's edges
        return table

    def keys(self, numbers, kinds):
        """For character ``numbers`` (and their :func:`kinds`) of a window of stretches run together, each between
        :data:`PAD` edges, each feature's key at every gap but those in the first and last ``PAD`` characters: an
        array of (features, gaps), gap ``g`` before character ``PAD + 1 + g``."""
        from numpy.lib.stride_tricks import sliding_window_view

        if len(numbers) <= 2 * PAD:   # no gap to read
            return self.keys_at(numbers[:0].reshape(0, 2 * PAD), kinds[:0].reshape(0, 2 * PAD))
        rows = slice(1, len(numbers) - 2 * PAD)   # the windows of 2·PAD characters around those gaps
        return self.keys_at(sliding_window_view(numbers, 2 * PAD)[rows], sliding_window_view(kinds, 2 * PAD)[rows])

    def keys_at(self, numbers, kinds):
        """Each feature's key at the gap in the middle of each row of ``numbers`` (and their kinds): rows of
        ``2 * PAD`` characters, the gap after the first ``PAD``; an array of (features, rows). All features are
        read in a few array operations (a short turn's handful of gaps pays for operations, not for gaps)."""
        import numpy as np

        columns = np.hstack([numbers, kinds, np.zeros((len(numbers), 1), dtype=np.int64)])[:, _FEATURE_COLUMNS]
        base = self.base
        keys = ((np.arange(len(_FEATURE_COLUMNS)) * base + columns[:, :, 0]) * base + columns[:, :, 1]) * base
        return (keys + columns[:, :, 2]).T


#: For each feature, the columns of a row of numbers, then kinds, then a zero (2·PAD + 2·PAD + 1 columns) that make its
#: key's three slots (a feature of fewer characters reads the zero in its last slots).
_FEATURE_COLUMNS = [[(2 * PAD if feature == KIND_FEATURE else 0) + PAD + offsets[slot] if slot < len(offsets) else 4 * PAD
                     for slot in range(3)] for feature, offsets in enumerate((*OFFSETS, KIND_OFFSETS))]


def kinds(codes):
    """Each code point's kind: 1 a digit, 2 a Latin letter, 3 Chinese, 4 anything else (the edge's code is 0: 5)."""
    import numpy as np

    kind = np.full(codes.shape, 4, dtype=np.int64)
    kind[(codes >= 48) & (codes <= 57)] = 1
    kind[((codes >= 65) & (codes <= 90)) | ((codes >= 97) & (codes <= 122))] = 2
    kind[(codes >= 0x4E00) & (codes <= 0x9FFF)] = 3
    kind[codes == 0] = 5
    return kind


def run_together(stretches: list[str]) -> tuple[str, list[int]]:
    """The stretches run together, each between :data:`PAD` edges (NUL), and where each one's first character stands."""
    edge = "\0" * PAD
    starts, at = [], PAD
    for stretch in stretches:
        starts.append(at)
        at += len(stretch) + PAD
    return f"{edge}{edge.join(stretches)}{edge}", starts


def numbered(text: str, table):
    """The characters of ``text`` as ``table`` numbers them (NUL: the edge) and as :func:`kinds`."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    return table[codes], kinds(codes)


class KeyTable:
    """Each feature key's row, found by hashing (open addressing, at most half full): a look-up costs a probe or
    two where a binary search over the sorted keys took eighteen."""

    MULTIPLIER = 0x9E3779B97F4A7C15

    def __init__(self, keys, slot_rows):
        """The table of ``keys`` (-1 in an empty slot) and the row of the key in each slot, as :meth:`of` builds them."""
        self.keys, self.slot_rows = keys, slot_rows
        self.bits = len(keys).bit_length() - 1
        self.mask = (1 << self.bits) - 1

    @classmethod
    def of(cls, keys) -> KeyTable:
        """The table of ``keys`` (distinct, each row its place in ``keys``)."""
        import numpy as np

        size = 1 << max(4, (2 * len(keys)).bit_length())
        table = cls(np.full(size, -1, dtype=np.int64), np.full(size, -1, dtype=np.int32))
        table._place(keys)
        return table

    def _place(self, keys) -> None:
        import numpy as np

        pending, slots = np.arange(len(keys)), self._slots(keys)
        while pending.size:   # each round places one key per free slot asked for; the others probe the next slot
            free = self.keys[slots] == -1
            taken, first = np.unique(slots[free], return_index=True)
            placed = pending[free][first]
            self.keys[taken], self.slot_rows[taken] = keys[placed], placed
            waiting = np.ones(len(pending), dtype=bool)
            waiting[np.flatnonzero(free)[first]] = False
            pending, slots = pending[waiting], (slots[waiting] + 1) & self.mask

    def _slots(self, keys):
        import numpy as np

        hashed = keys.astype(np.uint64) * np.uint64(self.MULTIPLIER)
        return (hashed >> np.uint64(64 - self.bits)).astype(np.int64)

    def rows(self, keys):
        """Each key's row (-1 for a key the table does not hold), in the shape of ``keys``."""
        import numpy as np

        flat = keys.ravel()
        found = np.full(len(flat), -1, dtype=np.int64)
        active, slots = np.arange(len(flat)), self._slots(flat)
        while active.size:
            held = self.keys[slots]
            hit = held == flat[active]
            found[active[hit]] = self.slot_rows[slots[hit]]
            going = (held != -1) & ~hit
            active, slots = active[going], (slots[going] + 1) & self.mask
        return found.reshape(keys.shape)


class SentenceModel:
    """A trained model of where unmarked speech ends its sentences. Load once."""

    def __init__(self, threshold: float, chars: str, rows: KeyTable, weights, intercepts):
        import numpy as np

        self.threshold = threshold
        self.vocabulary = Vocabulary(chars)
        self._numbers = self.vocabulary.numbers()
        self._rows = rows
        # each feature's weights towards a comma and towards a sentence end (no mark: 0); last, an unknown feature's
        self._weights = np.vstack([weights.reshape(-1, 2), np.zeros((1, 2), dtype=np.float32)])
        self._intercepts = intercepts

    @classmethod
    def of(cls, data: dict) -> SentenceModel:
        """The model a model file holds (its JSON)."""
        import numpy as np

        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']}: this phrasecheck reads format {FORMAT}")
        weights = np.frombuffer(base64.b64decode(data["weights"]), dtype=np.float16).astype(np.float32)
        return cls(data["threshold"], data["chars"], KeyTable.of(np.frombuffer(base64.b64decode(data["keys"]), dtype=np.int64)),
                   weights, np.asarray(data["intercepts"], dtype=np.float64))

    @classmethod
    def load(cls, path: str | Path) -> SentenceModel:
        """The model in ``path``; a missing or damaged file raises :class:`DataFileError` naming it."""
        return read_model(path, cls.of, ("断句模型", "the sentence-end model"))

    def arrays(self) -> dict:
        """What :meth:`from_arrays` needs, as numpy arrays (kept in the disk cache)."""
        import numpy as np

        return {"threshold": np.float64(self.threshold), "chars": np.array(self.vocabulary.chars), "keys": self._rows.keys,
                "slot_rows": self._rows.slot_rows, "weights": self._weights[:-1], "intercepts": self._intercepts}

    @classmethod
    def from_arrays(cls, arrays) -> SentenceModel:
        return cls(float(arrays["threshold"]), str(arrays["chars"]), KeyTable(arrays["keys"], arrays["slot_rows"]),
                   arrays["weights"], arrays["intercepts"])

    def chances(self, stretches: list[str]) -> list:
        """For each of ``stretches``, the chance that a sentence ends at each of its gaps (before its characters
        1 … n-1), all read in one pass."""
        import numpy as np

        if not stretches:
            return []
        run, starts = run_together(stretches)
        # a window of CHUNK + 2·PAD + 1 characters reads CHUNK gaps; every[g] is the gap before character PAD + g + 1
        every = np.concatenate([self._chances(*numbered(run[low:low + CHUNK + 2 * PAD + 1], self._numbers))
                                for low in range(0, len(run) - 2 * PAD - 1, CHUNK)] or [np.zeros(0)])
        return [every[start - PAD:start - PAD + max(len(stretch) - 1, 0)] for start, stretch in zip(starts, stretches)]

    def ends_at_breaks(self, codes, gaps, lows, highs):
        """For each gap of a text (its code points ``codes``; the gap before character ``gaps[k]``, a written break
        inside the sentence ``[lows[k], highs[k])``, at least PAD characters from its start; characters beyond it read
        as its edges), whether the model reads a sentence end there likelier than a comma."""
        import numpy as np

        at = gaps[:, None] + np.arange(-PAD, PAD)   # per gap: the 3 characters before it and the 3 after
        window = np.where((at >= lows[:, None]) & (at < highs[:, None]), codes[np.minimum(at, len(codes) - 1)], 0)
        logits = self._logits(self.vocabulary.keys_at(self._numbers[window], kinds(window)))
        return logits[:, 1] > logits[:, 0]

    def _logits(self, keys):
        """Each gap's log-odds of a comma and of a sentence end against no mark, from its features' ``keys``."""
        return self._intercepts + self._weights[self._rows.rows(keys)].sum(axis=0)

    def _chances(self, numbers, kind):
        """The chance of a sentence end at each gap of ``numbers`` from ``PAD + 1`` to ``len - PAD`` (exclusive)."""
        import numpy as np

        logits = self._logits(self.vocabulary.keys(numbers, kind))
        top = np.maximum(logits.max(axis=1), 0.0)
        scale = np.exp(-top) + np.exp(logits - top[:, None]).sum(axis=1)
        return np.exp(logits[:, 1] - top) / scale


@cache
def default_model() -> SentenceModel:
    """The shipped model (loaded once per process, when a line without marks first needs it): its built tables from the
    disk cache (a few milliseconds), else read from its file (0.13 s) and cached."""
    import io

    import numpy as np

    path = data_path(MODEL_FILE)
    stat = path.stat()
    cached = cache_path(f"sentence-ends-{FORMAT}-{stat.st_size:x}{stat.st_mtime_ns:x}.npz")
    if kept := read_cached(cached):
        try:
            return SentenceModel.from_arrays(np.load(io.BytesIO(kept)))
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, whatever numpy makes of it
            pass
    model = SentenceModel.load(path)
    stream = io.BytesIO()
    np.savez(stream, **model.arrays())
    save_cached(cached, stream.getvalue())
    return model


def comma_ends(texts: list[str], commas: list[list[tuple[int, int, int]]]) -> list[list[int]]:
    """For each of ``texts``, which of its ``commas`` (a written break and the written sentence around it) the model
    reads as sentence ends: an end likelier than a comma there. All texts are read in one pass (run together; a
    window never reaches past its sentence), CHUNK commas at a time: the memory a very long line takes is that of one
    slice."""
    import numpy as np

    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    codes = np.frombuffer("\0".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    placed = ((gap + start, low + start, high + start, owner)
              for owner, (start, some) in enumerate(zip(starts, commas)) for gap, low, high in some)
    model, found = default_model(), [[] for _ in texts]
    while chunk := list(islice(placed, CHUNK)):
        gaps, lows, highs, owners = np.asarray(chunk, dtype=np.int64).T
        read = model.ends_at_breaks(codes, gaps, lows, highs)
        for gap, owner in zip(gaps[read].tolist(), owners[read].tolist()):
            found[owner].append(gap - starts[owner])
    return found


def sentence_ends(text: str, stretches: list[tuple[int, int]], pauses: tuple[int, ...] = (),
                  model: SentenceModel | None = None) -> list[int]:
    """The inferred sentence ends of ``text`` inside each of ``stretches`` (spans without marks), in order: gaps
    from the model's threshold on, at least :data:`SHORTEST_SENTENCE` characters from the last one and from the
    stretch's edges, taken left to right; in a stretch holding ``pauses`` (a line spaced by phrase), only at those."""
    import numpy as np

    model = model or default_model()
    ends = []
    for (low, high), chances in zip(stretches, model.chances([text[low:high] for low, high in stretches])):
        last, paused = low, pauses[bisect_right(pauses, low):bisect_left(pauses, high)]
        gaps = (chances >= model.threshold).nonzero()[0] + low + 1
        for position in (np.intersect1d(gaps, paused) if paused else gaps).tolist():
            if position - last >= SHORTEST_SENTENCE and high - position >= SHORTEST_SENTENCE:
                ends.append(position)
                last = position
    return ends
