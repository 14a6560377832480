"""Turn lexicon rules into searchable forms and one multi-pattern automaton."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..lexicon.model import SLOT_PATTERN, Lexicon, Rule
from ..literals import Automaton
from ..normalize import normalize
from .settings import MatchSettings

WHOLE, PIECE, ANCHOR = "whole", "piece", "anchor"
#: A slot stands for 1 to this many characters of real text.
SLOT_MAX = 8
#: Joins texts matched in one pass: a clause break around a character no phrase contains.
BARRIER_CHAR = "\uffff"
BARRIER = f"\n{BARRIER_CHAR}\n"


@dataclass(frozen=True, slots=True)
class Form:
    """One wording of a rule, normalised for matching."""

    rule: Rule
    written: str
    is_variant: bool
    plain: tuple[str, ...]
    folded: tuple[str, ...]
    max_edits: int
    slot_regex: re.Pattern | None

    @property
    def length(self) -> int:
        return sum(map(len, self.plain))


@dataclass(frozen=True, slots=True)
class Target:
    """What an automaton hit means: the whole form, a fuzzy piece, or a slotted form's anchor."""

    form: Form
    role: str
    offset: int


@dataclass
class CompiledLexicon:
    """Forms of every rule and the automaton that finds them in folded text."""

    forms: list[Form]
    automaton: Automaton | None
    targets: list[list[Target]]

    @cached_property
    def forms_by_id(self) -> dict[int, Form]:
        return {id(form): form for form in self.forms}

    def __getstate__(self) -> dict:
        """Without :attr:`forms_by_id`: ids are not kept by pickling."""
        return {key: value for key, value in self.__dict__.items() if key != "forms_by_id"}


def rule_form(rule: Rule) -> Form:
    """A form standing for the whole rule, for matches found by its conditions (a family, the
    paraphrase model) rather than by one of its wordings."""
    return Form(rule, "", False, (), (), 0, None)


def compile_lexicon(lexicon: Lexicon, settings: MatchSettings) -> CompiledLexicon:
    """Normalise every wording and index its searchable strings in one automaton."""
    forms = [_form(rule, written, i > 0, settings)
             for rule in lexicon.rules for i, written in enumerate(rule.forms)]
    by_pattern: dict[str, list[Target]] = defaultdict(list)
    for form in forms:
        for pattern, target in _patterns(form):
            by_pattern[pattern].append(target)
    patterns = list(by_pattern)
    automaton = Automaton(patterns, fastest=True) if patterns else None
    return CompiledLexicon(forms, automaton, [by_pattern[p] for p in patterns])


def _form(rule: Rule, written: str, is_variant: bool, settings: MatchSettings) -> Form:
    segments = [normalize(part, infer_ends=False) for part in SLOT_PATTERN.split(written)]
    segments = [segment for segment in segments if segment.text]
    plain = tuple(segment.text for segment in segments)
    folded = tuple(segment.folded for segment in segments)
    slotted = SLOT_PATTERN.search(written) is not None and len(folded) > 1
    slot_regex = None
    if slotted:
        gap = f"[^{BARRIER_CHAR}]{{1,{SLOT_MAX}}}?"
        slot_regex = re.compile(gap.join(map(re.escape, folded)))
    edits = 0 if slotted else settings.max_edits(len(plain[0]) if plain else 0)
    return Form(rule, written, is_variant, plain, folded, edits, slot_regex)


def _patterns(form: Form):
    if form.slot_regex is not None:
        anchor = max(range(len(form.folded)), key=lambda i: len(form.folded[i]))
        yield form.folded[anchor], Target(form, ANCHOR, anchor)
        return
    whole = form.folded[0]
    yield whole, Target(form, WHOLE, 0)
    if form.max_edits:
        for offset, piece in _pieces(whole, form.max_edits + 1):
            yield piece, Target(form, PIECE, offset)


def _pieces(text: str, count: int):
    """Split ``text`` into ``count`` near-equal chunks: with fewer edits than chunks, one survives."""
    size, extra = divmod(len(text), count)
    start = 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        yield start, text[start:end]
        start = end
