"""Output files: CSV (UTF-8 with BOM, for Excel and WPS), XLSX and JSONL, chosen by the extension.

Per-call results of a batch: CSV = one row per call; XLSX = sheets 通话明细 (calls), 坐席汇总
(per staff) and 高频违规 (top violations); JSONL = one score-v1 exchange per line.

XLSX sheets are streamed and ready to read: fitted widths, wrapped cells, real dates, a frozen and
filtered header, grades coloured by a conditional format (see :func:`write_xlsx`).

Every file is written atomically: into a temporary file next to the target, flushed to disk,
then renamed over it. A run that is interrupted leaves the old file (or none), never half a file.

Text comes from the call logs (call ids, staff ids, file names, what was said), so no text cell
can become a formula (OWASP "CSV injection"): XLSX cells hold text as text, and a CSV cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .labels import GradeStyle, Labels
from .reviews import cards_with_reviews
from .store import Scope, Store
from .tables import DEFAULT_LABELS, Table, call_table, problem_table, staff_table, top_violations_table

#: Output formats by file extension.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl"}
#: Rows per XLSX sheet, header included; longer tables go on as 通话明细 (2) …
XLSX_MAX_ROWS = 1_048_576
#: Rows read before a sheet is written, to fit the column widths (a streamed sheet's widths come first).
XLSX_SAMPLE_ROWS = 1000
_MIN_WIDTH, _MAX_WIDTH, _HEADER_WIDTH = 6, 60, 16
#: Widths of columns whose content has a known size: dates, months.
_KIND_WIDTH = {"date": 12, "month": 10}
#: Points per line of a wrapped cell, and Excel's tallest row.
_LINE_HEIGHT, _MAX_ROW_HEIGHT = 15, 409
_XLSX_NAME = 31
_XLSX_CELL = 32_767
#: Control characters XLSX cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, without importing openpyxl per cell).
_ILLEGAL_IN_XLSX = re.compile(r"[\000-\010\013\014\016-\037]")
_XLSX_FORBIDDEN = str.maketrans({char: "_" for char in "[]:*?/\\"})
#: What makes a spreadsheet read a CSV cell as a formula (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

if TYPE_CHECKING:  # openpyxl is imported on use: it would cost every command 0.15 s to start
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell


def output_format(path: str | os.PathLike, allowed: Iterable[str] = FORMATS.values()) -> str:
    """``csv``, ``xlsx`` or ``jsonl`` from the file's extension; ValueError for anything else."""
    found = FORMATS.get(Path(path).suffix.lower())
    allowed = list(allowed)
    if found not in allowed:
        raise ValueError(f"不支持的输出格式 / unsupported output format: {path} "
                         f"(扩展名应为 / use {', '.join('.' + name for name in allowed)})")
    return found


def write_batch_output(path: str | os.PathLike, store: Store, scope: Scope, lang: str = "zh",
                       labels: Labels = DEFAULT_LABELS) -> None:
    """The per-call results of ``scope`` in the format the extension names (see the module docstring)."""
    kind = output_format(path)
    if kind == "jsonl":
        write_jsonl(path, cards_with_reviews(store, scope, lang, labels))
    elif kind == "csv":
        write_csv(path, call_table(store, scope, lang, labels))
    else:
        problems = [problem_table(store, scope.run_id, lang)] if scope.run_id is not None else []
        write_xlsx(path, [call_table(store, scope, lang, labels), staff_table(store, scope, lang, labels),
                          top_violations_table(store, scope, lang, labels), *problems])


def write_report_output(path: str | os.PathLike, table: Table, store: Store, scope: Scope, lang: str = "zh",
                        labels: Labels = DEFAULT_LABELS) -> None:
    """A report table as CSV, or as XLSX together with the top violations."""
    if output_format(path, ("csv", "xlsx")) == "csv":
        write_csv(path, table)
    else:
        write_xlsx(path, [table, top_violations_table(store, scope, lang, labels)])


@contextmanager
def atomic_file(path: str | os.PathLike, mode: str = "w", **open_args) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on failure it is removed."""
    target = Path(path)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode, **open_args) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_csv(path: str | os.PathLike, table: Table) -> None:
    """A table as CSV in UTF-8 with a BOM, so that Excel and WPS show Chinese correctly."""
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(table.headers)
        writer.writerows([_csv_value(value) for value in row] for row in table.rows)


def write_jsonl(path: str | os.PathLike, lines: Iterable[str]) -> None:
    """One JSON document per line, UTF-8."""
    with atomic_file(path, "w", encoding="utf-8", newline="\n") as stream:
        for line in lines:
            stream.write(line)
            stream.write("\n")


def write_xlsx(path: str | os.PathLike, tables: Iterable[Table]) -> None:
    """One sheet per table, streamed (rows are not kept in memory), ready to read in Excel or WPS:
    columns as wide as their text (a Chinese character counts double, measured on the first rows),
    long and multi-line cells wrapped, dates as dates, header frozen and filtered, grades coloured."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    try:
        for table in tables:
            _add_sheets(workbook, table)
    except BaseException as error:
        for sheet in workbook.worksheets:
            with suppress(Exception):  # a sheet whose temporary file could not be written cannot be closed either
                sheet.close()
        if str(error).startswith("IO_"):  # lxml's SerialisationError("IO_EFBIG"): a full disk under its temporary files
            raise OSError(str(error)) from None
        raise
    with atomic_file(path, "wb") as stream:
        workbook.save(stream)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: a Chinese (or other wide) character counts double.

    From the UTF-8 length, which costs no per-character look-up: a 3-byte character (CJK, full-width
    punctuation) counts 2, an ASCII one 1."""
    return (len(text) + len(text.encode("utf-8", "surrogatepass"))) // 2


@dataclass(slots=True)
class _Layout:
    """Column widths (in characters) and kinds of a table, fitted to its header and first rows."""

    widths: list[float]
    kinds: list[str]

    @classmethod
    def of(cls, table: Table, sample: list[Sequence]) -> _Layout:
        kinds = [table.kind(column) for column in range(len(table.headers))]
        widths = []
        for column, header in enumerate(table.headers):
            text = [_width(row[column]) for row in sample if column < len(row)]
            fitted = max([min(display_width(header), _HEADER_WIDTH), *text]) + 2
            widths.append(float(max(_MIN_WIDTH, min(_MAX_WIDTH, _KIND_WIDTH.get(kinds[column], fitted)))))
        return cls(widths, kinds)

    def lines(self, column: int, value) -> int:
        """Lines a cell takes when wrapped to its column's width."""
        if not isinstance(value, str):
            return 1
        room = max(1.0, self.widths[column] - 1)
        return sum(max(1, math.ceil(display_width(line) / room)) for line in value.split("\n"))


def _width(value) -> int:
    if isinstance(value, str):
        return max(map(display_width, value.split("\n")))
    if isinstance(value, float):
        return len(f"{value:g}")
    return 0 if value is None else len(str(value))


def _add_sheets(workbook: Workbook, table: Table) -> None:
    """The table on one sheet, or on several when it has more rows than a sheet holds."""
    rows = iter(table.rows)
    sample = list(islice(rows, XLSX_SAMPLE_ROWS))
    layout = _Layout.of(table, sample)
    sheet, count = None, 0
    for row in chain(sample, rows):
        if sheet is None or count == XLSX_MAX_ROWS:
            if sheet is not None:
                _finish_sheet(sheet, table, count)
            sheet, count = _new_sheet(workbook, table, layout), 1
        count += 1
        _append(sheet, row, layout, count)
    if sheet is None:
        sheet, count = _new_sheet(workbook, table, layout), 1
    _finish_sheet(sheet, table, count)


def _new_sheet(workbook: Workbook, table: Table, layout: _Layout):
    """A sheet named after the table (numbered when the name is taken) with its widths and header row."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_sheet_title(table.name, {sheet.title for sheet in workbook.worksheets}))
    sheet.freeze_panes = "A2"
    for column, width in enumerate(layout.widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.append([_header_cell(sheet, header, table.grades.get(header)) for header in table.headers])
    return sheet


def _header_cell(sheet, header: str, grade: GradeStyle | None) -> WriteOnlyCell:
    """A bold, wrapped header; a calls-per-grade column's header in its grade's colours."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = WriteOnlyCell(sheet, value=header)
    cell.font = Font(bold=True, color=grade.ink if grade else None)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if grade:
        cell.fill = PatternFill("solid", fgColor=grade.fill)
    return cell


def _append(sheet, row: Sequence, layout: _Layout, number: int) -> None:
    """Row ``number`` of the sheet: dates as dates, long or multi-line text wrapped, the row as tall as that."""
    cells, lines = [], 1
    for column, value in enumerate(row):
        kind = layout.kinds[column] if column < len(layout.kinds) else "text"
        cell = _date_cell(sheet, value, kind) if kind in ("date", "month") and isinstance(value, str) else None
        if cell is None:
            cell = _cell_value(sheet, value)
            if isinstance(value, str) and ("\n" in value or display_width(value) > layout.widths[column]):
                lines = max(lines, layout.lines(column, value))
                cell = _wrapped(sheet, cell)
        cells.append(cell)
    if lines > 1:  # the row's height is written with the row, and forgotten after: memory stays flat
        sheet.row_dimensions[number].height = min(_MAX_ROW_HEIGHT, _LINE_HEIGHT * lines)
        sheet.append(cells)
        del sheet.row_dimensions[number]
    else:
        sheet.append(cells)


def _date_cell(sheet, value: str, kind: str) -> WriteOnlyCell | None:
    """A real date (2024-03-05, or the month 2024-03 as its first day) shown as such; None for other text."""
    from openpyxl.cell import WriteOnlyCell

    try:
        day = date.fromisoformat(value if kind == "date" else f"{value}-01")
    except ValueError:
        return None
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = "yyyy-mm-dd" if kind == "date" else "yyyy-mm"
    return cell


def _wrapped(sheet, value) -> WriteOnlyCell:
    """``value`` (text, or a cell holding text) wrapped."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    cell = WriteOnlyCell(sheet, value=value) if isinstance(value, str) else value
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _finish_sheet(sheet, table: Table, rows: int) -> None:
    """A filter on the header, and each grade's colours in the grade columns (kept when a grade is edited)."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    last = get_column_letter(max(1, len(table.headers)))
    sheet.auto_filter.ref = f"A1:{last}{rows}"
    for column in range(len(table.headers)):
        if table.kind(column) != "grade" or rows < 2:
            continue
        letter = get_column_letter(column + 1)
        for grade, style in table.grades.items():
            rule = CellIsRule(operator="equal", formula=['"' + grade.replace('"', '""') + '"'],
                              fill=PatternFill("solid", fgColor=style.fill, bgColor=style.fill), font=Font(color=style.ink))
            sheet.conditional_formatting.add(f"{letter}2:{letter}{rows}", rule)


def _sheet_title(name: str, taken: set[str]) -> str:
    base = name.translate(_XLSX_FORBIDDEN)[:_XLSX_NAME]
    title, number = base, 1
    while title in taken:
        number += 1
        suffix = f" ({number})"
        title = base[:_XLSX_NAME - len(suffix)] + suffix
    return title


def _plain(value):
    """Whole floats as ints (85, not 85.0); everything else as is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _csv_value(value):
    """A CSV cell: text that a spreadsheet would run as a formula prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return _plain(value)


def _cell_value(sheet, value):
    """A value Excel accepts: control characters (invalid in XLSX) removed, strings cut at Excel's cell limit,
    and text that openpyxl would write as a formula (it starts with ``=``) written as text."""
    if isinstance(value, str):
        value = _ILLEGAL_IN_XLSX.sub("", value)[:_XLSX_CELL]
        if value.startswith("="):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    return _plain(value)


def _replace(temp: str, target: Path) -> None:
    """Move ``temp`` over ``target``, keeping the target's permissions (or the usual ones for a new file)."""
    if target.exists():
        os.chmod(temp, target.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
    os.replace(temp, target)
