"""Find candidate matches fast: one automaton pass over the same-pinyin folded text."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..models import MatchHow
from ..normalize import NormalText
from .compile import ANCHOR, BARRIER_CHAR, PIECE, SLOT_MAX, WHOLE, CompiledLexicon, Form
from .settings import MatchSettings


#: A fuzzy match may not add, drop or swap a negation or 您: that turns a phrase into another.
NEVER_EDITED = frozenset("不没别无非未莫勿得您" + BARRIER_CHAR)
#: Nor drop or swap a person (我的记性真差 is not 你的记性真差); adding one changes little.
PERSONS = frozenset("你我他她")


@dataclass(slots=True)  # not frozen: a frozen dataclass is 4× slower to make, and thousands are made per batch
class Candidate:
    """A possible match, in normalised coordinates, before boundary and context checks."""

    form: Form
    start: int
    end: int
    how: MatchHow
    similarity: float
    #: For a family rule's match: where each word it used was said (their boundaries are checked).
    parts: tuple[tuple[int, int], ...] = ()
    #: For a family rule's match: the alternative of its ``match`` that found it, when they have suggestions of their own.
    alternative: int | None = None


def find_candidates(compiled: CompiledLexicon, text: NormalText, settings: MatchSettings) -> list[Candidate]:
    """Every exact, homophone, slotted and fuzzy candidate in ``text``."""
    folded = text.folded
    if compiled.automaton is None or not folded:
        return []
    matches = compiled.automaton.overlapping(folded)
    if not matches:  # most turns
        return []
    found: dict[tuple, Candidate] = {}
    fuzzy_starts: set[tuple[int, int]] = set()
    for pattern, start, end in matches:
        for target in compiled.targets[pattern]:
            form = target.form
            if target.role == WHOLE:
                _add(found, _whole(form, text, start, end, settings))
            elif target.role == PIECE:
                fuzzy_starts.add((id(form), start - target.offset))
            elif target.role == ANCHOR:
                _add(found, _slotted(form, text, start, target.offset))
    if fuzzy_starts:
        _add_fuzzy(found, compiled, text, settings, fuzzy_starts)
    return list(found.values())


def _add(found: dict, candidate: Candidate | None) -> None:
    if candidate is not None:
        found.setdefault((id(candidate.form), candidate.start, candidate.end), candidate)


def _add_fuzzy(found: dict, compiled: CompiledLexicon, text: NormalText, settings: MatchSettings,
               fuzzy_starts: set[tuple[int, int]]) -> None:
    """A fuzzy candidate near each estimated start of a form that no candidate of that form covers yet.

    Candidates are indexed by form and start, so each estimate looks only at the starts where a
    covering candidate could be, not at every candidate found.
    """
    furthest: dict[tuple[int, int], int] = {}  # (form id, start) → the furthest end of a candidate there
    for candidate in found.values():
        _reach(furthest, candidate)
    for form_id, estimate in sorted(fuzzy_starts):
        form = compiled.forms_by_id[form_id]
        if not _covered(furthest, form, estimate):
            candidate = _fuzzy(form, text, estimate, settings)
            if candidate is not None:
                _add(found, candidate)
                _reach(furthest, candidate)


def _reach(furthest: dict[tuple[int, int], int], candidate: Candidate) -> None:
    key = (id(candidate.form), candidate.start)
    furthest[key] = max(furthest.get(key, 0), candidate.end)


def _covered(furthest: dict[tuple[int, int], int], form: Form, estimate: int) -> bool:
    """Whether a candidate of ``form`` starts by ``estimate + max_edits`` and ends at ``estimate`` or later
    (one of a form's candidates is at most ``longest`` long, so it starts at most that far before)."""
    form_id, longest = id(form), len(form.folded[0]) + form.max_edits
    for start in range(estimate - longest, estimate + form.max_edits + 1):
        if furthest.get((form_id, start), estimate - 1) >= estimate:  # none there: not covered, even at the text's start
            return True
    return False


def _how(form: Form, exact: bool) -> MatchHow:
    if not exact:
        return "homophone"
    return "variant" if form.is_variant else "exact"


def _whole(form: Form, text: NormalText, start: int, end: int, settings: MatchSettings) -> Candidate | None:
    plain = form.plain[0]
    found = text.text[start:end]
    differ = 0 if found == plain else sum(a != b for a, b in zip(plain, found))
    if differ > settings.homophone_budget(len(plain)):
        return None
    return Candidate(form, start, end, _how(form, differ == 0), 1 - differ / (2 * len(plain)))


def _slotted(form: Form, text: NormalText, anchor_start: int, anchor_index: int) -> Candidate | None:
    """Verify a slotted form around a hit of its longest literal segment."""
    before = sum(map(len, form.folded[:anchor_index])) + anchor_index * SLOT_MAX
    after = sum(map(len, form.folded[anchor_index:])) + (len(form.folded) - anchor_index - 1) * SLOT_MAX
    low = max(0, anchor_start - before)
    match = form.slot_regex.search(text.folded, low, min(len(text.folded), anchor_start + after))
    if match is None:
        return None
    start, end = match.span()
    matched = text.text[start:end]
    exact = all(segment in matched for segment in form.plain)
    return Candidate(form, start, end, _how(form, exact), 1.0 if exact else 0.9)


def _changes_meaning(phrase: str, found: str) -> bool:
    """True when an edit touches a negation or 您, or drops or swaps a person."""
    for operation, i, j in Levenshtein.editops(phrase, found):
        removed = phrase[i] if operation != "insert" else ""
        added = found[j] if operation != "delete" else ""
        if removed in NEVER_EDITED or added in NEVER_EDITED or removed in PERSONS:
            return True
        if operation == "replace" and added in PERSONS:
            return True
    return False


def _fuzzy(form: Form, text: NormalText, estimate: int, settings: MatchSettings) -> Candidate | None:
    """Best close match of a long form near ``estimate``, if similar enough."""
    target = form.folded[0]
    size, edits = len(target), form.max_edits
    threshold = settings.fuzzy_threshold(size)
    scored = []
    for start in range(max(0, estimate - edits), estimate + edits + 1):
        for end in range(start + size - edits, min(start + size + edits, len(text.folded)) + 1):
            score = Levenshtein.normalized_similarity(target, text.folded[start:end], score_cutoff=threshold)
            if score and not _changes_meaning(form.plain[0], text.text[start:end]):
                scored.append((score, -abs(end - start - size), start, end))
    if not scored:
        return None
    score, _, start, end = max(scored)
    return Candidate(form, start, end, "fuzzy", round(score, 3))
