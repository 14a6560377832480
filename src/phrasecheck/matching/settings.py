"""Matching thresholds: how close a paraphrase must be, by phrase length."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Tunable matching thresholds (all similarities are 0–1)."""

    #: Phrases shorter than this never match fuzzily: only exactly or by homophone.
    fuzzy_min_length: int = 6
    #: Minimum similarity for a fuzzy match, for phrases of 6–7, 8–11 and 12+ characters.
    fuzzy_short: float = 0.83
    fuzzy_medium: float = 0.8
    fuzzy_long: float = 0.75
    #: Phrases shorter than this need an exact match (no same-pinyin substitutes).
    homophone_min_length: int = 2
    #: Whether the paraphrase model also reads staff speech (:mod:`.paraphrase`), and from what
    #: chance it reports a segment (None: the model's own threshold).
    paraphrase: bool = False
    paraphrase_threshold: float | None = None
    #: Whether the model second-reads the shipped family rules' matches (:mod:`.second_reading`), dropping a
    #: match in a sentence it gives less than ``second_reading_below`` chance of being prohibited. Off by default: an
    #: independent review found it excused one in ten insults wrapped in courteous words (你咋这么轴呢我帮您查一下).
    second_reading: bool = False
    second_reading_below: float = 0.05

    def fuzzy_threshold(self, length: int) -> float | None:
        """Similarity a fuzzy match of a ``length``-character phrase needs, or None: no fuzzy."""
        if length < self.fuzzy_min_length:
            return None
        if length < 8:
            return self.fuzzy_short
        return self.fuzzy_medium if length < 12 else self.fuzzy_long

    def max_edits(self, length: int) -> int:
        """Edits a fuzzy match may contain for a ``length``-character phrase (0: no fuzzy)."""
        threshold = self.fuzzy_threshold(length)
        return 0 if threshold is None else int(length * (1 - threshold) + 1e-9)

    def homophone_budget(self, length: int) -> int:
        """How many characters may be same-pinyin substitutes in an exact-length match."""
        return 0 if length < self.homophone_min_length else max(1, length // 3)
