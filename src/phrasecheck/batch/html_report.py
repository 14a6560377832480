"""The HTML report: one self-contained page (inline CSS and SVG, no external assets).

A batch page has an overview, the score histogram, one bar per staff member, the worst
violations with examples, and the failing calls by staff member, each a collapsed annotated
scorecard (:func:`phrasecheck.report.html.exchange_html`); the staff bars and the examples link
to them. Grades have one colour each everywhere, with a legend. Only failing calls are rendered
(by the workers, kept in a temporary SQLite file, :class:`Spool`, until the page is written, so
memory stays flat), and no more of them than :data:`SCORECARD_BYTES` holds, the lowest scores
first: 20,000 calls make a page of a few MB that opens in seconds. Every call is in the XLSX/CSV
outputs. A ``report`` page has the same overview, histogram and violations, and the requested table.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from html import escape
from itertools import groupby
from urllib.parse import quote

from ..i18n import tr
from ..report.html import page, problems_html
from .labels import Labels
from .store import CallRecord, Scope, Store
from .summary import GROUPS, GroupSummary, Violation, grade_order, histogram, overall_summary, summarize, violations
from .tables import DEFAULT_LABELS, Table, group_label
from .words import word
from .writers import atomic_file

#: Bytes of scorecards a batch page holds at most (the lowest scores first): about 700 calls.
SCORECARD_BYTES = 3_500_000
_BODY = "\x00body\x00"
_CSS = """<style>
.overview { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.overview b { font-size: 1.3rem; margin-right: .25rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; border-radius: .15rem;
          vertical-align: -.05rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
ul.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .25rem 0 0; padding: 0; list-style: none; font-size: .9rem; }
figure { margin: 1rem 0 2rem; } figcaption { font-weight: bold; margin-bottom: .5rem; }
figure p.note { color: #555; font-size: .85rem; margin: .25rem 0 0; }
svg text { font-size: 12px; fill: #333; } svg .grid { stroke: #d9d9d9; } svg .pass { stroke: #555; stroke-dasharray: 4 3; }
svg a text { fill: #0b6e8a; text-decoration: underline; }
table.data { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1.5rem; }
table.data th, table.data td { border: 1px solid #d9d9d9; padding: .25rem .45rem; text-align: left; vertical-align: top; }
table.data td.num { text-align: right; white-space: nowrap; }
.example { display: block; color: #555; } .example q { color: #b3261e; font-weight: bold; }
section.calls h3 { margin: 1.25rem 0 .25rem; }
details.call { border-bottom: 1px solid #d9d9d9; } details.call summary { cursor: pointer; padding: .3rem 0; }
details.call .badge { color: #fff; padding: 0 .4rem; border-radius: .2rem; }
</style>"""
_BAR_ROW = 22


class Spool:
    """Rendered scorecards of a run (its failing calls), on disk in a private temporary database.

    Each scorecard is wrapped in an element with an id of its own (``call-N``), so links reach
    every call shown, even two with the same id in one file.
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE cards (n INTEGER PRIMARY KEY, staff TEXT, path TEXT, ordinal INTEGER, title TEXT, "
                        "date TEXT, score REAL, grade TEXT, prohibited INTEGER, fragment TEXT, shown INTEGER DEFAULT 1, "
                        "UNIQUE (path, ordinal))")

    def add(self, record: CallRecord, fragment: str) -> None:
        """Keep the scorecard of the call ``record`` describes."""
        self.db.execute("INSERT OR REPLACE INTO cards (staff, path, ordinal, title, date, score, grade, prohibited, fragment) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (record.staff_id or "", record.path, record.ordinal, f"{record.source} · {record.exchange_id}",
                         record.date, record.score, record.grade, record.prohibited, fragment))

    def fit(self, budget: int) -> int:
        """Show only the scorecards that fit in ``budget`` bytes, the lowest scores first (ties by file and position,
        so that the page is the same whatever order the workers finished in); how many are left out."""
        self.db.execute("UPDATE cards SET shown = n IN (SELECT n FROM (SELECT n, sum(length(CAST(fragment AS BLOB))) "
                        "OVER (ORDER BY score, path, ordinal) AS used FROM cards) WHERE used <= ?)", (budget,))
        return self.db.execute("SELECT count(*) FROM cards WHERE NOT shown").fetchone()[0]

    def anchor(self, path: str, ordinal: int) -> str | None:
        """The id of a call's scorecard on the page (None when it is not there)."""
        row = self.db.execute("SELECT n FROM cards WHERE path = ? AND ordinal = ? AND shown", (path, ordinal)).fetchone()
        return _call_id(row[0]) if row else None

    def staff(self) -> set[str]:
        """The staff members with a scorecard on the page."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT staff FROM cards WHERE shown")}

    def rows(self) -> Iterator[tuple]:
        """Staff, n, path, ordinal, title, date, score, grade, prohibited and fragment of every scorecard shown,
        by staff, file and position."""
        yield from self.db.execute("SELECT staff, n, path, ordinal, title, date, score, grade, prohibited, fragment "
                                   "FROM cards WHERE shown ORDER BY staff, path, ordinal")

    def close(self) -> None:
        self.db.close()


def write_batch_page(path: str | os.PathLike, store: Store, run_id: int, spool: Spool, lang: str = "zh",
                     labels: Labels = DEFAULT_LABELS) -> None:
    """The page of one batch run, streamed from the store and the spool into ``path`` (atomically)."""
    scope = Scope(run_id=run_id)
    overall = overall_summary(store, scope, labels.namer(lang))
    title = f"{word('batch_title', lang)} · {overall.calls} {word('calls_unit', lang)}"
    left_out = spool.fit(SCORECARD_BYTES)
    parts = [
        overview_html(overall, labels.grades(grade_order(store, scope)), lang, labels),
        histogram_svg(histogram(store, scope), lang, labels),
        bars_svg(summarize(store, "staff", scope), "staff", word("staff_bars", lang), lang, labels, spool.staff()),
        violations_html([labels.worded(v, lang) for v in violations(store, scope)], lang, spool.anchor),
        _failing_calls_html(spool, overall.calls, left_out, lang, labels, lambda call: store.reviewed(*call)),
        problems_html(store.input_problems(run_id), lang),
    ]
    _write_page(path, title, parts, lang)


def write_report_page(path: str | os.PathLike, store: Store, scope: Scope, by: str, table: Table, lang: str = "zh",
                      labels: Labels = DEFAULT_LABELS) -> None:
    """The ``report`` page: overview, histogram, mean score per group, the report's table and the top violations."""
    groups = summarize(store, by, scope, name=labels.namer(lang)) if by in GROUPS else []
    title = word("report_title", lang) + _period(scope)
    parts = [overview_html(overall_summary(store, scope, labels.namer(lang)), labels.grades(grade_order(store, scope)), lang, labels),
             histogram_svg(histogram(store, scope), lang, labels),
             bars_svg(groups, by, word("group_bars", lang), lang, labels) if groups else "",
             f"<h2>{escape(table.name)}</h2>", table_html(table),
             violations_html([labels.worded(v, lang) for v in violations(store, scope)], lang)]
    _write_page(path, title, parts, lang)


def overview_html(overall: GroupSummary, grades: list[str], lang: str, labels: Labels = DEFAULT_LABELS) -> str:
    """Calls, mean and median score, calls per grade (each with its colour), prohibited per 100 calls."""
    facts = [(overall.calls, escape(word("calls", lang))), (overall.mean, escape(word("mean", lang))),
             (overall.median, escape(word("median", lang))),
             *((overall.grades.get(grade, 0), _swatch(labels, grade) + escape(labels.grade(grade, lang))) for grade in grades),
             (overall.per_100, escape(word("per_100", lang)))]
    if overall.reviewed:
        facts += [(overall.reviewed, escape(word("reviewed_calls", lang))), (overall.reviewed_mean, escape(word("reviewed_mean", lang)))]
    items = "".join(f"<li><b>{'—' if value is None else f'{value:g}'}</b>{label}</li>" for value, label in facts)
    return f'<h2>{escape(word("overview", lang))}</h2><ul class="overview">{items}</ul>'


def legend_html(grades: Iterable[str], lang: str, labels: Labels) -> str:
    """Each grade's colour and name."""
    items = "".join(f"<li>{_swatch(labels, grade)}{escape(labels.grade(grade, lang))}</li>" for grade in grades)
    return f'<ul class="legend">{items}</ul>'


def histogram_svg(bins: list[dict[str, int]], lang: str, labels: Labels = DEFAULT_LABELS) -> str:
    """Calls per ten-point score band as an inline SVG bar chart, each bar split by the grades its calls got
    (the worst at the bottom), with a legend."""
    width, height, base, step = 640, 200, 170, 60
    top = max(sum(counts.values()) for counts in bins) or 1
    order = labels.grades(grade for counts in bins for grade in counts)
    bars = []
    for index, counts in enumerate(bins):
        x, y = 30 + index * step, float(base)
        band = f"{index * 10}–{index * 10 + 9 if index < 9 else 100}"
        for grade in reversed(order):
            if counts.get(grade):
                tall = 140 * counts[grade] / top
                y -= tall
                bars.append(f'<rect x="{x}" y="{y:.1f}" width="{step - 12}" height="{tall:.1f}" fill="{labels.style(grade).colour}">'
                            f"<title>{band} · {escape(labels.grade(grade, lang))}: {counts[grade]}</title></rect>")
        middle = x + (step - 12) / 2
        bars.append(f'<text x="{middle}" y="{y - 4:.1f}" text-anchor="middle">{sum(counts.values())}</text>'
                    f'<text x="{middle}" y="{base + 16}" text-anchor="middle">{band}</text>')
    caption = escape(word("histogram", lang))
    shown = [grade for grade in order if any(grade in counts for counts in bins)] or [band.name for band in labels.bands]
    return (f'<figure><figcaption>{caption}</figcaption><svg viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{caption}">{"".join(bars)}</svg>{legend_html(shown, lang, labels)}</figure>')


def bars_svg(groups: list[GroupSummary], by: str, caption: str, lang: str, labels: Labels = DEFAULT_LABELS,
             linked: set[str] = frozenset()) -> str:
    """One horizontal bar per group: its mean score on an axis fitted to the means (not from 0), coloured by
    the grade the mean reaches, and its number of calls; the labels of ``linked`` groups link to their calls."""
    label_width, bar_width, top = 160, 400, 18
    low, high = axis(group.mean for group in groups if group.mean is not None)
    x_of = lambda score: label_width + bar_width * (score - low) / (high - low)  # noqa: E731
    rows = [_axis_svg(low, high, x_of, top, len(groups) * _BAR_ROW, labels, lang)]
    for index, group in enumerate(groups):
        y = top + index * _BAR_ROW
        text = f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(group_label(group.key, by, lang))}</text>'
        if group.key in linked:
            text = f'<a href="#{quote(_staff_id(group.key), safe="")}">{text}</a>'
        end = x_of(group.mean) if group.mean is not None else label_width
        fill = labels.style(labels.band_of(group.mean).name).colour if group.mean is not None else "none"
        rows.append(f'{text}<rect x="{label_width}" y="{y + 3}" height="{_BAR_ROW - 6}" width="{end - label_width:.1f}" '
                    f'fill="{fill}"/><text x="{end + 6:.1f}" y="{y + 15}">'
                    f'{"—" if group.mean is None else f"{group.mean:g}"} · {group.calls} {escape(word("calls_unit", lang))}</text>')
    height = top + max(1, len(groups)) * _BAR_ROW
    width = label_width + bar_width + 120
    note = escape(word("axis_from", lang, low=f"{low:g}"))
    return (f'<figure><figcaption>{escape(caption)}</figcaption><svg viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{escape(caption)}">{"".join(rows)}</svg>'
            f'{legend_html([band.name for band in labels.bands], lang, labels)}<p class="note">{note}</p></figure>')


def axis(means: Iterable[float]) -> tuple[float, float]:
    """The score range of a bar chart of ``means``: whole fives around them, at least 10 points wide, within 0–100."""
    means = list(means) or [0.0, 100.0]
    low, high = max(0, 5 * math.floor((min(means) - 1) / 5)), min(100, 5 * math.ceil((max(means) + 1) / 5))
    if high - low < 10:
        low, high = (max(0, high - 10), high) if high - 10 >= 0 else (0, 10)
    return float(low), float(high)


def violations_html(found: list[Violation], lang: str, anchor_of: Callable[[str, int], str | None] | None = None) -> str:
    """The worst violations (the most severe first, then the most frequent) with their examples; examples link
    to their call when it is on the page."""
    rows = []
    for rank, violation in enumerate(found, 1):
        examples = "".join(_example_html(example, anchor_of) for example in violation.examples)
        severity = tr(violation.severity, lang) if violation.severity else "—"
        rows.append(f'<tr><td class="num">{rank}</td><td>{escape(violation.category)}<br><small>{escape(violation.rule)}'
                    f'</small></td><td>{escape(severity)}</td><td class="num">{violation.count}</td>'
                    f'<td class="num">{violation.calls}</td><td>{escape(violation.message)}{examples}</td></tr>')
    keys = ("rank", "category", "severity", "count", "affected", "examples")
    headers = "".join(f"<th>{escape(word(key, lang))}</th>" for key in keys)
    body = "".join(rows) or f'<tr><td colspan="{len(keys)}">—</td></tr>'
    return (f'<h2>{escape(word("sheet_violations", lang))}</h2>'
            f'<table class="data"><thead><tr>{headers}</tr></thead><tbody>{body}</tbody></table>')


def table_html(table: Table) -> str:
    """Any :class:`Table` as an HTML table; numbers right-aligned."""
    headers = "".join(f"<th>{escape(header)}</th>" for header in table.headers)
    rows = "".join("<tr>" + "".join(_cell_html(value) for value in row) + "</tr>" for row in table.rows)
    return f'<table class="data"><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>'


def _failing_calls_html(spool: Spool, calls: int, left_out: int, lang: str, labels: Labels,
                        reviewed_of: Callable[[tuple[str, int]], tuple[float | None, str] | None]) -> Iterator[str]:
    """The failing calls by staff member, each a collapsed scorecard (with its reviewed score and
    grade beside the machine's, when a person reviewed it), and where the other calls are."""
    note = word("failing_note", lang, calls=calls) + (word("failing_left_out", lang, count=left_out) if left_out else "")
    yield f'<section class="calls"><h2>{escape(word("failing_calls", lang))}</h2><p>{escape(note)}</p>'
    found = False
    for staff, cards in groupby(spool.rows(), key=lambda row: row[0]):
        found = True
        yield (f'<h3 id="{escape(_staff_id(staff))}">{escape(word("staff_id", lang))} '
               f'{escape(group_label(staff, "staff", lang))}</h3>')
        for _, n, path, ordinal, title, date, score, grade, prohibited, fragment in cards:
            reviewed = reviewed_of((path, ordinal))
            summary = " · ".join(filter(None, [f"<b>{escape(title)}</b>", escape(date or ""), _score_html(score, grade, labels, lang),
                                                reviewed and escape(word("reviewed_as", lang)) + _score_html(*reviewed, labels, lang),
                                                escape(f'{word("prohibited_count", lang)} {prohibited}')]))
            yield f'<details class="call"><summary>{summary}</summary><div id="{_call_id(n)}">{fragment}</div></details>\n'
    yield "" if found else f"<p>{escape(word('no_failing', lang))}</p>"
    yield "</section>"


def _score_html(score: float | None, grade: str, labels: Labels, lang: str) -> str:
    """A score and its grade as a coloured badge."""
    return (("—" if score is None else f"{score:g}") + f' <span class="badge" style="background:{labels.style(grade).colour}">'
            f"{escape(labels.grade(grade, lang))}</span>")


def _axis_svg(low: float, high: float, x_of: Callable[[float], float], top: int, height: int, labels: Labels,
              lang: str) -> str:
    """Grid lines with their scores above the bars, and a dashed line at each grade's lowest score in range."""
    step = 5 if high - low <= 30 else 10
    ticks = [low + step * i for i in range(int((high - low) // step) + 1)]
    parts = [f'<line class="grid" x1="{x_of(t):.1f}" x2="{x_of(t):.1f}" y1="{top}" y2="{top + height}"/>'
             f'<text x="{x_of(t):.1f}" y="{top - 5}" text-anchor="middle">{t:g}</text>' for t in ticks]
    for band in labels.bands:
        if low < band.minimum < high:
            parts.append(f'<line class="pass" x1="{x_of(band.minimum):.1f}" x2="{x_of(band.minimum):.1f}" y1="{top}" '
                         f'y2="{top + height}"><title>{escape(labels.grade(band.name, lang))} ≥ {band.minimum:g}</title></line>')
    return "".join(parts)


def _swatch(labels: Labels, grade: str) -> str:
    return f'<span class="swatch" style="background:{labels.style(grade).colour}"></span>'


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
