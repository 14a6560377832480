"""The tables people open: one row per call, per staff member (month, channel), per violation or rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..i18n import tr
from ..report.annotate import cap_note
from .labels import GradeStyle, Labels
from .reviews import RuleQuality, rule_quality
from .store import JOIN_REVIEWED, UNCOVERED_MISS, Scope, Store
from .summary import GroupSummary, Violation, grade_order, overall_summary, rule_report, summarize, violations
from .words import word

#: The labels of the default scripts' grades, for callers that pass none.
DEFAULT_LABELS = Labels()


@dataclass(slots=True)
class Table:
    """A named table: headers and rows of plain values (str, int, float or None).

    ``kinds`` says what each column holds, for spreadsheets: ``text`` (the default), ``number``,
    ``date`` (YYYY-MM-DD), ``month`` (YYYY-MM) or ``grade``; ``grades`` gives the colours of each
    grade as shown, for grade columns and the headers of the calls-per-grade columns.
    """

    name: str
    headers: list[str]
    rows: Iterable[Sequence]
    kinds: Sequence[str] = ()
    grades: Mapping[str, GradeStyle] = field(default_factory=dict)

    def kind(self, column: int) -> str:
        return self.kinds[column] if column < len(self.kinds) else "text"


def call_table(store: Store, scope: Scope, lang: str = "zh", labels: Labels = DEFAULT_LABELS) -> Table:
    """One row per stored call in scope, by file and position (rows are read as they are written)."""
    where, parameters = scope.where()
    rows = store.query(
        "SELECT source, exchange_id, staff_id, date, date_from, channel, json_extract(card, '$.channel_by') AS channel_by, "
        "script, calls.score, calls.grade, r.score AS reviewed_score, r.grade AS reviewed_grade, prohibited, "
        "(SELECT group_concat(text, '；') FROM (SELECT text FROM findings f WHERE f.call_id = calls.id "
        " AND f.kind = 'prohibited' ORDER BY f.rowid)) AS said, "  # in the order found (the index orders them by text)
        "(SELECT group_concat(rule || char(31) || coalesce(category, ''), char(30)) FROM (SELECT rule, max(category) AS "
        f" category FROM findings f WHERE f.call_id = calls.id AND +f.kind = 'missing' AND {UNCOVERED_MISS}"
        " GROUP BY rule ORDER BY min(f.rowid)))"
        " AS missed, version, json_extract(card, '$.roles_by') AS roles_by, json_extract(card, '$.capped_by') AS capped_by, "
        "json_extract(card, '$.veto') AS veto "
        f"FROM calls {JOIN_REVIEWED} WHERE {where} ORDER BY calls.path, calls.ordinal", parameters)
    columns = (("source", "text"), ("call", "text"), ("staff_id", "text"), ("date", "date"), ("date_from", "text"),
               ("channel", "text"), ("channel_by", "text"), ("script", "text"), ("score", "number"), ("grade", "grade"),
               ("reviewed_score", "number"), ("reviewed_grade", "grade"),
               ("prohibited_count", "number"), ("expressions", "text"), ("missed", "text"), ("version", "text"),
               ("roles_by", "text"), ("grade_note", "text"))
    return Table(word("sheet_calls", lang), [word(key, lang) for key, _ in columns],
                 (_call_row(row, lang, labels) for row in rows), [kind for _, kind in columns],
                 _grade_styles(labels.grades(), lang, labels))


#: The header of the group column, by grouping (a staff member is shown by their id).
_GROUP_HEADERS = {"staff": "staff_id"}


def problem_table(store: Store, run_id: int, lang: str = "zh") -> Table:
    """What a run met in its input (:meth:`~.store.Store.input_problems`), a row each."""
    headers = [word(key, lang) for key in ("source", "problem_line", "problem_level", "message")]
    return Table(word("sheet_problems", lang), headers,
                 ([p.path, p.line or None, word(f"level_{p.level}", lang), p.message] for p in store.input_problems(run_id)),
                 ["text", "number", "text", "text"])


def group_table(summaries: list[GroupSummary], by: str, grades: list[str], lang: str = "zh",
                labels: Labels = DEFAULT_LABELS) -> Table:
    """One row per group: calls, mean and median score, calls per grade (a column for each of ``grades``),
    prohibited per 100 calls, top problems."""
    headers = [word(_GROUP_HEADERS.get(by, by), lang), word("calls", lang), word("mean", lang), word("median", lang), word("reviewed_mean", lang),
               *(labels.grade(grade, lang) for grade in grades),
               word("prohibited_count", lang), word("per_100", lang), word("top_prohibited", lang), word("top_missed", lang)]
    rows = [[group_label(s.key, by, lang), s.calls, s.mean, s.median, s.reviewed_mean, *(s.grades.get(grade, 0) for grade in grades),
             s.prohibited, s.per_100, counted(s.top_prohibited, lang),
             counted(s.top_missed, lang)]
            for s in summaries]
    kinds = ["month" if by == "month" else "text", *["number"] * (6 + len(grades)), "text", "text"]
    name = word("sheet_staff" if by == "staff" else f"by_{by}", lang)
    return Table(name, headers, rows, kinds, _grade_styles(grades, lang, labels))


def violation_table(found: list[Violation], lang: str = "zh", labels: Labels = DEFAULT_LABELS) -> Table:
    """The violations, most severe first, each with its examples (the words said, in context, and where)."""
    found = [labels.worded(v, lang) for v in found]
    headers = [word(key, lang) for key in ("rank", "kind", "rule", "category", "severity", "count", "affected",
                                           "message", "examples")]
    rows = [[rank, word(v.kind, lang), v.rule, v.category, tr(v.severity, lang) if v.severity else None, v.count, v.calls,
             v.message, "\n".join(_example(example, lang) for example in v.examples)]
            for rank, v in enumerate(found, 1)]
    kinds = ["number", "text", "text", "text", "text", "number", "number", "text", "text"]
    return Table(word("sheet_violations", lang), headers, rows, kinds)


def rule_table(found: list[Violation], total_calls: int, lang: str = "zh",
               reviewed: dict[str, RuleQuality] | None = None, labels: Labels = DEFAULT_LABELS) -> Table:
    """Every rule broken or item missed: how often, in how many calls and what share of all calls, and what
    reviewers said of its findings (confirmed, rejected, precision, missed findings added)."""
    found = [labels.worded(v, lang) for v in found]
    headers = [word(key, lang) for key in ("kind", "rule", "category", "severity", "count", "affected", "share", "message",
                                           "confirmed", "rejected", "precision", "added", "false_alarms")]
    reviewed = reviewed or {}
    rows = [[word(v.kind, lang), v.rule, v.category, tr(v.severity, lang) if v.severity else None, v.count, v.calls,
             _percent(v.calls, total_calls), v.message,
             *_quality(reviewed.get(v.rule, RuleQuality(v.rule)), lang)] for v in found]
    kinds = ["text", "text", "text", "text", "number", "number", "number", "text", "number", "number", "number", "number",
             "text"]
    return Table(word("by_rule", lang), headers, rows, kinds)


def _percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in per cent, to one decimal, or to two significant digits when smaller than that shows (5 calls
    of 30,000 are 0.017, not 0: a supervisor's trial saw its 推诿 calls listed at 0 %)."""
    if not whole:
        return 0.0
    share = 100 * part / whole
    return round(share, 1) if share >= 0.1 or not part else float(f"{share:.2g}")


def staff_table(store: Store, scope: Scope, lang: str = "zh", labels: Labels = DEFAULT_LABELS) -> Table:
    """The per-staff summary of the calls in scope."""
    return group_table(summarize(store, "staff", scope, name=labels.namer(lang)), "staff", labels.grades(grade_order(store, scope)),
                       lang, labels)


def top_violations_table(store: Store, scope: Scope, lang: str = "zh", labels: Labels = DEFAULT_LABELS) -> Table:
    """The prohibited expressions and wordings to avoid in scope, most severe first, with examples."""
    return violation_table(violations(store, scope), lang, labels)


def report_table(store: Store, by: str, scope: Scope, lang: str = "zh", labels: Labels = DEFAULT_LABELS) -> Table:
    """The table of ``phrasecheck report --by``: one row per staff member, month or channel, or per rule."""
    if by == "rule":
        reviewed = {quality.rule: quality for quality in rule_quality(store, examples=2)}
        return rule_table(rule_report(store, scope), overall_summary(store, scope).calls, lang, reviewed, labels)
    return group_table(summarize(store, by, scope, name=labels.namer(lang)), by, labels.grades(grade_order(store, scope)), lang, labels)


def group_label(key: str, by: str, lang: str) -> str:
    """A group key as shown (a channel by its name); calls without a staff id (date, channel) are grouped under a placeholder."""
    if key:
        return Labels.channel(key, lang) if by == "channel" else key
    return word("no_date" if by == "month" else "unknown_staff", lang)


def counted(counts: list[tuple[str, int]], lang: str) -> str:
    """``不知道×3；不归我管×2``."""
    return ("; " if lang == "en" else "；").join(f"{value}×{count}" for value, count in counts)


def _grade_styles(grades: list[str], lang: str, labels: Labels) -> dict[str, GradeStyle]:
    return {labels.grade(grade, lang): labels.style(grade) for grade in grades}


def _call_row(row, lang: str, labels: Labels) -> list:
    return [row["source"], row["exchange_id"], row["staff_id"], row["date"],
            word(f"date_from_{row['date_from']}", lang) if row["date_from"] else None, labels.channel(row["channel"], lang),
            tr(row["channel_by"], lang) if row["channel_by"] else None, labels.script(row["script"], lang), row["score"],
            labels.grade(row["grade"], lang), row["reviewed_score"],
            labels.grade(row["reviewed_grade"], lang) if row["reviewed_grade"] else None, row["prohibited"], row["said"],
            _renamed(row["missed"], lang, labels), row["version"],
            word(f"roles_by_{row['roles_by']}", lang) if row["roles_by"] else None,
            cap_note(row["capped_by"], bool(row["veto"]), lang) or None]


def _renamed(missed: str | None, lang: str, labels: Labels) -> str | None:
    """The steps a call missed (each rule id and what an older store kept with it, joined by control
    characters no name holds) by name in ``lang``, each name once."""
    if not missed:
        return missed
    names = {}
    for step in missed.split("\x1e"):
        rule, _, stored = step.partition("\x1f")
        names[labels.step(rule, lang, stored or None)] = None
    return ("; " if lang == "en" else "；").join(names)


def _quality(quality: RuleQuality, lang: str) -> list:
    """Reviewers' counts for a rule, and its latest false alarms as “words” (reason)."""
    examples = ("; " if lang == "en" else "；").join(
        f"“{example['text'] or ''}”（{example['reason']}）" for example in quality.examples)
    return [quality.confirmed, quality.rejected, quality.precision, quality.added, examples or None]


def _example(example, lang: str) -> str:
    where = f"{example.source} · {example.exchange_id}"
    staff = f"{word('staff_id', lang)} {example.staff_id}" if example.staff_id else ""
    return f"“{example.text}” {example.context} ({where}{', ' + staff if staff else ''})"
