"""The matcher: normalise → candidates → boundaries and guards → findings in original offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from ..lexicon.model import Lexicon
from ..models import Finding, severity_rank
from ..normalize import NormalText, normalize
from .candidates import Candidate, find_candidates
from .compile import BARRIER, compile_lexicon, rule_form
from .confirm import MENTIONS, Quotes, boundary_against, guard_against, rule_none_near, said_near, snapped_to_words
from .families import Families, normalised
from .paraphrase import default_model, severity_of
from .second_reading import SecondReading, shipped
from .settings import MatchSettings

_QUALITY = {"exact": 3, "variant": 3, "homophone": 2, "family": 2, "fuzzy": 1, "model": 0}
#: Candidates are taken phrases first, then family matches, then the paraphrase model's.
_RANK = {"family": 1, "model": 2}


#: Characters besides \n and \r that end a line as ``str.splitlines`` reads it: no phrase crosses one.
RARE_LINE_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

class Matcher:
    """Find a lexicon's phrases in what one kind of speaker says (``staff``: drafts and staff turns;
    ``resident``: resident turns), with the rules whose ``role`` is that speaker or ``any``.
    Build once, call :meth:`find` for each text."""

    def __init__(self, lexicon: Lexicon, settings: MatchSettings | None = None, speaker: str = "staff"):
        self.lexicon, self.speaker = lexicon, speaker
        self.settings = settings or MatchSettings()
        spoken = lexicon.for_speaker(speaker)
        self.compiled = compile_lexicon(spoken, self.settings)
        self.families = Families(spoken.rules, self.settings)
        self.paraphrase = default_model() if self.settings.paraphrase and speaker == "staff" else None
        #: From what chance the model's reading of a sentence is a finding (None: the model is off).
        self.paraphrase_threshold = (self.settings.paraphrase_threshold or self.paraphrase.threshold
                                     if self.paraphrase else None)
        self._model_forms = {rule.id: rule_form(rule) for rule in spoken.rules
                             if self.paraphrase and rule.id in self.paraphrase.rules.values()}
        self._model_none = normalised(lexicon.paraphrase_none) if self.paraphrase and lexicon.paraphrase_none else None
        self.second_reading = SecondReading(shipped(spoken.rules) if self.settings.second_reading else frozenset(),
                                            self.settings.second_reading_below)

    def find(self, text: str) -> list[Finding]:
        """All findings in ``text``, ordered by position, offsets into ``text`` itself."""
        return self.find_normalized(normalize(text))

    def find_normalized(self, normal: NormalText) -> list[Finding]:
        """:meth:`find` for text already normalised with :func:`normalize`, so it is not normalised twice."""
        return self.find_each([normal])[0]

    def find_each(self, normals: Sequence[NormalText]) -> list[list[Finding]]:
        """:meth:`find_normalized` for each of ``normals`` (the turns of a call): the paraphrase model reads all
        their sentences in one pass."""
        modelled = self.model_candidates(normals)
        found = []
        for normal, model in zip(normals, modelled):
            confirmed = self._confirmed(normal, model)
            found.append(self._findings(normal, confirmed, [0])[0] if confirmed else [])  # most turns: nothing found
        return found

    def find_many(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Findings for each of ``texts`` (e.g. the turns of a call), matched in one pass.

        The texts are joined with a barrier no phrase can cross, which saves the per-call
        overhead of normalising and searching thousands of short turns one by one.
        """
        offsets = list(accumulate((len(text) + len(BARRIER) for text in texts[:-1]), initial=0))
        normal = normalize(BARRIER.join(texts))
        return self._findings(normal, self._confirmed(normal, self.model_candidates([normal])[0]), offsets)

    def _confirmed(self, normal: NormalText, model: list[Candidate]) -> list[Candidate]:
        """The candidates in ``normal`` that stand on word boundaries and pass their context guards (``model``: the
        paraphrase model's readings of it, kept unless a guard drops them, see :meth:`model_guard`)."""
        confirmed, mentioned = [], []
        quotes, reread = Quotes(normal.original), self.second_reading.of(normal)
        for candidate in find_candidates(self.compiled, normal, self.settings) + self.families.candidates(normal):
            if boundary_against(normal, candidate) is not None:
                continue
            reason = guard_against(normal, candidate, quotes)
            if reason is None and reread(candidate) is None:
                confirmed.append(snapped_to_words(normal, candidate))
            elif reason is not None and reason.startswith(MENTIONS):
                mentioned.append((candidate.start, candidate.end))
        confirmed += [candidate for candidate in model if self.model_guard(normal, candidate, quotes) is None]
        return _outside(confirmed, mentioned) if mentioned else confirmed

    def model_candidates(self, normals: Sequence[NormalText]) -> list[list[Candidate]]:
        """The paraphrase model's readings of each of ``normals`` from the threshold on, before any guard (none when
        it is off)."""
        if self.paraphrase is None:
            return [[] for _ in normals]
        return self.paraphrase.candidates(normals, self._model_forms, self.paraphrase_threshold)

    def model_guard(self, normal: NormalText, candidate: Candidate, quotes: Quotes) -> str | None:
        """What drops a model reading: a quotation or mention, its family rule's ``none`` said after its sentence
        where that counts (不中。不过恁明儿个带上户口本再来，俺保证给恁一回办利索), or the lexicon's ``[paraphrase] none``
        said near it in its line (the speaker helping or at fault: 我带你过去, 我没听清), as ``"guard: what"``."""
        if reason := guard_against(normal, candidate, quotes):
            return reason
        if said := rule_none_near(normal, candidate):
            return f"none: {said}"
        said = said_near(normal, candidate, self._model_none) if self._model_none is not None else None
        return f"paraphrase none: {said}" if said else None

    def _findings(self, normal: NormalText, candidates: list[Candidate], offsets: list[int]) -> list[list[Finding]]:
        """The best of ``candidates`` as findings, by which of the joined texts (starting at ``offsets``) they are in."""
        text = normal.original
        found: list[list[Finding]] = [[] for _ in offsets]
        if RARE_LINE_BREAK.search(text):  # a vertical tab or U+2028 ends a line for str.splitlines: never crossed
            candidates = [c for c in candidates if not RARE_LINE_BREAK.search(text, *normal.span(c.start, c.end))]
        for candidate in best(candidates) if candidates else ():
            start, end = normal.span(candidate.start, candidate.end)
            i = bisect_right(offsets, start) - 1
            found[i].append(self._finding(candidate, text[start:end], start - offsets[i], end - offsets[i]))
        return found

    def _finding(self, candidate: Candidate, text: str, start: int, end: int) -> Finding:
        rule = candidate.form.rule
        return Finding(
            kind=rule.kind, rule=rule.id, start=start, end=end, text=text,
            match=candidate.how, similarity=round(candidate.similarity, 3),
            severity=severity_of(rule) if candidate.how == "model" else rule.severity,
            suggestion=rule.suggestion_of(candidate.alternative),
        )


def _outside(candidates: list[Candidate], mentioned: list[tuple[int, int]]) -> list[Candidate]:
    """``candidates`` but those inside a span a guard read as quoted or mentioned (培训的时候讲了不能说这个不归我管:
    the 不归我管 inside the mention 这个不归我管 is mentioned too), found by bisection over the spans by start."""
    mentioned.sort()
    starts = [start for start, _ in mentioned]
    reach = list(accumulate((end for _, end in mentioned), max))   # the furthest end of the spans so far
    kept = []
    for candidate in candidates:
        at = bisect_right(starts, candidate.start) - 1
        if at < 0 or reach[at] < candidate.end:
            kept.append(candidate)
    return kept


def best(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per place: drop those inside a better or longer one of the same kind.

    Candidates are taken best first (phrases, then family matches, then the paraphrase model's; then longest, then closest; of
    equals, the first rule by id and the first alternative of its match, so that every process, whatever its hash seed,
    keeps the same);
    each is compared only with the kept ones that overlap it, found by the characters they cover.
    The work grows with the candidates and their own lengths, not with the longest of them.
    """
    ranked = sorted(candidates, key=lambda c: (_RANK.get(c.how, 0), -(c.end - c.start), -_QUALITY[c.how], -c.similarity,
                                               c.start, c.form.rule.id, -1 if c.alternative is None else c.alternative))
    covering: dict[int, list[Candidate]] = {}
    kept: list[Candidate] = []
    for candidate in ranked:
        if shadow_of(candidate, covering) is None:
            _cover(covering, candidate)
            kept.append(candidate)
    return sorted((c for c in kept if not _inside_graver(c, covering)), key=lambda c: (c.start, c.end))


def _inside_graver(candidate: Candidate, covering: dict[int, list[Candidate]]) -> bool:
    """Whether a kept prohibited finding of a graver rule holds all of ``candidate`` (不知道 inside 不知道，问那边): one
    fault, reported once, as the graver (a kept candidate that holds it covers its first character)."""
    return candidate.form.rule.kind == "prohibited" and any(
        kept is not candidate and kept.form.rule.kind == "prohibited" and _holds(kept, candidate) and _graver(kept, candidate)
        for kept in covering.get(candidate.start, ()))


def covering_of(kept: list[Candidate]) -> dict[int, list[Candidate]]:
    """The ``kept`` candidates by each character they cover (to find what shadows a candidate: :func:`shadow_of`)."""
    covering: dict[int, list[Candidate]] = {}
    for candidate in kept:
        _cover(covering, candidate)
    return covering


def _cover(covering: dict[int, list[Candidate]], candidate: Candidate) -> None:
    for position in range(candidate.start, candidate.end):
        covering.setdefault(position, []).append(candidate)


def shadow_of(candidate: Candidate, covering: dict[int, list[Candidate]]) -> Candidate | None:
    """The kept candidate covering a character of ``candidate`` that makes it redundant; None when none does."""
    return next((kept for position in range(candidate.start, candidate.end) for kept in covering.get(position, ())
                 if shadows(kept, candidate)), None)


def _graver_beside(candidate: Candidate, kept: Candidate) -> bool:
    """Whether ``candidate``, a family match of a graver prohibited rule, overlaps ``kept`` over other words than its own
    (怎么听不懂 and 听不懂人话 in 你这人怎么听不懂人话呢; 你是不是傻 inside 你是不是傻 赶紧, a gas hotline's trial: the insult,
    and its veto, are their own finding, not lost to the impatience found first). Over the very same words the one
    ranked first stays (别在这儿吵 is impatience however grave a rule that also reads it)."""
    return (candidate.form.rule.kind == "prohibited" and candidate.how == "family" and _graver(candidate, kept)
            and (candidate.start, candidate.end) != (kept.start, kept.end))


def _holds(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``outer`` covers every character ``inner`` does."""
    return outer.start <= inner.start and inner.end <= outer.end


def _graver(one: Candidate, other: Candidate) -> bool:
    """Whether ``one``'s rule is of a graver severity than ``other``'s."""
    return severity_rank(one.form.rule.severity) > severity_rank(other.form.rule.severity)


def shadows(kept: Candidate, candidate: Candidate) -> bool:
    """Whether ``kept`` (ranked first) makes ``candidate`` redundant.

    Overlapping matches of one rule are one finding, and a family match overlapping a finding of
    the same kind adds nothing (the phrase said it, more precisely), nor does informal wording
    inside a prohibited expression. Inside a longer finding of the
    same kind, a shorter one is dropped when it adds nothing: same category, any prohibited
    phrase, or a single character (请 inside 请坐). A 您好 inside a phone opening stays: it is a
    greeting too.
    """
    overlap = kept.start < candidate.end and candidate.start < kept.end
    if kept.form.rule is candidate.form.rule:
        return overlap
    if candidate.how in _RANK and overlap and kept.form.rule.kind == candidate.form.rule.kind:
        return not _graver_beside(candidate, kept)
    if overlap and candidate.form.rule.kind == "informal" and kept.form.rule.kind == "prohibited":
        return True  # the 你 of 你问别人去 is part of that fault
    inside = _holds(kept, candidate)
    if not inside or kept.form.rule.kind != candidate.form.rule.kind:
        return False
    return (kept.form.rule.category == candidate.form.rule.category
            or kept.form.rule.kind == "prohibited" or candidate.end - candidate.start == 1)
