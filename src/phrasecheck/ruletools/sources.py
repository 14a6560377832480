"""Regulation documents as lines and tables: text files, .docx (paragraphs and tables), .xlsx and .csv rule sheets.

A document is read by what it holds, not by its name: a zip archive is a .docx or .xlsx by its parts (one
renamed .doc or .xls is read all the same), and the old binary Office formats and PDF, which are not read,
are told by their first bytes and refused saying what to save them as. An office file's zip directory is
checked before anything is inflated — how many entries, their uncompressed sizes, each one's compression
ratio — so that a small file that would inflate to gigabytes is refused by name, in bounded memory; then each entry is inflated in small
pieces that are thrown away, and one that inflates to more than its directory says is refused too. Malformed XML, a broken
archive or a workbook that cannot be read is an :class:`InputError` naming the file, never a traceback.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..safezip import check_archive
from ..textio import STDIN, InputError, decode_bytes, input_name, read_bytes

_ZIP = b"PK\x03\x04"
#: The first bytes of formats that are not read, whatever the file's name, and what to do instead.
_NOT_READ = (
    (re.compile(rb"\A\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "Word/Excel 97–2003 格式（.doc、.xls）不能读取，请另存为 .docx、.xlsx 或 .txt / "
                                          "Word and Excel 97–2003 files (.doc, .xls) are not read: save it as .docx, .xlsx or .txt"),
    # a PDF's header and version, at the start of a line in its first kilobyte as readers accept it (not a note
    # saying %PDF 转换说明, nor one quoting %PDF-1.7 in a sentence)
    (re.compile(rb"(?:\A|[\r\n])%PDF-\d"), "PDF 文件不能读取，请把其中的文字复制到 .txt 文件 / PDF files are not read: copy its text into a .txt file"),
)
#: How much of a file's start is read to tell its format.
HEAD_BYTES = 1024
#: The parts that make a zip archive a .docx or an .xlsx.
_OFFICE_PARTS = (("word/document.xml", ".docx"), ("xl/workbook.xml", ".xlsx"))


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its paragraphs as (1-based line, text)."""

    lines: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else 0


@dataclass(frozen=True, slots=True)
class Table:
    """A table as written: rows of cells (merged cells once); ``sheet`` names a workbook's sheet."""

    rows: tuple[tuple[Cell, ...], ...]
    sheet: str = ""
    #: The kind the words around it name, for a table whose header names none (a list of records under 服务禁语).
    kind: str | None = None


@dataclass(slots=True)
class Source:
    """What a document holds: its lines in reading order (table cells included, row by row, for a
    .docx) and its tables. A rule sheet has no running text, only tables whose lines are row numbers."""

    path: Path
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def read_source(path: str | Path) -> Source:
    """Read a regulation document by what it holds, else by its extension; raises :class:`InputError` naming the file."""
    path = Path(path)
    head = _head(path)
    _refuse_unread(path, head)
    kind = _office_kind(path) if head.startswith(_ZIP) else path.suffix.lower()
    if kind == ".docx":
        return _read_docx(path)
    if kind in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if head.startswith(_ZIP):
        raise InputError(str(path), "压缩包，不是 .docx 或 .xlsx，不能读取 / a zip archive, not a .docx or .xlsx: not read")
    if kind in (".csv", ".tsv"):
        return _read_csv(path)
    text = _text(path)
    return Source(path, text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _head(path: Path) -> bytes:
    """The first bytes of a regular file; none of anything else (standard input, a pipe, a folder, a missing file:
    their readers say what they are)."""
    if str(path) == STDIN or not path.is_file():
        return b""
    try:
        with open(path, "rb") as file:
            return file.read(HEAD_BYTES)
    except OSError:
        return b""


def _refuse_unread(path: Path, head: bytes) -> None:
    """Refuse a format that is not read (its first bytes say so), saying what to save it as."""
    for magic, message in _NOT_READ:
        if magic.search(head):
            raise InputError(input_name(path), message)


def _office_kind(path: Path) -> str:
    """``.docx`` or ``.xlsx`` by the parts a zip archive holds, else its own extension (a broken archive is
    refused by the reader its name asks for)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return path.suffix.lower()
    return next((kind for part, kind in _OFFICE_PARTS if part in names), path.suffix.lower())


def _text(path: Path) -> str:
    """A text file's text (standard input's too: a format not read is refused by its first bytes there as well)."""
    data = read_bytes(path)
    _refuse_unread(path, data[:HEAD_BYTES])
    return decode_bytes(data, input_name(path)).text


def _unreadable(path: Path, kind: str, error: Exception) -> InputError:
    return InputError(str(path), f"无法读取 {kind} 文件 / cannot read the {kind} file: {type(error).__name__}: {error}")


# --- .docx -------------------------------------------------------------------------------------------

def _read_docx(path: Path) -> Source:
    try:
        import docx
    except ImportError:
        raise InputError(str(path), "读取 .docx 需要安装 python-docx（pip install \"phrasecheck[docx]\"） / "
                                    "reading .docx needs python-docx") from None
    check_archive(path)
    source = Source(path)
    try:
        _docx_blocks(docx.Document(str(path)), source)
    # A hostile or broken file makes python-docx and lxml raise many kinds of errors: all mean "unreadable".
    except Exception as error:  # noqa: BLE001
        raise _unreadable(path, ".docx", error) from None
    return source


def _docx_blocks(container, source: Source) -> None:
    """Append the paragraphs of a document or cell to ``source.lines``, and its tables to ``source.tables``."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            rows = []
            for row in block.rows:
                cells = []
                for cell in {cell._tc: cell for cell in row.cells}.values():   # a merged cell once
                    first = len(source.lines)
                    _docx_blocks(cell, source)
                    cells.append(Cell(tuple((number + 1, source.lines[number]) for number in range(first, len(source.lines)))))
                rows.append(tuple(cells))
            source.tables.append(Table(tuple(rows)))
        else:
            source.lines.append(block.text)


# --- rule sheets -------------------------------------------------------------------------------------

def _read_xlsx(path: Path) -> Source:
    import openpyxl

    check_archive(path)
    source = Source(path)
    try:
        with open(path, "rb") as file:  # a file, not a name: openpyxl refuses a workbook named .xls by its name
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    rows = [tuple(Cell(((number, _cell_text(value)),)) for value in values)
                            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
                    source.tables.append(Table(tuple(rows), sheet.title))
            finally:
                workbook.close()
    # openpyxl raises many kinds of errors on a broken or hostile workbook: all mean "unreadable".
    except Exception as error:  # noqa: BLE001
        raise _unreadable(path, ".xlsx", error) from None
    return source


def _read_csv(path: Path) -> Source:
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows, start = [], 1
    try:
        for values in reader:
            rows.append(tuple(Cell(((start, value.strip()),)) for value in values))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(str(path), f"CSV 格式错误 / malformed CSV: {error}", reader.line_num) from None
    return Source(path, tables=[Table(tuple(rows), path.stem)])


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()
