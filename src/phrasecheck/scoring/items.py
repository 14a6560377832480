"""One function per kind of script item: how many points it earns, and the findings that show why."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .card import CardFinding, ItemScore
from .evidence import TurnView
from .model import Evidence, Item, Script, Text, Trigger
from .patterns import Clauses


@dataclass(slots=True)
class Context:
    """What every item function needs: the script, the turns, and how to find evidence in them."""

    script: Script
    views: list[TurnView]
    clauses: Clauses
    staff: list[int]
    category_of: Callable[[str], str]
    lang: str

    def evidence(self, index: int, evidence: Evidence, rule: str, name: Text) -> list[CardFinding]:
        """Evidence in turn ``index``: lexicon findings of the named categories or rules, else pattern hits."""
        found = []
        for finding in self.views[index].findings:
            if finding.rule in evidence.rules or self.category_of(finding.rule) in evidence.categories:
                found.append(CardFinding.of(finding, index))
        if found or not evidence.patterns:
            return found
        hits = [self._at(index, span, rule, name) for span in self.clauses.find(index, evidence.patterns)]
        return [hit for hit in hits if hit]

    def _at(self, index: int, span: tuple[int, int], rule: str, name: Text) -> CardFinding | None:
        """A pattern hit as evidence: the courtesy finding already there, a finding of its own, or
        None inside a prohibited expression (a polite word there is no credit)."""
        for here in self.views[index].findings:
            if here.start < span[1] and span[0] < here.end:
                return CardFinding.of(here, index) if here.kind == "courtesy" else None
        return self.mark("courtesy", rule, name, index, span, "info", name.get(self.lang))

    def mark(self, kind: str, rule: str, name: Text, index: int, span: tuple[int, int],
             severity: str | None, message: str, suggestion: str | None = None) -> CardFinding:
        """A finding made by the script itself (a pattern hit, a trigger, a wording to avoid)."""
        start, end = span
        return CardFinding(kind, f"{self.script.name}.{rule}", name.get(self.lang), index, start, end,
                           self.views[index].turn.text[start:end], "pattern", 1.0, severity, message, suggestion)

    def missing(self, rule: str, name: Text, message: Text, suggestion: str | None, at: tuple[int, int]) -> CardFinding:
        """A required element that is not there, placed where it was due."""
        index, offset = at
        return CardFinding("missing", f"{self.script.name}.{rule}", name.get(self.lang), index, offset, offset, "",
                           None, None, None, message.get(self.lang), suggestion)

    def staff_after(self, index: int, count: int) -> list[int]:
        """The next ``count`` staff turns after turn ``index``."""
        first = bisect_right(self.staff, index)
        return self.staff[first:first + count]

    def end_of(self, index: int) -> tuple[int, int]:
        return index, len(self.views[index].turn.text)


def opening(item: Item, ctx: Context) -> ItemScore:
    """Evidence in the first ``within`` staff turns (迎声, the office named)."""
    return _present(item, ctx, ctx.staff[:item.within], (ctx.staff[0], 0))


def closing(item: Item, ctx: Context) -> ItemScore:
    """Evidence in the last ``within`` staff turns (送声)."""
    return _present(item, ctx, ctx.staff[-item.within:] if item.within else [], ctx.end_of(ctx.staff[-1]))


def answers(item: Item, ctx: Context) -> ItemScore:
    """Every resident question is followed by a staff reply that is not just a brush-off (问有答声)."""
    charged: list[tuple[CardFinding, float]] = []
    evidence: list[CardFinding] = []
    for index in ctx.clauses.turns_of(item.questions):  # each has a (non-empty) match
        if ctx.views[index].role != "resident":
            continue
        replies = ctx.staff_after(index, item.within)
        if _answered(ctx, replies, item):
            continue
        where = ctx.clauses.find(index, item.questions)[0]  # only now: most questions are answered
        question = ctx.mark("trigger", f"{item.key}.question", item.name, index, where, "info", item.name.get(ctx.lang))
        missing = ctx.missing(item.key, item.name, item.message, item.suggestion,
                              (replies[0], 0) if replies else ctx.end_of(index))
        evidence += [question, missing]
        charged.append((missing, item.points))
    return ItemScore(item, _deduct(item.weight, charged), evidence)


def responses(item: Item, ctx: Context) -> ItemScore:
    """Each trigger (praise, complaint, refusal …) gets its mandated reply in the window that follows."""
    charged: list[tuple[CardFinding, float]] = []
    evidence: list[CardFinding] = []
    for trigger in ctx.script.triggers_of(item.key):
        for index, span, window in _occasions(trigger, ctx):
            cue = ctx.mark("trigger", trigger.key, trigger.name, index, span, "info", trigger.name.get(ctx.lang))
            reply = _first(ctx, window, trigger.expect, trigger.key, trigger.name)
            evidence += [cue, *reply]
            if not reply:
                due = _due(index, window, span, ctx)
                missing = ctx.missing(trigger.key, trigger.name, trigger.message, trigger.suggestion, due)
                evidence.append(missing)
                charged.append((missing, trigger.points))
    return ItemScore(item, _deduct(item.weight, charged), evidence)


def courtesy(item: Item, ctx: Context) -> ItemScore:
    """Polite words somewhere in staff speech; each wording to avoid (你 for 您) costs points."""
    polite = _first(ctx, ctx.staff, item.evidence, item.key, item.name)
    charged: list[tuple[CardFinding, float]] = []
    if not polite:
        charged.append((ctx.missing(item.key, item.name, item.message, item.suggestion, (ctx.staff[0], 0)), item.points))
    if item.avoid:
        charged += [(mark, item.avoid.points) for mark in _avoided(item, ctx)]
    return ItemScore(item, _deduct(item.weight, charged), polite + [mark for mark, _ in charged])


def prohibited(item: Item, ctx: Context) -> ItemScore:
    """Each prohibited expression in staff speech costs the deduction for its severity."""
    found = [CardFinding.of(f, i) for i in ctx.staff for f in ctx.views[i].findings if f.kind == "prohibited"]
    charged = [(finding, item.deductions.get(finding.severity or "", 0.0)) for finding in found]
    return ItemScore(item, _deduct(item.weight, charged), found)


CHECKS: dict[str, Callable[[Item, Context], ItemScore]] = {
    "opening": opening, "closing": closing, "answers": answers,
    "responses": responses, "courtesy": courtesy, "prohibited": prohibited,
}


def _present(item: Item, ctx: Context, turns: list[int], due: tuple[int, int]) -> ItemScore:
    found = _first(ctx, turns, item.evidence, item.key, item.name)
    if found:
        return ItemScore(item, item.weight, found)
    missing = ctx.missing(item.key, item.name, item.message, item.suggestion, due)
    return ItemScore(item, _deduct(item.weight, [(missing, item.weight)]), [missing])


def _answered(ctx: Context, replies: list[int], item: Item) -> bool:
    """Whether one of the ``replies`` is more than a brush-off."""
    for reply in replies:
        if not ctx.evidence(reply, item.not_answers, item.key, item.name):
            return True
    return False


def _first(ctx: Context, turns: list[int], evidence: Evidence, rule: str, name: Text) -> list[CardFinding]:
    """The evidence in the first of ``turns`` that has any (loops, not generators: this runs for every item)."""
    for index in turns:
        if found := ctx.evidence(index, evidence, rule, name):
            return found
    return []


def _occasions(trigger: Trigger, ctx: Context) -> Iterator[tuple[int, tuple[int, int], list[int]]]:
    """Each turn where the trigger is said, its first span, and the staff turns where the reply counts.

    Cues in a row that share the same reply window are one occasion.
    """
    windows: set[tuple[int, ...]] = set()
    for index in ctx.clauses.turns_of(trigger.patterns):
        if ctx.views[index].role != trigger.role:
            continue
        spans = ctx.clauses.find(index, trigger.patterns, trigger.unless, trigger.ends_turn)
        same = [index] if trigger.same_turn and trigger.role == "staff" else []
        window = same + ctx.staff_after(index, trigger.within)
        if spans and tuple(window) not in windows:
            windows.add(tuple(window))
            yield index, spans[0], window


def _due(index: int, window: list[int], span: tuple[int, int], ctx: Context) -> tuple[int, int]:
    """Where a missed reply was due: right after a staff cue, else at the start of the next staff turn."""
    if window and window[0] == index:
        return index, span[1]
    return (window[0], 0) if window else ctx.end_of(index)


def _avoided(item: Item, ctx: Context) -> list[CardFinding]:
    """Each wording to avoid in staff turns, outside prohibited findings (already charged there)."""
    avoid = item.avoid
    marks = []
    said = ctx.clauses.turns(avoid.pattern)  # most calls: nowhere
    for index in ctx.staff:
        spans = ctx.clauses.find(index, [avoid.pattern]) if index in said else []
        taken = [(f.start, f.end) for f in ctx.views[index].findings if f.kind == "prohibited"] if spans else []
        for span in spans:
            if not _overlaps(span, taken):
                marks.append(ctx.mark("informal", f"{item.key}.avoid", avoid.category, index, span, "low",
                                      avoid.message.get(ctx.lang), avoid.suggestion))
    return marks


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    for start, end in spans:
        if start < span[1] and span[0] < end:
            return True
    return False


def _deduct(weight: float, charged: list[tuple[CardFinding, float]]) -> float:
    """Charge each finding its points until the item's weight is used up; return what is left."""
    left = weight
    for finding, points in charged:
        taken = min(points, left)
        finding.points = -taken
        left -= taken
    return left
