"""What batch outputs show for stored codes: every grade the scripts can give (fixed columns, best
first, each with its colour), channel names and script titles, and the words of stored findings by
rule id (:mod:`phrasecheck.catalogue`), Chinese first, English with ``--lang en``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import pick
from ..scoring.catalogue import Catalogue
from ..scoring.grade import DEFAULT_BANDS, NOT_APPLICABLE, Band, Bands
from .words import word

if TYPE_CHECKING:
    from ..config import Config
    from ..lexicon.model import Lexicon
    from ..scoring import Scorer
    from ..scoring.model import Script
    from .summary import StepNamer, Violation


@dataclass(frozen=True, slots=True)
class GradeStyle:
    """How a grade looks: a strong colour (charts, badges) and a light fill with dark ink (spreadsheet cells)."""

    colour: str
    fill: str
    ink: str


#: Passing grades, best first; the lowest grade is always :data:`FAILING`. Past four bands the last repeats.
PASSING = (GradeStyle("#1b7f3b", "C6EFCE", "006100"), GradeStyle("#6a9f2a", "E2EFDA", "375623"),
           GradeStyle("#c98a00", "FFEB9C", "7F5A00"), GradeStyle("#d9661f", "FCE4D6", "843C0C"))
FAILING = GradeStyle("#b3261e", "FFC7CE", "9C0006")
UNSCORED = GradeStyle("#8c8c8c", "EDEDED", "3F3F3F")


@dataclass(frozen=True, slots=True)
class Labels:
    """The grades calls can get (``bands``, best first, the lowest failing), and the scripts' titles by name."""

    bands: tuple[Band, ...] = DEFAULT_BANDS.bands
    titles: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: The words of every rule and script step by id, to show stored findings in the language asked.
    words: Catalogue | None = None

    @classmethod
    def of(cls, bands: Bands | None, scripts: Iterable[Script], lexicon: Lexicon | None = None) -> Labels:
        """The labels of these scripts; ``bands`` (the configured grades) replace each script's own;
        with ``lexicon``, the words of its rules and the scripts' steps."""
        scripts = list(scripts)
        found: dict[str, Band] = {}
        for band in (bands.bands if bands else [b for script in scripts for b in script.bands.bands]):
            found.setdefault(band.name, band)
        ordered = tuple(sorted(found.values(), key=lambda band: -band.minimum)) or DEFAULT_BANDS.bands
        titles = {script.name: (script.title.zh, script.title.get("en")) for script in scripts}
        return cls(ordered, titles, Catalogue(lexicon, scripts) if lexicon else None)

    @classmethod
    def of_scorer(cls, scorer: Scorer) -> Labels:
        return cls.of(scorer.bands, scorer.scripts.values(), scorer.matcher.lexicon)

    @classmethod
    def of_config(cls, config: Config, lexicons: Sequence[Path] = (), scripts: Sequence[Path] = ()) -> Labels:
        """The labels of the configured scripts, grades and lexicons, and of the extra ``lexicons`` and ``scripts``."""
        from ..scoring.scripts import load_scripts

        return cls.of(Bands.from_mapping(config.grades) if config.grades else None,
                      load_scripts([*config.scripts, *scripts]).values(), config.lexicon(tuple(lexicons)))

    def worded(self, violation: Violation, lang: str) -> Violation:
        """A stored violation with its category and message in ``lang`` (as stored, for a rule no longer known)."""
        if self.words is None:
            return violation
        category, message = self.words.worded(violation.rule, lang, violation.category, violation.message)
        return replace(violation, category=category, message=message)

    def card(self, card: dict, lang: str) -> dict:
        """A stored score-v1 card with its words in ``lang``: the grade's label, each finding's category
        and message, each breakdown line's name and explanation (what a rule no longer known keeps as stored)."""
        if self.words is None:
            return card
        return {**self.words.card(card, lang), "grade_label": self.grade(card["grade"], lang)}

    def step(self, rule: str, lang: str, stored: str | None = None) -> str:
        """The name in ``lang`` of the step a stored rule id checks (when no script has it any more: what
        an older store kept, else the id)."""
        return self.words.category(rule, lang, stored) if self.words else stored or rule

    def namer(self, lang: str) -> StepNamer:
        """Names missed steps in ``lang`` for summaries (:func:`~phrasecheck.batch.summary.summarize`)."""
        return lambda rule, stored: self.step(rule, lang, stored)

    def grades(self, found: Iterable[str] = ()) -> list[str]:
        """Every grade, best first, then 不适用, then any other grade ``found`` in the store (from other rules)."""
        fixed = [band.name for band in self.bands] + [NOT_APPLICABLE.band.name]
        return fixed + [grade for grade in dict.fromkeys(found) if grade not in fixed]

    def grade(self, name: str, lang: str) -> str:
        """A stored grade as shown: its English name with ``--lang en``."""
        band = self._band(name)
        return band.label(lang) if band else name

    def style(self, name: str) -> GradeStyle:
        """The colours of a grade: green for the best, red for the lowest, grey for 不适用 and unknown grades."""
        names = [band.name for band in self.bands]
        if name not in names:
            return UNSCORED
        place = names.index(name)
        return FAILING if place == len(names) - 1 and len(names) > 1 else PASSING[min(place, len(PASSING) - 1)]

    def band_of(self, score: float) -> Band:
        """The band a score reaches (without caps): what a mean score is coloured by."""
        return next((band for band in self.bands if score >= band.minimum), self.bands[-1])

    def script(self, name: str | None, lang: str) -> str | None:
        """A script's title (电话接听标准话术), or its name when it is not loaded."""
        if name is None or name not in self.titles:
            return name
        return pick(self.titles[name], lang)

    @staticmethod
    def channel(code: str | None, lang: str) -> str | None:
        """A channel as said (phone → 电话); a channel of a custom script as it is named."""
        if code is None:
            return None
        shown = word(f"channel_{code}", lang)
        return code if shown == f"channel_{code}" else shown

    def _band(self, name: str) -> Band | None:
        if name == NOT_APPLICABLE.band.name:
            return NOT_APPLICABLE.band
        return next((band for band in (*self.bands, *DEFAULT_BANDS.bands) if band.name == name), None)
