"""Tables and rule sheets: which column holds phrases of which kind, and which holds their category or suggestion.

A header row (within a table's first rows) names the columns: a kind (文明用语 | 服务禁语, 场景 | 规范用语 |
禁语), or phrases without a kind (用语、内容、话术) whose kind a kind column gives row by row (类型：禁语)
or else the sheet's or the file's name (服务禁语.xlsx); a category column (类别、分类、场景) and a
suggestion column (建议、替代用语、应说) travel with each phrase. Text tables flattened with ``|`` or tabs
(one row a line) are found in a document's lines and read the same way, and so are lists of records that
another system exported (``{ phrase: '不可能', replacement: '暂时无法' }``, JSON's ``{"禁语": "…"}``): their keys
are the header, and the label named above them (// 服务禁语过滤插件) gives their kind when the keys do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import COURTESY, LABEL, PROHIBITED, fold_script, kind_of, kinds_named
from .sources import Cell, Table

_HEADER_ROWS = 5
#: Lines of another width in a row that end a table flattened with single spaces.
_STRAYS = 2
_MAX_HEADER = 20
#: Header words of the columns that are not phrases (checked first), and of phrase columns.
_ROLES = (
    ("suggestion", re.compile(r"建议|替代|应说|正确说法|规范说法|文明说法|改为|suggest|alternative|replace", re.I)),
    ("kind", re.compile(r"^(?:种类|性质|类型|kind|type)$", re.I)),
    ("category", re.compile(r"类别|分类|类型|场景|情形|情景|环节|category|scene", re.I)),
    ("phrase", re.compile(r"用语|禁语|忌语|话术|语句|说法|内容|短语|表述|phrase|text|wording|expression", re.I)),
)
#: Per-row kind values: 禁语 / 文明用语, or plainer words a sheet may use.
_ROW_KIND = ((PROHIBITED, re.compile(r"禁|忌|不文明|不规范|prohibit|ban", re.I)),
             (COURTESY, re.compile(r"文明|礼貌|规范|推荐|courtesy|polite", re.I)))
#: One field of a record: a key (bare or quoted), a colon and a quoted value.
_FIELD = re.compile(r"""(["']?)([A-Za-z_]\w*|[\u4e00-\u9fff]{1,8})\1\s*[:：]\s*(["'“「])(.*?)["'”」]""")
_RECORD = re.compile(r"^\s*[{\[]")


@dataclass(slots=True)
class Layout:
    """What a table's columns hold, read from its header row ``header``. ``phrases`` maps a column to
    its kind; ``""`` means a kind per row (the kind column's value, else ``default``)."""

    header: int
    phrases: dict[int, str] = field(default_factory=dict)
    category: int | None = None
    suggestion: int | None = None
    kind: int | None = None
    default: str | None = None

    def kind_of(self, row: tuple[Cell, ...], column: int) -> str | None:
        """The kind of the phrases in ``row``'s cell of ``column``."""
        kind = self.phrases[column]
        if kind:
            return kind
        value = fold_script(cell_text(row, self.kind))
        return next((named for named, pattern in _ROW_KIND if value and pattern.search(value)), self.default)


def layout(table: Table, names: tuple[str, ...] = ()) -> Layout | None:
    """The layout of ``table`` if a header row names phrase columns; ``names`` (the sheet's, the file's)
    may give the kind of a phrase column whose header names none."""
    default = next((kind for name in names if len(kinds := kinds_named(fold_script(name))) == 1
                    for kind in kinds), table.kind)
    headers = [found for index, row in enumerate(table.rows[:_HEADER_ROWS]) if (found := _header(index, row, default))]
    return max(headers, key=_columns_named, default=None)   # the first of the most telling: not a title row above it (附表 | 常用语对照表)


def _header(index: int, row: tuple[Cell, ...], default: str | None) -> Layout | None:
    """The layout ``row`` gives as the header row, if it names phrase columns."""
    found = Layout(index, default=default)
    for column, cell in enumerate(row):
        _read_header(found, column, fold_script(cell.text.strip()))
    per_row = any(kind == "" for kind in found.phrases.values())
    return found if found.phrases and (not per_row or found.kind is not None or default) else None


def _columns_named(found: Layout) -> int:
    return len(found.phrases) + sum(column is not None for column in (found.category, found.suggestion, found.kind))


def _read_header(found: Layout, column: int, title: str) -> None:
    if not title or len(title) > _MAX_HEADER:
        return
    if _ROLES[0][1].search(title):
        if found.suggestion is None:
            found.suggestion = column
        return
    named = kinds_named(title)
    if len(named) == 1:
        found.phrases[column] = named.pop()
        return
    for role, pattern in _ROLES:
        if pattern.search(title):
            if role == "phrase":
                labels = {kind_of(match) for match in LABEL.finditer(title)}
                found.phrases[column] = labels.pop() if len(labels) == 1 else ""
            elif getattr(found, role) is None:
                setattr(found, role, column)
            return


def cell_text(row: tuple[Cell, ...], column: int | None) -> str:
    return row[column].text.strip() if column is not None and column < len(row) else ""


def text_tables(lines: list[str]) -> list[Table]:
    """Tables flattened into text: runs of two or more lines cut into cells by ``|``, tabs or wide gaps of
    spaces, and, outside them, tables whose cells a single space parts (:func:`_spaced_tables`)."""
    tables, rows = [], []
    for number, line in enumerate(lines + [""], start=1):
        cells = re.split(r"\s*[|\t]\s*| {3,}|\u3000{2,}", line.strip().strip("|"))
        if len([cell for cell in cells if cell]) >= 2:
            rows.append(tuple(Cell(((number, cell),)) for cell in cells))
            continue
        if len(rows) >= 2:
            tables.append(Table(tuple(rows)))
        rows = []
    tables += record_tables(lines)
    taken = {line for table in tables for row in table.rows for cell in row for line, _ in cell.lines}
    return tables + _spaced_tables(lines, taken)


def record_tables(lines: list[str]) -> list[Table]:
    """Runs of two or more records with the same keys, one a line, as tables whose header row is the keys; each
    takes the kind the nearest line above it names by its labels (// 服务禁语过滤插件), if only one."""
    if not any(_RECORD.match(line) for line in lines):
        return []
    tables, run, above, kind = [], [], None, None
    for number, line in enumerate(lines + [""], start=1):
        fields = _FIELD.findall(line) if _RECORD.match(line) else []
        keys = tuple(key for _, key, _, _ in fields)
        if not (keys and run and keys == run[0][1]):
            if len(run) >= 2:
                tables.append(_record_table(run, kind))
            run, kind = [], above
        if keys:
            run.append((number, keys, [value for *_, value in fields]))
        if named := {kind_of(match) for match in LABEL.finditer(fold_script(line))} - {None}:
            above = named.pop() if len(named) == 1 else None
    return tables


def _record_table(run: list[tuple[int, tuple[str, ...], list[str]]], kind: str | None) -> Table:
    first, keys, _ = run[0]
    header = tuple(Cell(((first, key),)) for key in keys)
    rows = tuple(tuple(Cell(((number, value),)) for value in values) for number, _, values in run)
    return Table((header, *rows), kind=kind)


def _spaced_tables(lines: list[str], taken: set[int]) -> list[Table]:
    """Tables whose cells are parted by single spaces (序號 情形 規範用語 禁用語 / 1 群眾詢問 請問… 有事快說): a
    header line naming at least two columns, one of them phrases of a kind, and the lines after it with as
    many space-parted cells, at least two of them; lines of other tables (``taken``) are not read again."""
    tables = []
    number = 1
    while number <= len(lines):
        header = lines[number - 1].split()
        found = _header(0, tuple(Cell(((number, cell),)) for cell in header), None) if len(header) >= 3 else None
        if number in taken or not found or _columns_named(found) < 2 or "" in found.phrases.values():
            number += 1
            continue
        rows, end = _spaced_rows(lines, number, len(header), taken)
        if len(rows) >= 2:
            tables.append(Table((tuple(Cell(((number, cell),)) for cell in header), *rows)))
        number = end
    return tables


def _spaced_rows(lines: list[str], header: int, width: int, taken: set[int]) -> tuple[list[tuple[Cell, ...]], int]:
    """The rows of ``width`` space-parted cells after line ``header``, up to a blank line, another table's line or
    :data:`_STRAYS` lines in a row of another width (a row whose phrase has a space in it is left to be read as
    text: which of its cells it split cannot be told); and the line after them."""
    rows, number, strays = [], header + 1, 0
    while number <= len(lines) and number not in taken and lines[number - 1].strip() and strays < _STRAYS:
        cells = lines[number - 1].split()
        if len(cells) == width:
            rows.append(tuple(Cell(((number, cell),)) for cell in cells))
        strays = 0 if len(cells) == width else strays + 1
        number += 1
    return rows, number - strays
