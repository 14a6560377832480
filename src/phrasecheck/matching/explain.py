"""Why a text was or was not flagged: the matcher's decisions, step by step, for ``phrasecheck explain``.

The same stages as :meth:`Matcher.find` — candidates, word boundaries, context guards, the choice
between overlapping candidates — with every decision kept, plus what came close: the family rules
looked at, around their key words said (each part met or not), the phrases that were nearly said
(their similarity and the threshold they missed), and the paraphrase model's reading when it is on.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from weakref import WeakKeyDictionary

from rapidfuzz.distance import Levenshtein

from ..lexicon.conditions import describe, words_of
from ..lexicon.model import AllOf, AnyOf, AtLeast, Condition, NotOf, Rule, Words
from ..normalize import NormalText, normalize
from .candidates import Candidate, find_candidates
from .confirm import Quotes, boundary_against, guard_against
from .families import Families, Family, Said, evaluate, rarity, window
from ..models import Finding
from .matcher import Matcher, best, covering_of, shadow_of
from .paraphrase import own_words, quotations

#: Phrases nearly said that are listed (the closest first), and how close they must be.
NEAR_MISSES, NEAR = 5, 0.6
#: How far below its threshold the paraphrase model's reading of a sentence is still shown.
MODEL_NEAR = 0.3
#: A word group said this often (its words' frequencies in jieba's dictionary, summed: 你 and 我 and their kin) is no
#: sign of a near miss on its own.
COMMONPLACE = 100_000


@dataclass(frozen=True, slots=True)
class Decision:
    """A candidate and what became of it: ``finding``, or the check that stopped it."""

    rule: Rule
    how: str
    text: str
    start: int
    end: int
    similarity: float
    verdict: str
    #: The rule whose finding covers this candidate (``verdict`` "covered by: …"), to say how grave it is.
    cover: Rule | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a family rule's condition in one window: what it asks, whether it held, and what was said for it
    (or None); for a ``not``, what was said against it."""

    asks: str
    said: str | None
    held: bool
    excludes: bool = False


@dataclass(frozen=True, slots=True)
class FamilyTrace:
    """A family rule one of whose words was said: the window looked at, and each part met or not; when every part held
    but the whole did not, ``unmet`` says what of it did not: ``ordered``, or ``gap N``."""

    rule: Rule
    window: str
    parts: tuple[Part, ...]
    held: bool
    unmet: str = ""


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A phrase nearly said: the closest words, their similarity, and what would have been needed."""

    rule: Rule
    form: str
    said: str
    similarity: float
    needed: str


@dataclass(frozen=True, slots=True)
class ModelTrace:
    """The paraphrase model on one sentence: its chance of being prohibited, the family, and the
    n-grams that weighed most towards prohibited."""

    segment: str
    probability: float
    family: str
    evidence: tuple[str, ...]
    threshold: float


@dataclass(slots=True)
class Explanation:
    """Everything :func:`explain` found out about one text."""

    normal: NormalText
    decisions: list[Decision] = field(default_factory=list)
    families: list[FamilyTrace] = field(default_factory=list)
    near: list[NearMiss] = field(default_factory=list)
    #: The paraphrase model's reading of each sentence that came within :data:`MODEL_NEAR` of its threshold (when it is on).
    model: list[ModelTrace] = field(default_factory=list)
    #: Whose words the text was explained as (``staff`` or ``resident``).
    speaker: str = "staff"
    #: Findings of rules about residents' words (``role = "resident"``), not evaluated in staff speech.
    residents: list[Finding] = field(default_factory=list)
    #: Family rules not looked at (none of their key words said) half of whose condition held: near misses (added last,
    #: so that the fields before keep their places).
    half_met: list[FamilyTrace] = field(default_factory=list)

    def came_close(self) -> bool:
        """Whether anything was found or nearly found (worth showing for one line of a draft; a family half met, whose key
        words were not said, is too little)."""
        return bool(self.decisions or self.families or self.near or self.model)

    def findings(self) -> list[Decision]:
        """The candidates that became findings."""
        return [decision for decision in self.decisions if decision.verdict == "finding"]


def explain(matcher: Matcher, text: str) -> Explanation:
    """The matcher's decisions on ``text`` (see module docstring)."""
    normal = normalize(text)
    explanation = Explanation(normal)
    quotes = Quotes(text)
    candidates = find_candidates(matcher.compiled, normal, matcher.settings) + matcher.families.candidates(normal)
    [model] = matcher.model_candidates([normal])
    passed, verdicts, reread = [], {}, matcher.second_reading.of(normal)
    for candidate in candidates + model:
        verdict = (matcher.model_guard(normal, candidate, quotes) if candidate.how == "model"
                   else boundary_against(normal, candidate) or guard_against(normal, candidate, quotes)
                   or reread(candidate))
        if verdict:
            verdicts[id(candidate)] = verdict
        else:
            passed.append(candidate)
    kept = best(passed) if passed else []
    kept_ids, covering = {id(candidate) for candidate in kept}, covering_of(kept)
    covers = {}
    for candidate in passed:  # by identity and by the characters covered: a long line has thousands of candidates
        other = None if id(candidate) in kept_ids else shadow_of(candidate, covering)
        verdicts[id(candidate)] = "finding" if id(candidate) in kept_ids else _covered(other)
        covers[id(candidate)] = other.form.rule if other else None
    explanation.decisions = sorted((_decision(normal, candidate, verdicts[id(candidate)], covers.get(id(candidate)))
                                    for candidate in candidates + model),
                                   key=lambda decision: (decision.start, decision.end, decision.rule.id, decision.how))
    explanation.families, explanation.half_met = _families(matcher, normal)
    explanation.model = _model(matcher, normal)
    explanation.near = _near_misses(matcher, normal, {c.form.rule.id for c in candidates})
    explanation.speaker = matcher.speaker
    explanation.residents = _residents_rules(matcher).find_normalized(normal) if _residents_rules(matcher) else []
    return explanation


#: For each staff matcher, a matcher of only the rules about residents' words it leaves out (None: there are none).
_RESIDENTS: WeakKeyDictionary[Matcher, Matcher | None] = WeakKeyDictionary()


def _residents_rules(matcher: Matcher) -> Matcher | None:
    """A matcher of the rules about residents' words that ``matcher``, of staff speech, does not evaluate (built once)."""
    if matcher.speaker != "staff":
        return None
    if matcher not in _RESIDENTS:
        rules = [rule for rule in matcher.lexicon.rules if rule.role == "resident"]
        _RESIDENTS[matcher] = Matcher(replace(matcher.lexicon, rules=rules), matcher.settings, "resident") if rules else None
    return _RESIDENTS[matcher]


def _decision(normal: NormalText, candidate: Candidate, verdict: str, cover: Rule | None) -> Decision:
    start, end = normal.span(candidate.start, candidate.end)
    return Decision(candidate.form.rule, candidate.how, normal.original[start:end], start, end,
                    round(candidate.similarity, 3), verdict, cover)


def _covered(other: Candidate | None) -> str:
    return f"covered by: {other.form.rule.id}" if other else "covered"


def _families(matcher: Matcher, normal: NormalText) -> tuple[list[FamilyTrace], list[FamilyTrace]]:
    """Each family rule that held, or one of whose parts was said, in each window it was looked at: around
    its key words, the rarest its alternatives need (你 alone opens no window for 你 + 记性 + 差); a window
    where only a pattern's literal was said, and the pattern did not match, is left out. Then the near misses of
    the rules not looked at (:func:`_half_met`)."""
    families = matcher.families
    hits = families.hits(normal) if normal.text else Said()
    traces = []
    for family, windows in families.windows(normal, hits).items():
        for low, high in sorted(windows):
            trace = _trace(family, family.condition, normal, hits, (low, high))
            if trace.held or any(part.said for part in trace.parts):
                traces.append(trace)
    return traces, _half_met(families, normal, hits, {trace.rule.id for trace in traces})


def _half_met(families: Families, normal: NormalText, hits: Said, looked_at: set[str]) -> list[FamilyTrace]:
    """Near misses of the family rules not looked at (none of their key words said): of each rule, the alternative
    some of whose words were said that came closest (:func:`_share_met`), in the window around the first of them, when
    half of it held and the whole did not. Only the rules whose words were said are evaluated, and only here:
    ``check`` never does this."""
    traces = []
    for family in (family for family in families.families if family.rule.id not in looked_at):
        closest, share = None, 0.5
        for branch, _ in family.branches:
            said = [hits[word][0][0] for word in words_of(branch) if word in hits]
            trace = _trace(family, branch, normal, hits, window(normal, min(said), family, branch)) if said else None
            if trace and not trace.held and _share_met(trace, branch) >= share:
                closest, share = trace, _share_met(trace, branch) + 1e-9   # the first of equals
        traces += [closest] if closest else []
    return traces


def _share_met(trace: FamilyTrace, branch: Condition) -> float:
    """How much of the parts ``branch`` needs said held in ``trace`` (of an at least N, of N); nothing when those that
    held are only words said everywhere (:data:`COMMONPLACE`)."""
    said = [(part, condition) for part, condition in zip(trace.parts, _parts(branch)) if not part.excludes]
    met = [condition for part, condition in said if part.held and part.said]
    needed = branch.count if isinstance(branch, AtLeast) else len(said)
    return 0.0 if all(map(_commonplace, met)) else len(met) / max(needed, 1)


def _commonplace(condition: Condition) -> bool:
    """Whether ``condition`` is a word group said everywhere (:data:`COMMONPLACE`)."""
    return isinstance(condition, Words) and rarity(frozenset(condition.words)) >= COMMONPLACE


def _trace(family: Family, condition: Condition, normal: NormalText, hits: Said, span: tuple[int, int]) -> FamilyTrace:
    """``condition`` (a family's, or one of its alternatives) in the window ``span``: each part met or not."""
    low, high = span
    parts = tuple(_part(part, normal, hits, low, high) for part in _parts(condition))
    held = bool(evaluate(condition, normal, hits, low, high))
    return FamilyTrace(family.rule, normal.text[low:high], parts, held, "" if held else _unmet(condition, parts))


def _part(part: Condition, normal: NormalText, hits: Said, low: int, high: int) -> Part:
    if isinstance(part, NotOf):
        against = _said(part.part, normal, hits, low, high)
        return Part(describe(part), against, against is None, excludes=True)
    said = _said(part, normal, hits, low, high)
    return Part(describe(part), said, said is not None)


def _unmet(condition: Condition, parts: tuple[Part, ...]) -> str:
    """What stopped a condition every part of which held: the order (``ordered``) or the gap (``gap N``) of an ``all``,
    or its parts not holding at once (``together``: the same words cannot be two parts)."""
    condition = _single(condition)
    if not all(part.held for part in parts) or isinstance(condition, AnyOf):
        return ""
    if not isinstance(condition, AllOf) or not condition.ordered:
        return "together"
    return "ordered" if condition.gap is None else f"gap {condition.gap}"


def _model(matcher: Matcher, normal: NormalText) -> list[ModelTrace]:
    """The model's reading of each sentence it judged at least :data:`MODEL_NEAR` below its threshold."""
    if matcher.paraphrase is None:
        return []
    threshold = matcher.paraphrase_threshold
    traces = []
    for segment, _, _ in own_words(normal, quotations(normal)):  # as check reads it: without what it quotes
        judged = matcher.paraphrase.judge(segment)
        if judged.probability >= threshold - MODEL_NEAR:
            traces.append(ModelTrace(segment, round(judged.probability, 3), judged.family, judged.evidence, threshold))
    return traces


def _parts(condition: Condition) -> tuple[Condition, ...]:
    """The parts worth reporting one by one: those of the top-level all / any / at least (of a list of one, its own)."""
    condition = _single(condition)
    return condition.parts if isinstance(condition, (AllOf, AnyOf, AtLeast)) else (condition,)


def _single(condition: Condition) -> Condition:
    """The one alternative of a ``match`` list of one (``match = [{ all = [...] }]``), else the condition."""
    return condition.parts[0] if isinstance(condition, AnyOf) and len(condition.parts) == 1 else condition


def _said(part: Condition, text: NormalText, hits: Said, low: int, high: int) -> str | None:
    matches = [m for m in evaluate(part, text, hits, low, high) if m[0] is not None]
    if not matches:
        return "…" if evaluate(part, text, hits, low, high) else None
    start, end, _ = min(matches, key=lambda m: m[1] - m[0])
    return text.text[start:end]


def _closest(text: str, phrase: str, starts: list[int]) -> tuple[float, str]:
    """The stretch of ``text`` from one of ``starts``, as long as ``phrase`` or one character shorter or longer,
    most like it (the first of equals), with its similarity."""
    closest, said = 0.0, ""
    for start in starts:
        for length in (len(phrase) - 1, len(phrase), len(phrase) + 1):
            piece = text[start:start + length]
            if piece and (score := Levenshtein.normalized_similarity(phrase, piece)) > closest:
                closest, said = score, piece
    return closest, said


def _starts(phrase: str, places: dict[str, list[int]], length: int) -> list[int]:
    """Where a stretch as similar as :data:`NEAR` to ``phrase`` may start: a stretch of at most its length + 1
    characters holding at least (2·NEAR − 1) of its length of its characters (a stretch with fewer cannot reach
    NEAR, whatever its length), so that a long line is not compared at every character with every phrase."""
    size = len(phrase)
    needed = max(1, math.ceil((2 * NEAR - 1) * size - 1e-9))
    said = sorted(position for char in set(phrase) for position in places.get(char, ()))
    last = max(0, length - size + 1)
    starts = {start for first, end in zip(said, said[needed - 1:]) if end - first <= size
              for start in range(max(0, end - size), min(first, last) + 1)}
    return sorted(starts) if length >= size - 1 else [0]


def _near_misses(matcher: Matcher, normal: NormalText, found: set[str]) -> list[NearMiss]:
    """Phrases not found whose closest stretch of the text is at least :data:`NEAR` similar."""
    text, settings = normal.text, matcher.settings
    places: dict[str, list[int]] = defaultdict(list)
    for position, char in enumerate(text):
        places[char].append(position)
    misses = []
    for form in matcher.compiled.forms:
        if form.rule.id in found or form.slot_regex is not None or not form.plain or len(form.plain[0]) < 3:
            continue
        phrase = form.plain[0]
        closest, said = _closest(text, phrase, _starts(phrase, places, len(text)))
        if closest >= NEAR:
            threshold = settings.fuzzy_threshold(len(phrase))
            needed = (f"≥ {threshold:g}" if threshold else
                      f"exact or same-sound: phrases under {settings.fuzzy_min_length} characters are never fuzzy")
            misses.append(NearMiss(form.rule, form.written, said, round(closest, 3), needed))
    return sorted(misses, key=lambda miss: -miss.similarity)[:NEAR_MISSES]
