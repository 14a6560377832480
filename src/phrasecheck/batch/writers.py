"""Output files: CSV (UTF-8 with BOM, for Excel and WPS), XLSX and JSONL, chosen by the extension.

Per-call results of a batch: CSV = one row per call; XLSX = sheets 通话明细 (calls), 坐席汇总
(per staff) and 高频违规 (top violations); JSONL = one score-v1 exchange per line.

Every file is written atomically: into a temporary file next to the target, flushed to disk,
then renamed over it. A run that is interrupted leaves the old file (or none), never half a file.

Text comes from the call logs (call ids, staff ids, file names, what was said), so no text cell
can become a formula (OWASP "CSV injection"): XLSX cells hold text as text, and a CSV cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .reviews import cards_with_reviews
from .store import Scope, Store
from .tables import Table, call_table, staff_table, top_violations_table

#: Output formats by file extension.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl"}
#: Rows per XLSX sheet, header included; longer tables go on as 通话明细 (2) …
XLSX_MAX_ROWS = 1_048_576
_XLSX_NAME = 31
_XLSX_CELL = 32_767
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


def write_batch_output(path: str | os.PathLike, store: Store, scope: Scope, lang: str = "zh") -> None:
    """The per-call results of ``scope`` in the format the extension names (see the module docstring)."""
    kind = output_format(path)
    if kind == "jsonl":
        write_jsonl(path, cards_with_reviews(store, scope))
    elif kind == "csv":
        write_csv(path, call_table(store, scope, lang))
    else:
        write_xlsx(path, [call_table(store, scope, lang), staff_table(store, scope, lang),
                          top_violations_table(store, scope, lang)])


def write_report_output(path: str | os.PathLike, table: Table, store: Store, scope: Scope, lang: str = "zh") -> None:
    """A report table as CSV, or as XLSX together with the top violations."""
    if output_format(path, ("csv", "xlsx")) == "csv":
        write_csv(path, table)
    else:
        write_xlsx(path, [table, top_violations_table(store, scope, lang)])


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
    """One sheet per table (streamed: rows are not kept in memory), header bold and frozen."""
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


def _add_sheets(workbook: Workbook, table: Table) -> None:
    sheet, rows = None, 0
    for row in table.rows:
        if sheet is None or rows == XLSX_MAX_ROWS:
            sheet, rows = _new_sheet(workbook, table), 1
        sheet.append([_cell_value(sheet, value) for value in row])
        rows += 1
    if sheet is None:
        _new_sheet(workbook, table)


def _new_sheet(workbook: Workbook, table: Table):
    """A sheet named after the table (numbered when the name is taken) with its header row."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_sheet_title(table.name, {sheet.title for sheet in workbook.worksheets}))
    sheet.freeze_panes = "A2"
    for column, header in enumerate(table.headers, 1):
        sheet.column_dimensions[get_column_letter(column)].width = max(10, min(48, 2 * len(header) + 4))
    sheet.append([_header_cell(sheet, header) for header in table.headers])
    return sheet


def _header_cell(sheet, header: str) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cell = WriteOnlyCell(sheet, value=header)
    cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True)
    return cell


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
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:_XLSX_CELL]
        if value.startswith("="):
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
