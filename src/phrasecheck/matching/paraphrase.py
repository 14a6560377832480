"""The paraphrase model: prohibited expressions said in words no rule lists.

Rules find the wordings they name and their families; said in other words (这号人我见多了,
想闹就闹), an expression slips past them. The model reads each segment of a text (a sentence,
or its clauses grouped into at most :data:`SEGMENT_CHARS` normalised characters) as character
1–3-grams weighted tf-idf, and a logistic regression gives the chance that it is prohibited; from
:data:`threshold <ParaphraseModel.threshold>` on, the segment is a candidate of the rule that
stands for the family a second regression picks (:data:`FAMILY_RULES`). A rule's own finding at
the same place wins over the model's. A text's segments are scored together in array operations (numpy);
reading every segment still costs ``check`` about half again as long (``benchmarks/cli_bench.py --paraphrase``: 3.4–3.8×
jieba where the rules alone run at 5.1–5.5×), and on real staff turns it reads more courtesy as rudeness than the rules
do: the model is on when asked for (``[matching] paraphrase``, ``--paraphrase``).

The model is data (``lexicons/paraphrase.json.gz``), trained by :mod:`phrasecheck.ruletools.train`;
running it needs nothing but this module.
"""

from __future__ import annotations

import base64
import hashlib
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from ..lexicon.model import Rule
from ..models import severity_rank
from ..normalize import NormalText
from ..resources import data_path, read_model
from .candidates import Candidate
from .compile import BARRIER_CHAR, Form
from .quotes import OPENING_MARK, QUOTATION

#: The shipped model, beside the lexicons.
MODEL_FILE = "paraphrase.json.gz"
#: The version of the model file's layout this module reads.
FORMAT = 1
#: The n-gram lengths read.
NGRAMS = (1, 3)
#: Clauses are grouped into segments of at most this many normalised characters (an utterance's length).
SEGMENT_CHARS = 60
#: The rule each family of prohibited expression is reported as (its category, suggestion and sources).
FAMILY_RULES = {
    "blame": "prohibited.shirk.blame",
    "contempt": "prohibited.insult.contempt",
    "ignorance": "prohibited.evade.dont-know",
    "impatience": "prohibited.impatient.stop-nagging",
    "insult": "prohibited.insult.stupid",
    "officialese": "prohibited.confront.rules-understand",
    "provoke": "prohibited.confront.go-complain",
    "refuse": "prohibited.evade.nothing-i-can-do",
    "repeat": "prohibited.impatient.already-said",
    "send_away": "prohibited.curt.closed-come-tomorrow",
    "shirk": "prohibited.shirk.not-my-business",
}
#: Stands where a quotation was taken out of a segment: no n-gram of the model holds it.
GAP = "\x1f"
#: The most a model finding is rated: a statistical judgement never vetoes a call on its own.
MOST_SEVERE = "medium"


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the model makes of one segment: the chance it is prohibited, its family, and the
    n-grams that weighed most towards prohibited (for ``explain``)."""

    probability: float
    family: str
    evidence: tuple[str, ...]


@cache
def default_model() -> ParaphraseModel:
    """The shipped model (loaded once per process, when first asked for)."""
    return ParaphraseModel.load(data_path(MODEL_FILE))


class ParaphraseModel:
    """A trained model, ready to score segments. Load once."""

    def __init__(self, data: dict):
        if data["format"] != FORMAT or tuple(data["ngrams"]) != NGRAMS:
            raise ValueError(f"format {data['format']}, n-grams {data['ngrams']}: this phrasecheck reads format "
                             f"{FORMAT}, n-grams {list(NGRAMS)}")
        self.threshold: float = data["threshold"]
        #: Names the weights: scores stored with one model are not taken for another's.
        self.version = hashlib.sha256(data["values"].encode("ascii")).hexdigest()[:12]
        self._intercept: float = data["intercept"]
        self._families = list(data["families"])
        self._width = 2 + len(self._families)
        self.rules = {family: data["families"][family]["rule"] for family in self._families}
        self._family_intercepts = [data["families"][family]["intercept"] for family in self._families]
        vocabulary = data["vocabulary"].split("\n")
        self.vocabulary_size = len(vocabulary)
        #: Each n-gram's row of values: idf, weight towards prohibited, weight towards each family.
        self._row = {gram: row * self._width for row, gram in enumerate(vocabulary)}
        self._values = _floats(data["values"])
        second = data.get("second_reading")
        #: The second reader's version, intercept and weight for each n-gram row (None: the file has none).
        self.second_version = hashlib.sha256(second["values"].encode("ascii")).hexdigest()[:12] if second else None
        self._second = (second["intercept"], _floats(second["values"])) if second else None

    @classmethod
    def load(cls, path: str | Path) -> ParaphraseModel:
        """The model in ``path``; a missing or damaged file raises :class:`DataFileError` naming it."""
        return read_model(path, cls, ("改述模型", "the paraphrase model"))

    def vector(self, segment: str) -> dict[int, float]:
        """The segment's tf-idf vector, as each n-gram's index in the vocabulary (for training the second reader)."""
        return {self._row[gram] // self._width: x for gram, x in self._weighted(segment).items()}

    def second_reading(self, segment: str) -> float | None:
        """The second reader's chance that ``segment`` is prohibited (it learnt the rules' own wordings too);
        None when the model file has no second reader."""
        if self._second is None:
            return None
        intercept, weights = self._second
        return _logistic(intercept + sum(x * weights[row] for row, x in self.vector(segment).items()))

    def judge(self, segment: str) -> Judgement:
        """The model's judgement of one normalised segment."""
        weighted = self._weighted(segment)
        return Judgement(self.chance(segment), self._family(weighted), self._evidence(weighted))

    def chance(self, segment: str) -> float:
        """The chance that one normalised segment is prohibited (see :meth:`chances`)."""
        return self.chances([segment])[0]

    def chances(self, segments: list[str]) -> list[float]:
        """The chance that each normalised segment is prohibited: the regression over its tf-idf vector (sublinear
        tf, l2-normalised, as :meth:`_weighted` builds it), with tf = 1 + log count the score Σ tf·idf·w / √Σ (tf·idf)²
        — worked out for all the segments at once in array operations (:class:`_Arrays`), no vector built."""
        return self._arrays.chances(segments, self._intercept) if segments else []

    @cached_property
    def _arrays(self) -> _Arrays:
        return _Arrays(self._row, self._width, self._values)

    def _family(self, weighted: dict[str, float]) -> str:
        values = self._values
        scores = [b + sum(x * values[self._row[gram] + 2 + k] for gram, x in weighted.items())
                  for k, b in enumerate(self._family_intercepts)]
        return self._families[max(range(len(scores)), key=scores.__getitem__)]

    def _evidence(self, weighted: dict[str, float]) -> tuple[str, ...]:
        """The n-grams that weighed most towards prohibited, longest first among equals."""
        weight = {gram: x * self._values[self._row[gram] + 1] for gram, x in weighted.items()}
        top = sorted(weight, key=lambda gram: (-weight[gram], -len(gram)))[:5]
        return tuple(gram for gram in top if weight[gram] > 0)

    def candidates(self, texts: Sequence[NormalText], forms: dict[str, Form], threshold: float) -> list[list[Candidate]]:
        """For each of ``texts`` (the turns of a call), a candidate for each segment judged prohibited (from
        ``threshold`` on), as its family's rule (when ``forms`` has it): every text's segments scored in one pass."""
        owns = [list(own_words(text, quotations(text))) for text in texts]
        chances = iter(self.chances([segment for own in owns for segment, _, _ in own]))
        return [self._judged(own, chances, forms, threshold) for own in owns]

    def _judged(self, own: list[tuple[str, int, int]], chances: Iterator[float], forms: dict[str, Form],
                threshold: float) -> list[Candidate]:
        found = []
        for (segment, start, end), probability in zip(own, chances):
            if probability >= threshold:
                form = forms.get(self.rules[self._family(self._weighted(segment))])
                if form is not None:
                    found.append(Candidate(form, start, end, "model", round(probability, 3)))
        return found

    def _weighted(self, segment: str) -> dict[str, float]:
        """The segment's tf-idf vector (sublinear tf, l2-normalised) over the model's n-grams."""
        rows, values = self._row, self._values
        weighted = {gram: (1 + math.log(count)) * values[rows[gram]]
                    for gram, count in Counter(features(segment)).items() if gram in rows}
        norm = math.sqrt(sum(x * x for x in weighted.values())) or 1.0
        return {gram: x / norm for gram, x in weighted.items()}


class _Arrays:
    """The model's n-grams as arrays, to score many segments in one pass (numpy, imported when first needed).

    Each character the vocabulary holds gets a number from 1 (0: any other, so an n-gram holding one is no
    n-gram of the model); a unigram's row is looked up directly, a bigram's or trigram's by its key (the characters'
    numbers in base ``base``) among the sorted keys. A segment's n-grams never cross into the next: segments are
    joined by a character numbered 0.
    """

    def __init__(self, rows: dict[str, int], width: int, values: array):
        import numpy as np

        grams = sorted(rows, key=rows.__getitem__)
        lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
        codes = np.frombuffer("".join(grams).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        characters = np.unique(codes)
        self.base = len(characters) + 1
        self.numbers = np.zeros(0x110000, dtype=np.int64 if self.base > 0xFFFF else np.uint16)
        self.numbers[characters] = np.arange(1, self.base)
        numbers = self.numbers[codes].astype(np.int64)
        starts = np.cumsum(lengths) - lengths   # each gram's first character in ``numbers``
        row = np.arange(len(grams))
        self.unigram_rows = np.full(self.base, -1, dtype=np.int64)
        self.unigram_rows[numbers[starts[lengths == 1]]] = row[lengths == 1]
        two, three = starts[lengths == 2], starts[lengths == 3]
        keys = np.concatenate([self._key(numbers[two], numbers[two + 1]),
                               self._key(numbers[three], numbers[three + 1], numbers[three + 2])])
        order = np.argsort(keys)
        self.keys = keys[order]
        self.key_rows = np.concatenate([row[lengths == 2], row[lengths == 3]])[order]
        table = np.frombuffer(values, dtype=np.float32).astype(np.float64).reshape(-1, width)
        self.idf, self.leaning = table[:, 0], table[:, 0] * table[:, 1]
        self.size = len(grams)

    def _key(self, first, second, third=None):
        """A bigram's key, or a trigram's (after every bigram's: keys of the two lengths never meet)."""
        base = self.base
        return first * base + second if third is None else base * base + (first * base + second) * base + third

    def chances(self, segments: list[str], intercept: float) -> list[float]:
        import numpy as np

        lengths = np.fromiter(map(len, segments), dtype=np.int64, count=len(segments))
        joined = "\0".join(segments).encode("utf-32-le", "surrogatepass")   # a lone surrogate of an undecodable byte too
        numbers = self.numbers[np.frombuffer(joined, dtype=np.uint32)].astype(np.int64)
        segment_of = np.repeat(np.arange(len(segments)), lengths + 1)[:len(numbers)]
        known = numbers != 0
        pairs = np.flatnonzero(known[:-1] & known[1:])
        triples = pairs[pairs < len(numbers) - 2]
        triples = triples[known[triples + 2]]
        keys = np.concatenate([self._key(numbers[pairs], numbers[pairs + 1]),
                               self._key(numbers[triples], numbers[triples + 1], numbers[triples + 2])])
        found = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        hit = self.keys[found] == keys
        unigram_rows = self.unigram_rows[numbers]
        unigram = unigram_rows >= 0
        rows = np.concatenate([unigram_rows[unigram], self.key_rows[found[hit]]])
        where = np.concatenate([segment_of[unigram], segment_of[np.concatenate([pairs, triples])[hit]]])
        return self._scores(where, rows, len(segments), intercept)

    def _scores(self, where, rows, count: int, intercept: float) -> list[float]:
        """Each segment's chance from the rows of the n-grams found in it (``where``: the segment of each)."""
        import numpy as np

        pairs = np.sort(where * self.size + rows)
        firsts = np.flatnonzero(np.diff(pairs, prepend=-1))
        tf = 1 + np.log(np.diff(np.append(firsts, len(pairs))))
        segment, row = np.divmod(pairs[firsts], self.size)
        weighted = tf * self.idf[row]
        score = np.bincount(segment, weights=tf * self.leaning[row], minlength=count)
        norm = np.sqrt(np.bincount(segment, weights=weighted * weighted, minlength=count))
        linear = intercept + np.divide(score, norm, out=np.zeros(count), where=norm > 0)
        return (1 / (1 + np.exp(-np.clip(linear, -50.0, 50.0)))).tolist()


def _logistic(score: float) -> float:
    """A regression's score as a chance (kept within what ``math.exp`` takes)."""
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, score))))


def _floats(encoded: str) -> array:
    values = array("f")
    values.frombytes(base64.b64decode(encoded))
    return values


def features(segment: str) -> list[str]:
    """Every character n-gram of the segment, of each length in :data:`NGRAMS`."""
    low, high = NGRAMS
    return [segment[i:i + n] for n in range(low, high + 1) for i in range(len(segment) - n + 1)]


def segments(text: NormalText, low: int = 0, high: int | None = None) -> list[tuple[str, int, int]]:
    """The sentences of the text (or of its stretch ``[low, high)``, which starts and ends at a clause's edge),
    each with its start and end; a sentence longer than :data:`SEGMENT_CHARS` characters split into groups of
    its clauses that are not (a longer clause is one segment); never across a barrier between joined texts."""
    high = len(text.text) if high is None else high
    found: list[tuple[int, int]] = []
    start, joinable = low, False
    inside = text.breaks[bisect_right(text.breaks, low):bisect_left(text.breaks, high)]
    sentence_ends = frozenset(text.sentence_ends(low, high))
    for end in (*inside, high):
        if BARRIER_CHAR in text.text[start:end]:
            joinable = False
        elif end > start:
            if joinable and end - found[-1][0] <= SEGMENT_CHARS:
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
            joinable = end not in sentence_ends
        start = end
    return [(text.text[start:end], start, end) for start, end in found]


def quotations(text: NormalText) -> list[tuple[int, int]]:
    """The spans of the original text inside quotation marks, in order."""
    return [match.span() for match in QUOTATION.finditer(text.original)] if OPENING_MARK.search(text.original) else []


def own_words(text: NormalText, quoted: list[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """Each segment of ``text`` in the speaker's own words: without what it quotes (培训时讲过，“这是规定，你懂不懂”
    是典型的打官腔 is judged as 培训时讲过 | 是典型的打官腔), with the span of the words left; a segment that is
    all quotation is left out. ``quoted`` (from :func:`quotations`) is walked once, segment by segment."""
    if not quoted:
        yield from segments(text)
        return
    at = 0
    for segment, start, end in segments(text):
        begin, stop = text.span(start, end)
        while at < len(quoted) and quoted[at][1] <= begin:
            at += 1
        inside, next_at = [], at
        while next_at < len(quoted) and quoted[next_at][0] < stop:
            inside.append(quoted[next_at])
            next_at += 1
        if not inside:
            yield segment, start, end
            continue
        kept = [i for i in range(start, end) if not any(left < text.offset(i) < right for left, right in inside)]
        if kept:
            yield _joined(text.text, kept), kept[0], kept[-1] + 1


def _joined(text: str, kept: list[int]) -> str:
    """The characters of ``text`` at the ``kept`` positions, with :data:`GAP` where some were taken out, so
    that no n-gram reads across a quotation (你烦不烦“好的”啊 is not 你烦不烦啊)."""
    pieces = [text[kept[0]]]
    for before, position in zip(kept, kept[1:]):
        pieces.append(text[position] if position == before + 1 else GAP + text[position])
    return "".join(pieces)


def severity_of(rule: Rule) -> str:
    """The severity of a model finding of ``rule``: the rule's, at most :data:`MOST_SEVERE`."""
    return rule.severity if severity_rank(rule.severity) <= severity_rank(MOST_SEVERE) else MOST_SEVERE
