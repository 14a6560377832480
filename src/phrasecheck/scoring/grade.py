"""Grades: score bands (优秀/良好/合格/不合格) and the caps set by prohibited findings (一票否决) and missed steps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..models import severity_rank


@dataclass(frozen=True, slots=True)
class Band:
    """A grade and the lowest score that earns it."""

    name: str
    minimum: float
    name_en: str = ""

    def label(self, lang: str) -> str:
        return (self.name_en or self.name) if lang == "en" else self.name


@dataclass(frozen=True, slots=True)
class Grade:
    """The grade given, whether it is the lowest band, and the severity that capped it (if any)."""

    band: Band
    lowest: bool = False
    capped_by: str | None = None


#: A cap's key beside the severities: prohibited expressions cost more than their item is worth
#: (the 25 points of the shipped scripts: two of high severity, three medium or six low ones).
OVER_LIMIT = "over_limit"


#: A cap's key: a step missed entirely, told by one missing finding that costs its item's whole weight (no
#: greeting at all, the office never named, no farewell); a step done in part or late costs a share and caps nothing.
MISSED_STEP = "missed_step"

#: A cap's key: a reply the resident's words called for wholly left out, worth :data:`REPLY_POINTS` or more (a question
#: unanswered, a long wait not apologised for, a matter not referred, no message taken for an absent colleague): four
#: blind trials' trainers and supervisors would not sign 优秀 for one (92–95 on points alone).
MISSED_REPLY = "missed_reply"

#: The least a missing reply costs for :data:`MISSED_REPLY` to cap (smaller courtesies owed — thanks for a suggestion,
#: a word of reassurance, 3–4 points — cost their points only).
REPLY_POINTS = 5.0

#: A cap's key: two or more steps missed entirely (no greeting and no farewell; on the phone, no greeting and the office
#: never named): the 三声 the regulations ask of every visit and call were not given.
MISSED_STEPS = "missed_steps"


def capping(prohibited: Iterable[tuple[str | None, bool]], missing: Iterable[tuple[float, float]] = (),
            replies: Iterable[float] = ()) -> list[str]:
    """What may cap a grade, from each prohibited finding's (severity, used_up): their severities, and
    :data:`OVER_LIMIT` when one was not fully charged because its item's points were used up; from
    each missing finding's (points it cost, its item's weight): :data:`MISSED_STEP` when one cost the whole item,
    and :data:`MISSED_STEPS` too when two or more did; and from the points each missing reply cost:
    :data:`MISSED_REPLY` when one cost :data:`REPLY_POINTS` or more."""
    found = list(prohibited)
    over = [OVER_LIMIT] if any(used_up for _, used_up in found) else []
    whole = sum(0 < weight <= cost for cost, weight in missing)
    missed = [MISSED_STEP, MISSED_STEPS][:min(whole, 2)]
    reply = [MISSED_REPLY] if any(cost >= REPLY_POINTS for cost in replies) else []
    return [severity for severity, _ in found if severity] + over + missed + reply


@dataclass(frozen=True, slots=True)
class Bands:
    """Grade bands, best first, and ``caps``: severity (or :data:`OVER_LIMIT`, :data:`MISSED_STEP`, :data:`MISSED_STEPS`,
    :data:`MISSED_REPLY`) → the
    best grade it still allows."""

    bands: tuple[Band, ...]
    caps: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError("至少需要一个等级 / at least one grade band is needed")
        object.__setattr__(self, "bands", tuple(sorted(self.bands, key=lambda band: -band.minimum)))
        unknown = set(self.caps.values()) - {band.name for band in self.bands}
        if unknown:
            raise ValueError(f"封顶等级不存在 / caps name unknown grades: {'、'.join(sorted(unknown))}")

    @classmethod
    def from_mapping(cls, minimums: Mapping[str, float], caps: Mapping[str, str] | None = None) -> Bands:
        """Bands from ``{"优秀": 90, "良好": 80, …}``; the lowest band gets a critical cap by default."""
        bands = tuple(Band(name, float(minimum)) for name, minimum in minimums.items())
        lowest = min(bands, key=lambda band: band.minimum).name if bands else ""
        return cls(bands, dict(caps) if caps is not None else {"critical": lowest, OVER_LIMIT: lowest})

    def grade(self, score: float, severities: Iterable[str] = ()) -> Grade:
        """The band ``score`` reaches, lowered to the lowest cap of the severities found (and of :data:`OVER_LIMIT`,
        :data:`MISSED_STEP`, :data:`MISSED_STEPS` and :data:`MISSED_REPLY`, when they are among them); of equal caps the
        worst severity is named."""
        band = next((band for band in self.bands if score >= band.minimum), self.bands[-1])
        caps = [(self.band(self.caps[severity]), severity) for severity in sorted(set(severities)) if severity in self.caps]
        cap, severity = min(caps, key=lambda found: (found[0].minimum, -severity_rank(found[1]), found[1]), default=(band, None))
        if cap.minimum < band.minimum:
            return Grade(cap, cap is self.bands[-1], severity)
        return Grade(band, band is self.bands[-1])

    def capped_as(self, other: Bands) -> Bands:
        """These bands with ``other``'s caps added where they name one of these bands: a configuration's own
        ``[grades]`` keep a script's caps (high → 合格, a step missed → 良好 …) when they name the same grades."""
        names = {band.name for band in self.bands}
        return Bands(self.bands, {**self.caps, **{key: name for key, name in other.caps.items() if name in names}})

    def band(self, name: str) -> Band:
        return next(band for band in self.bands if band.name == name)


#: The grade of an exchange the script does not apply to (no staff speech): no score, counted apart.
NOT_APPLICABLE = Grade(Band("不适用", 0.0, "N/A"))

#: The grades used when a script has no [grades] table.
DEFAULT_BANDS = Bands(
    (Band("优秀", 90, "excellent"), Band("良好", 80, "good"), Band("合格", 60, "pass"), Band("不合格", 0, "fail")),
    {"critical": "不合格", OVER_LIMIT: "不合格"},
)
