"""Summaries from the results store: per staff, month or channel; violations by rule; the score histogram.

Everything is computed by SQL over the stored calls and findings, so a summary of a million
calls needs no more memory than one of a hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from ..models import SEVERITIES, severity_rank
from .store import UNCOVERED_MISS, VIOLATIONS, Scope, Store

#: How calls are grouped, as an SQL expression over the calls table.
GROUPS: dict[str, str] = {
    "staff": "coalesce(calls.staff_id, '')",
    "month": "coalesce(substr(calls.date, 1, 7), '')",
    "channel": "coalesce(calls.channel, '')",
    "all": "''",
}
#: For each group key an index can find, every group but the empty one (whose column may be NULL): how.
_INDEXED: dict[str, tuple[str, Callable[[str], list[str]]]] = {
    GROUPS["staff"]: ("calls.staff_id = ?", lambda key: [key]),
    GROUPS["month"]: ("calls.date >= ? AND calls.date < ?", lambda key: [key, key + "~"]),
}
#: A missed step's name in the language shown, from its rule id and the words an older store kept with it.
StepNamer = Callable[[str, "str | None"], str]
#: Characters of a turn shown on each side of an example finding.
CONTEXT = 18
#: A finding's severity as a number (0: none), in SQL: violations are ranked by it, then by count.
_SEVERITY_RANK = "CASE f.severity " + " ".join(f"WHEN '{s}' THEN {severity_rank(s)}" for s in SEVERITIES) + " ELSE 0 END"


@dataclass(slots=True)
class GroupSummary:
    """One staff member, month or channel: calls, scores, grades and what went wrong most often."""

    key: str
    calls: int
    mean: float | None  # None when no call of the group has a score (all not applicable)
    prohibited: int
    median: float | None = None
    grades: dict[str, int] = field(default_factory=dict)
    top_prohibited: list[tuple[str, int]] = field(default_factory=list)
    top_missed: list[tuple[str, int]] = field(default_factory=list)
    #: The mean with each reviewed call's reviewed score; how many calls were reviewed.
    reviewed_mean: float | None = None
    reviewed: int = 0

    @property
    def per_100(self) -> float:
        """Prohibited findings per 100 calls."""
        return round(100 * self.prohibited / self.calls, 1) if self.calls else 0.0


@dataclass(frozen=True, slots=True)
class Example:
    """One place a violation was found: the call (file, position, id, staff) and the words around it."""

    path: str
    ordinal: int
    source: str
    exchange_id: str
    staff_id: str | None
    text: str
    context: str


@dataclass(slots=True)
class Violation:
    """A rule broken in the calls in scope: how often, in how many calls, with a few examples."""

    kind: str
    rule: str
    category: str
    severity: str | None
    message: str
    count: int
    calls: int
    examples: list[Example] = field(default_factory=list)


def summarize(store: Store, by: str, scope: Scope, top: int = 3, name: StepNamer | None = None) -> list[GroupSummary]:
    """One summary per group (``by``: staff, month, channel or all), in key order. ``name`` names a missed
    step by its rule id (and the words a store written before version 6 kept with it) in the language
    shown, and steps of one name count together; without it, missed steps are counted by rule id.

    Every query reads indexes only (``calls_summary``, ``findings_cover``), never a call's row."""
    key = GROUPS[by]
    where, parameters = scope.where()
    groups, scored = {}, {}
    for row in store.query(f"SELECT {key} AS key, count(*) AS calls, count(score) AS scored, sum(score) AS total, "
                           f"sum(prohibited) AS prohibited FROM calls WHERE {where} GROUP BY key ORDER BY key", parameters):
        groups[row["key"]] = GroupSummary(row["key"], row["calls"], _mean(row["total"], row["scored"]), row["prohibited"])
        scored[row["key"]] = (row["total"] or 0.0, row["scored"])
    for row in store.query(f"SELECT {key} AS key, grade, count(*) AS n FROM calls WHERE {where} GROUP BY key, grade",
                           parameters):
        groups[row["key"]].grades[row["grade"]] = row["n"]
    _reviewed(store, key, where, parameters, groups, scored)
    for group, median in _medians(store, key, where, parameters, scored):
        groups[group].median = median
    for group, kind, counts in _top_findings(store, key, scope, top, name):
        setattr(groups[group], "top_prohibited" if kind == "prohibited" else "top_missed", counts)
    return list(groups.values())


def _reviewed(store: Store, key: str, where: str, parameters: list, groups: dict[str, GroupSummary],
              scored: dict[str, tuple[float, int]]) -> None:
    """Each group's reviewed calls, and (when any call in scope was reviewed) its mean with each reviewed
    call's reviewed score: the machine's sum and count corrected by the few reviewed calls alone."""
    corrections = {row["key"]: row for row in store.query(
        f"SELECT {key} AS key, count(*) AS n, sum(coalesce(r.score, calls.score)) - coalesce(sum(calls.score), 0) AS more, "
        f"count(coalesce(r.score, calls.score)) - count(calls.score) AS counted FROM reviewed r "
        f"JOIN calls ON calls.path = r.path AND calls.ordinal = r.ordinal WHERE {where} GROUP BY key", parameters)}
    if not corrections:
        return
    for group, summary in groups.items():
        total, count = scored[group]
        if row := corrections.get(group):
            summary.reviewed = row["n"]
            total, count = total + (row["more"] or 0.0), count + row["counted"]
        summary.reviewed_mean = _mean(total, count)


def _medians(store: Store, key: str, where: str, parameters: list,
             scored: dict[str, tuple[float, int]]) -> Iterator[tuple[str, float]]:
    """Each group's median score, from its one or two middle scores, found by index where one serves
    (a staff member's in the staff/score index, a month's calls by date): nothing is brought into Python."""
    for group, (_, count) in scored.items():
        if count:
            same, values = _INDEXED[key] if key in _INDEXED and group != "" else (f"{key} IS ?", lambda k: [k])
            middle = [found["score"] for found in store.query(
                f"SELECT score FROM calls WHERE {where} AND {same} AND score IS NOT NULL ORDER BY score LIMIT ? OFFSET ?",
                [*parameters, *values(group), 2 - count % 2, (count - 1) // 2])]
            yield group, round(sum(middle) / len(middle), 1)


def _mean(total: float | None, count: int) -> float | None:
    return round(total / count, 1) if count else None


def overall_summary(store: Store, scope: Scope, name: StepNamer | None = None) -> GroupSummary:
    """One summary of every call in scope (all zero when there is none)."""
    found = summarize(store, "all", scope, name=name)
    return found[0] if found else GroupSummary("", 0, None, 0)


def grade_order(store: Store, scope: Scope) -> list[str]:
    """The grades given to calls in scope, best first (by the lowest score each grade was given to), 不适用 last."""
    where, parameters = scope.where()
    return [row["grade"] for row in store.query(
        f"SELECT grade FROM calls WHERE {where} GROUP BY grade ORDER BY min(score) IS NULL, min(score) DESC, grade",
        parameters)]


def histogram(store: Store, scope: Scope) -> list[dict[str, int]]:
    """Scored calls per ten-point score band, [0–10), [10–20) … [90–100], counted by grade (a call capped by a
    critical finding is 不合格 whatever its score); not applicable calls have no score."""
    where, parameters = scope.where()
    bins: list[dict[str, int]] = [{} for _ in range(10)]
    for row in store.query(f"SELECT min(9, CAST(score / 10 AS INTEGER)) AS bin, grade, count(*) AS n FROM calls "
                           f"WHERE {where} AND score IS NOT NULL GROUP BY bin, grade", parameters):
        counts = bins[max(0, row["bin"])]
        counts[row["grade"]] = counts.get(row["grade"], 0) + row["n"]
    return bins


def violations(store: Store, scope: Scope, kinds: Sequence[str] = ("prohibited", "informal"),
               limit: int | None = 20, examples: int = 3) -> list[Violation]:
    """Rules broken (findings of ``kinds``), the most severe first, then the most frequent (an insult ranks
    above a thousand informal 你), each with examples from up to ``examples`` calls. A missed reply listed at no cost
    beside the prohibited expression that stands for it is not counted, as in the calls table and the staff summary."""
    where, parameters = scope.where()
    marks = ", ".join("?" * len(kinds))
    rows = store.query(
        f"SELECT f.kind, f.rule, max(f.category) AS category, max({_SEVERITY_RANK}) AS severity, max(f.message) AS message, "
        f"count(*) AS n, count(DISTINCT f.call_id) AS calls FROM findings f JOIN calls ON calls.id = f.call_id "
        f"WHERE {where} AND f.kind IN ({marks}) AND (f.kind != 'missing' OR {UNCOVERED_MISS}) "
        f"GROUP BY f.kind, f.rule ORDER BY severity DESC, n DESC, f.rule LIMIT ?",
        [*parameters, *kinds, -1 if limit is None else limit])
    found = [Violation(r["kind"], r["rule"], r["category"] or "", SEVERITIES[r["severity"] - 1] if r["severity"] else None,
                       r["message"] or "", r["n"], r["calls"]) for r in rows]
    for violation in found:
        violation.examples = _examples(store, violation, scope, examples) if examples else []
    return found


def rule_report(store: Store, scope: Scope) -> list[Violation]:
    """Every rule broken or item missed in scope, the most severe first, then the most frequent (no examples)."""
    return violations(store, scope, VIOLATIONS, limit=None, examples=0)


def _top_findings(store: Store, key: str, scope: Scope, top: int, name: StepNamer | None
                  ) -> Iterator[tuple[str, str, list[tuple[str, int]]]]:
    """Per group, the ``top`` most frequent prohibited expressions (by their words, each time said; of as many, the
    gravest first: a veto said once is not left out for a low one said once) and missed items
    (but those a prohibited expression in their turn stands for; by their rule, as ``name`` names it, counted by the
    calls that missed them: a call of 2,000 turns that owed 让您久等了 a thousand times is one call), in one pass over
    the calls in scope (outer, by index) and their findings."""
    where, parameters = scope.where()
    rows = store.query(
        f"SELECT {key} AS key, f.kind AS kind, CASE f.kind WHEN 'prohibited' THEN f.text ELSE f.rule END AS value, "
        f"max(f.category) AS stored, CASE f.kind WHEN 'prohibited' THEN count(*) ELSE count(DISTINCT f.call_id) END AS n, "
        f"max({_SEVERITY_RANK}) AS grave "
        f"FROM calls CROSS JOIN findings f ON f.call_id = calls.id "
        f"WHERE {where} AND (f.kind = 'prohibited' OR f.kind = 'missing' AND {UNCOVERED_MISS}) "
        f"GROUP BY key, kind, value ORDER BY key, kind, n DESC, grave DESC, value",
        parameters)
    for (group, kind), items in groupby(rows, key=lambda row: (row["key"], row["kind"])):
        if name and kind == "missing":
            counts = _merged([(name(row["value"], row["stored"]), row["n"]) for row in items])
        else:
            counts = [(row["value"], row["n"]) for row in items]
        yield group, kind, counts[:top]


def _merged(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts of the same name added up, the most frequent first (then by name)."""
    merged: dict[str, int] = {}
    for name, count in counts:
        merged[name] = merged.get(name, 0) + count
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


def _examples(store: Store, violation: Violation, scope: Scope, limit: int) -> list[Example]:
    where, parameters = scope.where()
    rows = store.query(
        f"SELECT calls.path, calls.ordinal, calls.source, calls.exchange_id, calls.staff_id, f.text, f.start, f.\"end\", "
        f"json_extract(calls.card, '$.turns[' || f.turn || '].text') AS turn FROM findings f "
        f"JOIN calls ON calls.id = f.call_id WHERE {where} AND f.kind = ? AND f.rule = ? "
        f"GROUP BY f.call_id ORDER BY calls.path, calls.ordinal LIMIT ?",
        [*parameters, violation.kind, violation.rule, limit])
    return [Example(r["path"], r["ordinal"], r["source"], r["exchange_id"], r["staff_id"], r["text"] or "",
                    _context(r["turn"] or "", r["start"], r["end"])) for r in rows]


def _context(turn: str, start: int, end: int) -> str:
    """The words around a finding, cut with … where the turn goes on."""
    left, right = max(0, start - CONTEXT), min(len(turn), end + CONTEXT)
    return ("…" if left else "") + turn[left:right] + ("…" if right < len(turn) else "")
