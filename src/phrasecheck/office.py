"""Office files as inputs: .docx drafts (paragraphs, table cells included, one line each) and .xlsx
call logs (the first worksheet's rows).

Both are zip archives, checked as :func:`~phrasecheck.safezip.check_archive` checks them
before anything is inflated. A broken or hostile file is an :class:`InputError` naming it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from .safezip import check_archive
from .textio import InputError, os_reason, write_bytes_atomic

DOCX_SUFFIXES = (".docx",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def is_docx(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(DOCX_SUFFIXES)


def is_xlsx(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(XLSX_SUFFIXES)


def check_office_file(path: str | os.PathLike) -> None:
    """Refuse, naming the file, what is missing, not a regular file, or an archive unsafe to inflate."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise InputError(str(path), f"无法读取 / cannot read: {os_reason(error)}") from None
    if not stat.S_ISREG(mode):
        raise InputError(str(path), "不是普通文件 / not a regular file")
    check_archive(Path(path))


def unreadable(path: str | os.PathLike, kind: str, error: Exception) -> InputError:
    return InputError(str(path), f"无法读取 {kind} 文件 / cannot read the {kind} file: {type(error).__name__}: {error}")


# --- .docx drafts ------------------------------------------------------------------------------------

def open_docx(path: str | os.PathLike):
    """The python-docx document of ``path``; InputError naming the file when it cannot be read."""
    try:
        import docx
    except ImportError:
        raise InputError(str(path), "读取 .docx 需要安装 python-docx（pip install \"phrasecheck[docx]\"） / "
                                    "reading .docx needs python-docx") from None
    check_office_file(path)
    try:
        return docx.Document(str(path))
    # A hostile or broken file makes python-docx and lxml raise many kinds of errors: all mean "unreadable".
    except Exception as error:  # noqa: BLE001
        raise unreadable(path, ".docx", error) from None


def paragraphs(container) -> Iterator:
    """The paragraphs of a document or table cell in reading order, those in tables row by row (a
    merged cell once)."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in {cell._tc: cell for cell in row.cells}.values():
                    yield from paragraphs(cell)
        else:
            yield block


def line_text(paragraph) -> str:
    """A paragraph as one line: a line break or carriage return inside it counts as a space (one
    character for one, so that columns stay those of the paragraph's text)."""
    return paragraph.text.replace("\n", " ").replace("\r", " ")


def docx_stream(path: str | os.PathLike) -> io.StringIO:
    """A .docx draft as text, one paragraph a line, for ``check``."""
    document = open_docx(path)
    try:
        lines = [line_text(p) + "\n" for p in paragraphs(document)]
    except Exception as error:  # noqa: BLE001 - hostile XML inside a readable archive
        raise unreadable(path, ".docx", error) from None
    return io.StringIO("".join(lines), newline="")


@dataclass(slots=True)
class DocxDraft:
    """A .docx draft for ``fix``: its paragraphs as lines, edited within their runs so that the
    formatting stays, saved all at once."""

    path: str
    document: object
    paragraphs: list

    @classmethod
    def open(cls, path: str | os.PathLike) -> DocxDraft:
        document = open_docx(path)
        try:
            return cls(str(path), document, list(paragraphs(document)))
        except Exception as error:  # noqa: BLE001 - hostile XML inside a readable archive
            raise unreadable(path, ".docx", error) from None

    @property
    def lines(self) -> list[str]:
        return [line_text(paragraph) + "\n" for paragraph in self.paragraphs]

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def apply(self, edits: list) -> None:
        """Make the edits (:class:`~phrasecheck.fixer.Fix`, in the order the fixer made them: pass by
        pass, each line's in line order) in the paragraphs' runs."""
        for (_, line), group in groupby(edits, key=lambda edit: (edit.round, edit.line)):
            runs = paragraph_runs(self.paragraphs[line - 1])
            for edit in reversed(list(group)):
                replace_in_runs(runs, edit.start, edit.end, edit.replacement)

    def save(self) -> None:
        buffer = io.BytesIO()
        self.document.save(buffer)
        write_bytes_atomic(self.path, buffer.getvalue())


def paragraph_runs(paragraph) -> list:
    """The runs whose texts make up the paragraph's text, hyperlinks' runs included, in order."""
    return [run for item in paragraph.iter_inner_content() for run in getattr(item, "runs", [item])]


def replace_in_runs(runs: list, start: int, end: int, replacement: str) -> None:
    """Replace characters ``start``:``end`` (``start`` < ``end``) of the runs' joined text: the
    replacement goes into the run where the span starts, and takes its formatting; the rest of the
    span leaves the runs it is in."""
    offset, placed = 0, False
    for run in runs:
        text = run.text
        stop = offset + len(text)
        if not placed and offset <= start < stop:
            run.text = text[:start - offset] + replacement + text[min(end, stop) - offset:]
            placed = True
        elif placed and offset < end:
            run.text = text[min(end, stop) - offset:]
        offset = stop


# --- .xlsx call logs ---------------------------------------------------------------------------------

def sheet_rows(path: str | os.PathLike) -> Iterator[tuple[int, list[str]]]:
    """The first worksheet's rows as texts, numbered as Excel numbers them; InputError naming the
    file when it cannot be read (also part way through)."""
    import openpyxl

    check_office_file(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a broken workbook
        raise unreadable(path, ".xlsx", error) from None
    try:
        if not workbook.worksheets:
            raise InputError(str(path), "工作簿中没有工作表 / the workbook has no worksheet")
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values]
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001
        raise unreadable(path, ".xlsx", error) from None
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    """A cell as a call log's text: dates and times in ISO form, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
