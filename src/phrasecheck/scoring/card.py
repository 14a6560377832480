"""The scorecard of one exchange, and its public JSON shape (one element of ``exchanges``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fixer import finding_fix
from ..models import Diagnostic, Exchange, Finding, constructor_arguments
from .catalogue import Catalogue
from .channel import Clue
from .grade import Grade
from .model import Item, Script

#: Why a card is not applicable: the exchange has no staff speech (a resident's voicemail) …
NO_STAFF_SPEECH = "no_staff_speech"
#: … or no turn of it is known to be staff's because nothing tells who speaks (a transcript without diarisation).
ROLES_UNKNOWN = "roles_unknown"
#: Kinds of scorecard findings, in the order they are listed at one place.
KINDS: tuple[str, ...] = ("prohibited", "informal", "missing", "trigger", "courtesy")
#: Kinds whose words a fix would replace (a missing element's suggestion is said, not substituted).
FIXABLE = ("prohibited", "informal")


@dataclass(slots=True)
class CardFinding:
    """Something found (or missing) in one turn: a lexicon finding, a script pattern, a missing element.

    ``points`` is what it cost (negative) or 0; ``start``/``end`` are offsets into the turn's text
    (equal for a missing element: the place where it was due).
    """

    kind: str
    rule: str
    turn: int
    start: int
    end: int
    text: str
    match: str | None
    similarity: float | None
    severity: str | None
    suggestion: str | None = None
    points: float = 0.0
    #: For a reply fault not charged again: the rule of the deduction that covers it (see :func:`settle`).
    covered_by: str | None = None
    #: Charged less than its points (or nothing) because its item's points were used up.
    used_up: bool = False
    #: For a reply left out: the points it owes before one fault is charged once (see :func:`settle`): what caps a grade.
    owed: float = 0.0

    @classmethod
    def of(cls, finding: Finding, turn: int) -> CardFinding:
        """A lexicon finding in turn ``turn``."""
        return cls(finding.kind, finding.rule, turn, finding.start, finding.end, finding.text,
                   finding.match, finding.similarity, finding.severity, finding.suggestion)

    @property
    def key(self) -> tuple:
        return self.kind, self.rule, self.turn, self.start, self.end

    def copy(self) -> CardFinding:
        return CardFinding(*_FINDING_ARGUMENTS(self))


_FINDING_ARGUMENTS = constructor_arguments(CardFinding)


def transcript_order(finding: CardFinding) -> tuple:
    """Where a finding stands in a scorecard's list: by turn and place, then by kind."""
    return finding.turn, finding.start, finding.end, KINDS.index(finding.kind)


@dataclass(slots=True)
class ItemScore:
    """One breakdown line: the item, the points earned, the findings that decided it, and what
    each finding that costs points was charged (before the item's weight caps it)."""

    item: Item
    earned: float
    evidence: list[CardFinding]
    charges: list[tuple[CardFinding, float]] = field(default_factory=list)

    @property
    def lost(self) -> float:
        return self.item.weight - self.earned

    def reasons(self, words: Catalogue, lang: str) -> list[str]:
        """The distinct explanations, in ``lang``, of the findings that cost points, in transcript order
        (as a stored card's line lists them)."""
        reasons: dict[str, None] = {}
        for finding in sorted(self.evidence, key=transcript_order):  # a loop: this runs for every item of every call
            if finding.points < 0:
                reasons[words.of(finding, lang)[1]] = None
        return list(reasons)


#: The warning for a script chosen by default: nothing said whether the exchange is a call or a visit.
NO_CHANNEL_CLUE = ("未见判断电话或来访的线索（“喂”“来电”、坐席/来电人等），按默认话术“{}”评分；如是电话，请用 --script phone 指定 / "
                   "no sign of a call or a visit: scored with the default script; for a phone call use --script phone")
UNKNOWN_CHANNEL = ("来源给出的渠道“{0}”不对应任何话术，已不按它选择话术；请写 phone / reception 等话术名或别名，或用 --script 指定 / "
                   "the channel the source gives, “{0}”, names no script and was not used to choose one; "
                   "write a script's name or alias (phone, reception …) or use --script")


@dataclass(slots=True)
class ScoreCard:
    """An exchange scored against one script: score 0–100, grade, breakdown and every finding."""

    exchange: Exchange
    script: Script
    channel_by: str
    score: float | None
    grade: Grade
    items: list[ItemScore]
    findings: list[CardFinding]
    #: Where reports find the words of its findings, by rule id, in the language they are asked for.
    words: Catalogue
    clues: tuple[Clue, ...] = ()
    #: Why the script does not apply (no score): :data:`NO_STAFF_SPEECH` or :data:`ROLES_UNKNOWN`; None when scored.
    not_applicable: str | None = None

    def __repr__(self) -> str:   # the script and its patterns would fill a log: what the card says, not what it holds
        return (f"ScoreCard(exchange={self.exchange.id!r}, script={self.script.name!r}, score={self.score!r}, "
                f"grade={self.grade.band.name!r}, findings={len(self.findings)})")

    @property
    def warnings(self) -> list[Diagnostic]:
        """How the exchange was read (an inferred role …), and what scoring warns of."""
        return [*self.exchange.warnings, *self.scoring_warnings]

    @property
    def scoring_warnings(self) -> list[Diagnostic]:
        """That the channel the source gives names no script (``fax``: it was put aside), and that the script was
        chosen by default, with no sign of a call or a visit (a typed phone call would be scored as a visit: say so,
        and how to fix it)."""
        line = self.exchange.turns[0].line if self.exchange.turns else 0
        found = []
        if self.exchange.channel and self.channel_by in ("detected", "default") and self.score is not None:
            found.append(Diagnostic(self.exchange.source, line, UNKNOWN_CHANNEL.format(self.exchange.channel), "warning"))
        if self.channel_by == "default" and self.score is not None:
            found.append(Diagnostic(self.exchange.source, line, NO_CHANNEL_CLUE.format(self.script.title.get("zh")),
                                    "warning"))
        return found

    @property
    def veto(self) -> bool:
        """A critical prohibited expression was used: 一票否决."""
        return any(f.kind == "prohibited" and f.severity == "critical" for f in self.findings)


def scorecard_json(card: ScoreCard, lang: str | None = "zh") -> dict:
    """One exchange of the ``phrasecheck/score-v1`` document, its words in ``lang``; with ``lang`` None,
    as the results store keeps it: no words (each ``category``, ``message``, ``name`` and the grade's
    label null), which :meth:`Catalogue.card <phrasecheck.scoring.catalogue.Catalogue.card>` fills in
    the language asked."""
    exchange = card.exchange
    position = {finding.key: index for index, finding in enumerate(card.findings)}
    return {
        "id": exchange.id,
        "source": exchange.source,
        "staff_id": exchange.staff_id,
        "date": exchange.date,
        "date_from": exchange.meta.get("date_from"),
        "channel": card.script.channel,
        "channel_by": card.channel_by,
        "channel_evidence": [{"kind": clue.kind, "value": clue.value, "weight": _number(clue.weight)} for clue in card.clues],
        "roles_by": exchange.meta.get("roles_by", "given"),
        "script": card.script.name,
        "script_version": card.script.version,
        "score": None if card.score is None else _number(card.score),
        "grade": card.grade.band.name,
        "grade_label": card.grade.band.label(lang) if lang else None,
        "applicable": card.not_applicable is None,
        "not_applicable": card.not_applicable,
        "capped_by": card.grade.capped_by,
        "veto": card.veto,
        "turns": [
            {"index": i, "line": t.line, "speaker": t.speaker, "role": t.role, "text": t.text,
             "role_inferred": t.role_inferred, "start_ms": t.start_ms, "end_ms": t.end_ms}
            for i, t in enumerate(exchange.turns)
        ],
        "findings": [_finding_json(f, card.words, lang) for f in card.findings],
        "breakdown": [_breakdown_json(s, position, card.script.name, card.words, lang) for s in card.items],
        "warnings": [{"source": w.path, "line": w.line, "message": w.message} for w in card.warnings],
    }


def item_name(score: ItemScore, script: str, words: Catalogue, lang: str) -> str:
    """An item's name in ``lang``, from the catalogue like every word of a report."""
    return words.category(f"{script}.{score.item.key}", lang, score.item.name.get(lang))


def _breakdown_json(score: ItemScore, position: dict[tuple, int], script: str, words: Catalogue, lang: str | None) -> dict:
    """One breakdown line; ``position`` gives each finding's place in the card's findings, by key."""
    evidence = set()
    for finding in score.evidence:
        evidence.add(position[finding.key])
    name = message = None
    if lang:
        name = item_name(score, script, words, lang)
        message = ("; " if lang == "en" else "；").join(score.reasons(words, lang)) or None
    return {"item": score.item.key, "name": name, "max": _number(score.item.weight), "earned": _number(score.earned),
            "evidence": sorted(evidence), "message": message, "check": score.item.check}


def _finding_json(finding: CardFinding, words: Catalogue, lang: str | None) -> dict:
    category, message = words.of(finding, lang) if lang else (None, None)
    replacement, applicability = finding_fix(finding) if finding.kind in FIXABLE else (None, "none")
    return {
        "kind": finding.kind, "rule": finding.rule, "category": category, "turn": finding.turn,
        "start": finding.start, "end": finding.end, "text": finding.text, "match": finding.match,
        "similarity": finding.similarity, "severity": finding.severity, "message": message,
        "suggestion": finding.suggestion, "points": _number(finding.points),
        "covered_by": finding.covered_by, "used_up": finding.used_up, "owed": _number(finding.owed),
        "fix": {"replacement": replacement, "applicability": applicability},
        "sources": words.sources_json(finding.rule) if lang else None,
    }


def _number(value: float) -> float | int:
    """Whole numbers as ints (15, not 15.0); others rounded to 2 places."""
    whole = int(value)
    if whole == value:  # most weights and points: no rounding needed
        return whole
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded
