"""The paraphrase model's second reading of the shipped family rules' matches.

A family rule's words are broad on purpose (你 + 记性 + 差 is one insult in many wordings), so some courteous
sentences hold them too (我们不管多晚都给您办完). The
paraphrase model's file holds a second regression over its n-grams, trained on what the model learns from (the
rules' ``pass`` examples, the near misses, weigh three times) and on every prohibited rule's ``flag`` examples,
also wrapped in courteous words (您好，… / 不好意思，… / …，谢谢), so that it knows the rules' own wordings and
that courtesy around them excuses nothing: where it gives the sentence around a shipped family rule's match less
than :attr:`~.settings.MatchSettings.second_reading_below` chance of being prohibited, the match is dropped. A
user's own rules, a rule's listed wordings (read so, a prohibited phrase put into a courteous turn went unpunished
in three scoring pairs) and sentences too short to judge are never second-read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from pathlib import Path

from ..lexicon.load import default_lexicon_files
from ..lexicon.model import Rule
from ..normalize import NormalText
from .candidates import Candidate
from .compile import BARRIER_CHAR
from .paraphrase import ParaphraseModel, default_model, segments

#: What a second reading says of one candidate: why it is dropped, or None.
Verdict = Callable[[Candidate], "str | None"]
#: A sentence shorter than this (normalised characters) is not second-read: too few n-grams to judge by (笨得可以).
MIN_CHARS = 6
#: In a sentence longer than this (a long unpunctuated run of speech recognition), only the match and this many
#: characters either side of it are read: the rest is other business.
LONG_SENTENCE, AROUND = 30, 10


def shipped(rules: list[Rule]) -> frozenset[str]:
    """The ids of the prohibited family rules among ``rules`` that the shipped lexicon files define."""
    files = {str(path.resolve()) for path in default_lexicon_files()}
    return frozenset(rule.id for rule in rules if rule.kind == "prohibited" and rule.match is not None
                     and _resolved(rule.origin.path) in files)


def _resolved(path: str) -> str:
    return str(Path(path).resolve()) if not path.startswith("<") else path


def barriers_of(text: str) -> list[int]:
    """Where the barriers between joined texts stand in ``text``, with -1 before it and its length after it."""
    found, at = [-1], text.find(BARRIER_CHAR)
    while at >= 0:
        found.append(at)
        at = text.find(BARRIER_CHAR, at + 1)
    return [*found, len(text)]


class SecondReading:
    """Drops a shipped family rule's match in a sentence the second reader reads as below ``below`` (0: reads
    nothing)."""

    def __init__(self, rules: frozenset[str], below: float):
        self.rules, self.below = rules, below

    @property
    def version(self) -> str:
        """What the second reading adds to a scorer's version ("" when it reads nothing)."""
        if not self.rules or self.below <= 0 or self.model.second_version is None:
            return ""
        return f"+second.{self.model.second_version}@{self.below:g}"

    @property
    def model(self) -> ParaphraseModel:
        return default_model()  # loaded on the first match that needs it: most texts have none

    def of(self, text: NormalText) -> Verdict:
        """The verdict on candidates in ``text``. Where the barriers between joined texts stand, and the sentences of
        each line a candidate is in, are found once, when first needed; each sentence is read once."""
        barriers: list[int] = []
        lines: dict[int, tuple[list[tuple[str, int, int]], list[int]]] = {}
        chances: dict = {}   # a sentence's chance by its start, a clause's by its (start, end)

        def verdict(candidate: Candidate) -> str | None:
            if candidate.how != "family" or candidate.form.rule.id not in self.rules or self.below <= 0:
                return None
            if not barriers:
                barriers.extend(barriers_of(text.text))
            after = bisect_right(barriers, candidate.start)
            low, high = barriers[after - 1] + 1, barriers[after]
            if low not in lines:
                spans = segments(text, low, high)
                lines[low] = (spans, [start for _, start, _ in spans])
            chance = max(self._chances(*lines[low], candidate, chances), default=1.0)
            start, end = text.clause(candidate.start)
            if end - start >= MIN_CHARS:   # the match's own clause read too: 你咋这么轴呢，我帮您查一下 excuses nothing
                if (start, end) not in chances:
                    chances[start, end] = self._chance(text.text[start:end])
                chance = max(chance, chances[start, end])
            return f"second reading: {chance:.3f} < {self.below:g}" if chance < self.below else None

        return verdict

    def _chances(self, spans: list[tuple[str, int, int]], starts: list[int], candidate: Candidate,
                 read: dict[int, float]) -> Iterator[float]:
        """The second reader's chance for each sentence the candidate overlaps (1 for one too short to judge), kept in
        ``read`` by the sentence's start."""
        at = max(0, bisect_right(starts, candidate.start) - 1)
        while at < len(spans) and spans[at][1] < candidate.end:
            segment, start, end = spans[at]
            if end > candidate.start:
                if len(segment) > LONG_SENTENCE:   # one long run of speech recognition: the words around the match
                    low = max(candidate.start - start - AROUND, 0)
                    yield self._chance(segment[low:candidate.end - start + AROUND])
                else:
                    if start not in read:
                        read[start] = self._chance(segment)
                    yield read[start]
            at += 1

    def _chance(self, segment: str) -> float:
        chance = self.model.second_reading(segment) if len(segment) >= MIN_CHARS else None
        return 1.0 if chance is None else chance
