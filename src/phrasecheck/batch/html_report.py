"""The HTML report: one self-contained page (inline CSS and SVG, no external assets).

A batch page has an overview, the score histogram, one bar per staff member, the most frequent
violations with examples, a list of every call, and each call's annotated scorecard
(:func:`phrasecheck.report.html.exchange_html`); the staff bars, the examples and the list link
to the scorecards. The scorecards are rendered by the workers and kept in a temporary SQLite
file (:class:`Spool`) until the page is written, so memory stays flat. A ``report`` page has
the same overview, histogram and violations, and the requested table.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from html import escape
from itertools import groupby
from urllib.parse import quote

from ..report.html import page, problems_html
from .store import CallRecord, Scope, Store
from .summary import GROUPS, GroupSummary, Violation, grade_order, histogram, overall_summary, summarize, violations
from .labels import Labels
from .tables import DEFAULT_LABELS, Table, group_label
from .words import word
from .writers import atomic_file

_BODY = "\x00body\x00"
_CSS = """<style>
.overview { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.overview b { font-size: 1.3rem; margin-right: .25rem; }
figure { margin: 1rem 0 2rem; } figcaption { font-weight: bold; margin-bottom: .5rem; }
svg text { font-size: 12px; fill: #333; } svg .bar { fill: #1b7f3b; } svg .bar.low { fill: #b3261e; }
svg a text { fill: #0b6e8a; text-decoration: underline; }
table.data { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1.5rem; }
table.data th, table.data td { border: 1px solid #d9d9d9; padding: .25rem .45rem; text-align: left; vertical-align: top; }
table.data td.num { text-align: right; white-space: nowrap; }
.example { display: block; color: #555; } .example q { color: #b3261e; font-weight: bold; }
section.calls h2 { margin-top: 1.5rem; }
@media print { .call { break-before: page; } }
</style>"""
_BAR_ROW = 22


class Spool:
    """Rendered scorecards of a run, on disk in a private temporary database, listed by staff and file.

    Each scorecard is wrapped in an element with an id of its own (``call-N``), so links reach
    every call, even two with the same id in one file.
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE cards (n INTEGER PRIMARY KEY, staff TEXT, path TEXT, ordinal INTEGER, title TEXT, "
                        "date TEXT, score REAL, grade TEXT, prohibited INTEGER, fragment TEXT, UNIQUE (path, ordinal))")

    def add(self, record: CallRecord, fragment: str) -> None:
        """Keep the scorecard of the call ``record`` describes."""
        self.db.execute("INSERT OR REPLACE INTO cards (staff, path, ordinal, title, date, score, grade, prohibited, fragment) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (record.staff_id or "", record.path, record.ordinal, f"{record.source} · {record.exchange_id}",
                         record.date, record.score, record.grade, record.prohibited, fragment))

    def anchor(self, path: str, ordinal: int) -> str | None:
        """The id of a call's scorecard on the page (None when it is not there)."""
        row = self.db.execute("SELECT n FROM cards WHERE path = ? AND ordinal = ?", (path, ordinal)).fetchone()
        return _call_id(row[0]) if row else None

    def rows(self, *columns: str) -> Iterator[tuple]:
        """``columns`` of every scorecard, by staff, file and position."""
        yield from self.db.execute(f"SELECT {', '.join(columns)} FROM cards ORDER BY staff, path, ordinal")

    def scorecards(self) -> Iterator[str]:
        """Every scorecard, wrapped in its linkable element, in list order."""
        for n, fragment in self.rows("n", "fragment"):
            yield f'<div class="call" id="{_call_id(n)}">{fragment}</div>\n'

    def close(self) -> None:
        self.db.close()


def write_batch_page(path: str | os.PathLike, store: Store, run_id: int, spool: Spool, lang: str = "zh",
                     labels: Labels = DEFAULT_LABELS) -> None:
    """The page of one batch run, streamed from the store and the spool into ``path`` (atomically)."""
    scope = Scope(run_id=run_id)
    overall = overall_summary(store, scope)
    title = f"{word('batch_title', lang)} · {overall.calls} {word('calls_unit', lang)}"
    parts = [
        overview_html(overall, labels.grades(grade_order(store, scope)), lang, labels), histogram_svg(histogram(store, scope), lang),
        bars_svg(summarize(store, "staff", scope), "staff", word("staff_bars", lang), lang, link=True),
        violations_html(violations(store, scope), lang, spool.anchor), _index_html(spool, lang, labels),
        spool.scorecards(), problems_html(store.problems(run_id, "error"), lang),
    ]
    _write_page(path, title, parts, lang)


def write_report_page(path: str | os.PathLike, store: Store, scope: Scope, by: str, table: Table, lang: str = "zh",
                      labels: Labels = DEFAULT_LABELS) -> None:
    """The ``report`` page: overview, histogram, mean score per group, the report's table and the top violations."""
    groups = summarize(store, by, scope) if by in GROUPS else []
    title = word("report_title", lang) + _period(scope)
    parts = [overview_html(overall_summary(store, scope), labels.grades(grade_order(store, scope)), lang, labels),
             histogram_svg(histogram(store, scope), lang),
             bars_svg(groups, by, word("group_bars", lang), lang) if groups else "",
             f"<h2>{escape(table.name)}</h2>", table_html(table), violations_html(violations(store, scope), lang)]
    _write_page(path, title, parts, lang)


def overview_html(overall: GroupSummary, grades: list[str], lang: str, labels: Labels = DEFAULT_LABELS) -> str:
    """Calls, mean and median score, calls per grade, prohibited per 100 calls."""
    facts = [(overall.calls, word("calls", lang)), (overall.mean, word("mean", lang)), (overall.median, word("median", lang)),
             *((overall.grades.get(grade, 0), labels.grade(grade, lang)) for grade in grades),
             (overall.per_100, word("per_100", lang))]
    items = "".join(f"<li><b>{'—' if value is None else f'{value:g}'}</b>{escape(label)}</li>" for value, label in facts)
    return f'<h2>{escape(word("overview", lang))}</h2><ul class="overview">{items}</ul>'


def histogram_svg(bins: list[int], lang: str) -> str:
    """Calls per ten-point score band as an inline SVG bar chart."""
    width, height, base, step = 640, 200, 170, 60
    top = max(bins) or 1
    bars = []
    for index, count in enumerate(bins):
        x, bar = 30 + index * step, round(140 * count / top)
        label = f"{index * 10}–{index * 10 + 9 if index < 9 else 100}"
        low = " low" if index < 6 else ""
        bars.append(f'<rect class="bar{low}" x="{x}" y="{base - bar}" width="{step - 12}" height="{bar}">'
                    f"<title>{label}: {count}</title></rect>"
                    f'<text x="{x + (step - 12) / 2}" y="{base - bar - 4}" text-anchor="middle">{count}</text>'
                    f'<text x="{x + (step - 12) / 2}" y="{base + 16}" text-anchor="middle">{label}</text>')
    caption = escape(word("histogram", lang))
    return (f'<figure><figcaption>{caption}</figcaption><svg viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{caption}">{"".join(bars)}</svg></figure>')


def bars_svg(groups: list[GroupSummary], by: str, caption: str, lang: str, link: bool = False) -> str:
    """One horizontal bar per group: its mean score (0–100) and number of calls; labels link to the call list."""
    label_width, bar_width = 160, 400
    rows = []
    for index, group in enumerate(groups):
        y = index * _BAR_ROW
        label = escape(group_label(group.key, by, lang))
        text = f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{label}</text>'
        if link:
            text = f'<a href="#{quote(_staff_id(group.key), safe="")}">{text}</a>'
        mean = group.mean or 0.0
        low = " low" if mean < 60 else ""
        rows.append(f'{text}<rect class="bar{low}" x="{label_width}" y="{y + 3}" height="{_BAR_ROW - 6}" '
                    f'width="{round(bar_width * mean / 100)}"/>'
                    f'<text x="{label_width + round(bar_width * mean / 100) + 6}" y="{y + 15}">'
                    f'{"—" if group.mean is None else f"{mean:g}"} · {group.calls} {escape(word("calls_unit", lang))}</text>')
    height = max(1, len(groups)) * _BAR_ROW
    width = label_width + bar_width + 120
    return (f'<figure><figcaption>{escape(caption)}</figcaption><svg viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{escape(caption)}">{"".join(rows)}</svg></figure>')


def violations_html(found: list[Violation], lang: str, anchor_of: Callable[[str, int], str | None] | None = None) -> str:
    """The most frequent violations with their examples; examples link to their call when it is on the page."""
    rows = []
    for rank, violation in enumerate(found, 1):
        examples = "".join(_example_html(example, anchor_of) for example in violation.examples)
        rows.append(f'<tr><td class="num">{rank}</td><td>{escape(violation.category)}<br><small>{escape(violation.rule)}'
                    f'</small></td><td class="num">{violation.count}</td><td class="num">{violation.calls}</td>'
                    f"<td>{escape(violation.message)}{examples}</td></tr>")
    headers = "".join(f"<th>{escape(word(key, lang))}</th>" for key in ("rank", "category", "count", "affected", "examples"))
    body = "".join(rows) or '<tr><td colspan="5">—</td></tr>'
    return (f'<h2>{escape(word("sheet_violations", lang))}</h2>'
            f'<table class="data"><thead><tr>{headers}</tr></thead><tbody>{body}</tbody></table>')


def table_html(table: Table) -> str:
    """Any :class:`Table` as an HTML table; numbers right-aligned."""
    headers = "".join(f"<th>{escape(header)}</th>" for header in table.headers)
    rows = "".join("<tr>" + "".join(_cell_html(value) for value in row) + "</tr>" for row in table.rows)
    return f'<table class="data"><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>'


def _index_html(spool: Spool, lang: str, labels: Labels) -> Iterator[str]:
    """Every call of the run, by staff member, each linked to its scorecard."""
    headers = "".join(f"<th>{escape(word(key, lang))}</th>" for key in ("call", "date", "score", "grade", "prohibited_count"))
    yield f'<h2>{escape(word("index", lang))}</h2>'
    rows = spool.rows("staff", "n", "title", "date", "score", "grade", "prohibited")
    for staff, calls in groupby(rows, key=lambda row: row[0]):
        yield (f'<section class="calls" id="{escape(_staff_id(staff))}"><h2>{escape(word("staff", lang))} '
               f'{escape(group_label(staff, "staff", lang))}</h2><table class="data"><thead><tr>{headers}</tr></thead><tbody>')
        for _, n, title, date, score, grade, prohibited in calls:
            yield (f'<tr><td><a href="#{_call_id(n)}">{escape(title)}</a></td><td>{escape(date or "")}</td>'
                   f'<td class="num">{"—" if score is None else f"{score:g}"}</td><td>{escape(labels.grade(grade, lang))}</td><td class="num">{prohibited}</td></tr>')
        yield "</tbody></table></section>"
    yield f'<h2>{escape(word("scorecards", lang))}</h2>'


def _example_html(example, anchor_of: Callable[[str, int], str | None] | None) -> str:
    where = escape(f"{example.source} · {example.exchange_id}")
    anchor = anchor_of(example.path, example.ordinal) if anchor_of else None
    if anchor:
        where = f'<a href="#{quote(anchor, safe="")}">{where}</a>'
    return f'<span class="example"><q>{escape(example.text)}</q> {escape(example.context)} — {where}</span>'


def _cell_html(value) -> str:
    if isinstance(value, (int, float)):
        return f'<td class="num">{value:g}</td>'
    return f"<td>{escape('' if value is None else str(value))}</td>"


def _call_id(n: int) -> str:
    return f"call-{n}"


def _staff_id(staff: str) -> str:
    return f"staff-{staff}".replace(" ", "_")


def _period(scope: Scope) -> str:
    if not (scope.since or scope.until):
        return ""
    return f" · {scope.since or '…'} – {scope.until or '…'}"


def _write_page(path: str | os.PathLike, title: str, parts: Iterable[str | Iterable[str]], lang: str) -> None:
    head, tail = page(title, _BODY, lang).split(_BODY)
    with atomic_file(path, "w", encoding="utf-8") as stream:
        stream.write(head + _CSS)
        for part in parts:
            stream.writelines([part] if isinstance(part, str) else part)
        stream.write(tail)
