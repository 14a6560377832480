"""Regulation documents as lines and tables: text files, .docx (paragraphs and tables), .xlsx and .csv rule sheets.

An office file is a zip archive. Its directory is checked before anything is inflated — how many
entries, their uncompressed sizes, each one's compression ratio — so that a small file that would
inflate to gigabytes is refused by name, in bounded memory; then each entry is inflated in small
pieces that are thrown away, and one that inflates to more than its directory says is refused too. Malformed XML, a broken
archive or a workbook that cannot be read is an :class:`InputError` naming the file, never a traceback.
"""

from __future__ import annotations

import csv
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..textio import InputError, read_text

#: Limits on an office file's zip directory, checked before inflating anything.
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 64 << 20
MAX_TOTAL_BYTES = 256 << 20
MAX_RATIO = 100            # uncompressed / compressed size of one entry …
RATIO_FROM_BYTES = 1 << 20  # … once it inflates to more than this
_PIECE = 1 << 16


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


@dataclass(slots=True)
class Source:
    """What a document holds: its lines in reading order (table cells included, row by row, for a
    .docx) and its tables. A rule sheet has no running text, only tables whose lines are row numbers."""

    path: Path
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def read_source(path: str | Path) -> Source:
    """Read a regulation document by its extension; raises :class:`InputError` naming the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".tsv"):
        return _read_csv(path)
    text = read_text(path).text
    return Source(path, text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def check_archive(path: Path) -> None:
    """Refuse an office file whose zip directory promises too much to inflate safely, or whose entries
    inflate to more than the directory says (measured by inflating in small pieces, keeping nothing)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_directory(path, entries)
            with open(path, "rb") as raw:
                for entry in entries:
                    if _inflated_size(raw, entry) != entry.file_size:
                        raise InputError(str(path), f"Office 文件条目大小与目录不符（{entry.filename}） / "
                                                    f"an entry inflates to another size than its directory says ({entry.filename})")
    except (OSError, zipfile.BadZipFile, zlib.error, struct.error) as error:
        raise InputError(str(path), f"不是有效的 Office 文件（zip 损坏） / not a valid office file (broken zip): {error}") from None


def _check_directory(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputError(str(path), f"Office 文件条目过多（{len(entries)}） / too many entries in the office file ({len(entries)})")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(str(path), f"Office 文件解压后过大（{entry.filename} {entry.file_size} 字节） / "
                                        f"the office file inflates too far ({entry.filename}: {entry.file_size} bytes)")
        if entry.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise InputError(str(path), f"Office 文件压缩比异常（{entry.filename} {ratio:.0f}:1），疑为压缩炸弹 / "
                                        f"suspicious compression ratio ({entry.filename} {ratio:.0f}:1): a zip bomb?")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(str(path), f"不支持的压缩方式（{entry.filename}） / unsupported compression ({entry.filename})")


def _inflated_size(raw, entry: zipfile.ZipInfo) -> int:
    """How many bytes ``entry`` really inflates to, counted piece by piece, stopping past the limit."""
    raw.seek(entry.header_offset)
    header = raw.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {entry.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    raw.seek(entry.header_offset + 30 + name_length + extra_length)
    if entry.compress_type == zipfile.ZIP_STORED:
        return len(raw.read(min(entry.compress_size, MAX_ENTRY_BYTES + 1)))
    inflater, size, left = zlib.decompressobj(-zlib.MAX_WBITS), 0, entry.compress_size
    while left > 0 and size <= MAX_ENTRY_BYTES:
        chunk = raw.read(min(left, _PIECE))
        if not chunk:
            break
        left -= len(chunk)
        data = chunk
        while data and size <= MAX_ENTRY_BYTES:
            size += len(inflater.decompress(data, _PIECE))
            data = inflater.unconsumed_tail
    return size


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
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
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
    text = read_text(path).text
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
