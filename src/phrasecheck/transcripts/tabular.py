"""CSV/TSV call logs: one row per utterance, many calls per file, read row by row.

Columns are found by their header (common Chinese and English names, or ``--column``).
Consecutive rows with the same call id form one call; a file without a call id column is
one call. Rows of a call must be contiguous: a call id that comes back after another call
starts a new exchange, named ``C1#2`` (with a warning) so that no two rows of a report share a
name — when it comes back within :data:`RECENT_IDS` calls (memory stays flat on any file).

A quoted field may span lines, but a stray ``"`` at the start of a field would swallow every
line up to the next quote: a quoted field that runs into a line that reads as a row of its own
(as many fields as the header), to the end of the file, or past the csv module's field limit (rows
with fewer fields than the header: 128 kB of them), is taken as a stray quote, and its row is read
with the quote as text (with a warning); the lines after it are read again.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..models import Diagnostic
from . import records
from .records import RawExchange, RawItems, RawTurn, too_many_turns
from .source import Line, too_long
from .times import cell_ms

_HEADERS: dict[str, tuple[str, ...]] = {
    "call_id": ("通话ID", "会话ID", "通话编号", "录音ID", "录音编号", "对话ID", "工单编号", "工单号", "工单ID", "记录编号",
                "流水号", "call_id", "session_id", "conversation_id", "contact_id", "dialogue_id", "dialog_id", "ticket_id"),
    "speaker": ("说话人", "发言人", "讲话人", "说话方", "speaker", "speaker_id", "spk", "participant"),
    "role": ("角色", "身份", "角色名称", "role", "speaker_role", "participant_role", "role_name"),
    "text": ("内容", "文本", "对话内容", "通话内容", "发言内容", "转写文本", "识别结果", "识别文本",
             "text", "words", "content", "utterance", "transcript", "sentence"),
    "start": ("开始时间", "起始时间", "开始", "start_ms", "start", "begin", "begin_ms", "begin_time", "start_time"),
    "end": ("结束时间", "结束", "end_ms", "end", "end_time"),
    "staff_id": ("工号", "坐席工号", "客服工号", "员工工号", "员工编号", "坐席ID", "staff_id", "agent_id", "employee_id"),
    "date": ("日期", "通话时间", "通话日期", "来电时间", "受理时间", "来电日期", "date", "call_time", "call_date"),
    "channel": ("声道", "音轨", "channel", "channel_id"),
    "service": ("渠道", "服务渠道", "受理渠道", "来源渠道", "业务渠道", "接待方式", "service_channel", "call_channel"),
}
#: A ``channel`` cell saying one of these names the service channel (as a ``service`` cell does), not an audio
#: track: any other value (0, 1, L, A, 坐席) is the track, and so the speaker when nothing else names one.
_SERVICE_WORDS = re.compile(r"电话|热线|来电|通话|窗口|现场|来访|大厅|柜台|phone|call|telephone|hotline|window|counter|"
                            r"visit|walk-in|reception", re.IGNORECASE)
_DELIMITERS = (",", "\t", ";", "|")
#: How many of the latest call ids are remembered, to name a call whose id comes back (C1#2).
RECENT_IDS = 10_000
#: A unit after a time column's name (a supervisor's trial: 开始时间(秒) and start_sec were ignored without a word).
_TIME_UNIT = re.compile(r"\s*(?:[(（\[【]\s*(?:单位\s*[:：]?\s*)?(?:秒|毫秒|s|ms|sec|secs|seconds?|milliseconds?)\s*[)）\]】]"
                        r"|\s*[_\-/]\s*(?:s|ms|sec|secs|seconds|秒|毫秒))$", re.IGNORECASE)
#: What a header may have that its name ignores (deleted by ``str.translate``).
_IGNORED_IN_HEADERS = str.maketrans("", "", " _-\t\ufeff")


#: A staff code: Latin letters, then a digit, then anything of a code (a101, Ａ１０２, cs-07 — not a name like zhangsan).
_STAFF_CODE = re.compile(r"[A-Za-z]+[-_]?\d[\w-]*", re.ASCII)


def staff_key(staff: str) -> str:
    """A staff id as stored: full-width letters and digits made plain (Ａ００１ is A001), spaces around it gone, and a
    code's letters in capitals (a101 is A101: an outside trial's batch gave a101 a row of its own beside A101)."""
    key = unicodedata.normalize("NFKC", staff).strip()
    return key.upper() if _STAFF_CODE.fullmatch(key) else key


def header_key(name: str) -> str:
    """A header folded for comparison: width, case, spaces, ``_`` and ``-`` ignored."""
    return unicodedata.normalize("NFKC", name).casefold().translate(_IGNORED_IN_HEADERS)


_KNOWN = {header_key(alias): role for role, aliases in _HEADERS.items() for alias in aliases}
#: An ideograph that no known header has: NFKC and case folding keep every unified ideograph as it is, so a
#: name with one is no known header, and a transcript's first line is told from a header without normalising it.
_UNKNOWN_IDEOGRAPH = re.compile("(?![%s])[\u4e00-\u9fff]" % "".join(sorted(
    {char for key in _KNOWN for char in key if "\u4e00" <= char <= "\u9fff"})))


def column_role(name: str) -> str | None:
    """What a column holds by its header (``call_id``, ``speaker``, ``text`` …); None when unknown. A time column may
    name its unit (开始时间(秒), 开始时间（毫秒）, start_s, begin_sec): :func:`~.times.cell_ms` reads it from the header."""
    bare = _TIME_UNIT.sub("", name)
    if _UNKNOWN_IDEOGRAPH.search(bare):
        return None
    role = _KNOWN.get(header_key(bare))
    return role if bare == name or role in ("start", "end") else None


@dataclass(frozen=True, slots=True)
class Columns:
    """Positions of the columns in use, by column role, and the header names."""

    positions: dict[str, int]
    names: list[str]
    delimiter: str
    #: What the call log is, for the exchanges read from it (default: csv or tsv, by the delimiter).
    format: str = ""

    def cell(self, row: list[str], role: str) -> str | None:
        """The stripped value of ``role``'s column in ``row``; None when absent or empty."""
        position = self.positions.get(role)
        if position is None or position >= len(row):
            return None
        return row[position].strip() or None


def sniff_call_log(first_line: str) -> str | None:
    """``csv`` or ``tsv`` when ``first_line`` is a call-log header with a text column, else None."""
    delimiter = _delimiter(first_line, None)
    try:
        roles = {column_role(name) for name in next(csv.reader([first_line], delimiter=delimiter))}
    except (csv.Error, StopIteration):
        return None
    if "text" in roles and roles & {"speaker", "role", "call_id"}:
        return "tsv" if delimiter == "\t" else "csv"
    return None


def read_call_log(lines: Iterable[Line], path: str, input_format: str, columns: Mapping[str, str]) -> RawItems:
    """Calls in a CSV/TSV file, each yielded as soon as its last row is read."""
    feed = _Feed(iter(lines))
    first = next((line for line in feed.peek_lines() if line.text.strip()), None)
    if first is None:
        return
    delimiter = _delimiter(first.text, input_format)
    rows = _rows(csv.reader(feed, delimiter=delimiter), feed, path)
    for line, row in rows:
        if isinstance(row, Diagnostic):
            yield row
            continue
        found = _columns(row, line, path, columns, delimiter)
        if isinstance(found, Diagnostic):
            yield found
            return
        feed.width, feed.delimiter = len(row), delimiter
        yield from _calls(rows, found, path)
        return


def read_sheet(rows: Iterable[tuple[int, list[str]]], path: str, columns: Mapping[str, str]) -> RawItems:
    """Calls in a worksheet's rows (numbered as the sheet numbers them), read as a CSV call log is:
    the first non-blank row is the header."""
    filled = ((number, row) for number, row in rows if any(cell.strip() for cell in row))
    for line, header in filled:
        found = _columns(header, line, path, columns, ",")
        if isinstance(found, Diagnostic):
            yield found
            return
        yield from _calls(filled, replace(found, format="xlsx"), path)
        return


class _StrayQuote(Exception):
    """A quoted field ran into a line that reads as a row of its own."""


class _Feed:
    """Lines handed to the csv module, remembering the number of the last line given and the
    lines of the row being read (to read them again when a quote in it turns out to be stray)."""

    def __init__(self, lines: Iterator[Line]):
        self._lines = lines
        self._buffer: list[Line] = []
        self.number = 0
        self.too_long: list[int] = []
        #: The header's fields and delimiter, once read: a line with that many fields starts a row.
        self.width = 0
        self.delimiter = ","
        self.row: list[Line] = []
        self.ended = False

    def start_row(self) -> None:
        self.row, self.ended = [], False

    def read_again(self, lines: list[Line]) -> None:
        """Hand ``lines`` to the csv module again, before the lines not yet read."""
        self._buffer[:0] = lines

    def peek_lines(self) -> Iterator[Line]:
        """Lines looked at before the csv module starts; they are handed to it afterwards."""
        for line in self._lines:
            self._buffer.append(line)
            yield line

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._buffer:
            line = self._buffer.pop(0)
        else:
            try:
                line = next(self._lines)
            except StopIteration:
                self.ended = True
                raise
        if self.row and not line.too_long and self.width > 1 and _fields(line.text, self.delimiter) == self.width:
            self._buffer.insert(0, line)
            raise _StrayQuote
        self.row.append(line)
        self.number = line.number
        if line.too_long:
            self.too_long.append(line.number)
            return "\n"
        return line.text


def _rows(reader: Iterator[list[str]], feed: _Feed, path: str) -> Iterator[tuple[int, list[str] | Diagnostic]]:
    """Non-blank rows with the line each starts on; CSV syntax errors and overlong lines as diagnostics."""
    while True:
        start = feed.number + 1
        feed.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _StrayQuote:
            yield from _quote_as_text(feed, path)
            continue
        except csv.Error as error:
            if len(feed.row) > 1:  # a quote that swallowed the lines after it (a field over the csv module's limit)
                yield from _quote_as_text(feed, path)
                continue
            yield start, Diagnostic(path, start, f"CSV 格式错误，此行已跳过 / CSV syntax error, row skipped: {error}")
            continue
        if feed.ended and len(feed.row) > 1:  # a quoted field ran to the end of the file
            yield from _quote_as_text(feed, path)
            continue
        while feed.too_long:
            number = feed.too_long.pop(0)
            yield number, too_long(path, number)
        if any(cell.strip() for cell in row):
            yield start, row


def _quote_as_text(feed: _Feed, path: str) -> Iterator[tuple[int, list[str] | Diagnostic]]:
    """The first line of the row being read, with its quotes as text; its other lines are read again."""
    first = feed.row[0]
    feed.read_again(feed.row[1:])
    feed.number = first.number
    yield first.number, Diagnostic(path, first.number, "引号没有闭合，此行按原样读取（引号算作文字） / unclosed quote: "
                                                       "row read as it is, the quote as text", "warning")
    row = next(csv.reader([first.text], delimiter=feed.delimiter, quoting=csv.QUOTE_NONE), [])
    if any(cell.strip() for cell in row):
        yield first.number, row


def _fields(text: str, delimiter: str) -> int:
    """How many fields ``text`` has as a row of its own."""
    try:
        return len(next(csv.reader([text], delimiter=delimiter), []))
    except csv.Error:
        return 0


def _delimiter(header: str, input_format: str | None) -> str:
    if input_format == "tsv":
        return "\t"
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _columns(header: list[str], line: int, path: str, overrides: Mapping[str, str], delimiter: str) -> Columns | Diagnostic:
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        role = column_role(name)
        if role and role not in positions:
            positions[role] = position
    by_key = {header_key(name): position for position, name in enumerate(header)}
    for role, name in overrides.items():
        if header_key(name) not in by_key:
            message = f"找不到 --column {role}={name} 指定的列；表头有：{'、'.join(header)} / column {name!r} not in the header"
            return Diagnostic(path, line, message)
        positions[role] = by_key[header_key(name)]
    if "text" not in positions and _is_result_table(by_key):
        return Diagnostic(path, line, "这是 phrasecheck 的评分结果表，不是对话记录，已跳过 / "
                                      "a phrasecheck results table, not a transcript; skipped", "warning")
    if "text" not in positions:
        return Diagnostic(
            path, line,
            f"表头中没有文本列（应为 内容/文本/text 等，或用 --column text=列名 指定）；表头有：{'、'.join(header)} / "
            "no text column in the header (内容/文本/text …, or --column text=NAME); no rows read",
        )
    return Columns(positions, header, delimiter)


#: Columns of the tables phrasecheck writes (a batch's calls, a report's summaries), in either language: a table with
#: two of them and no text column is last month's results saved among the logs.
_RESULT_COLUMNS = frozenset(header_key(name) for name in (
    "得分", "等级", "评分版本", "通话数", "平均分", "中位数", "score", "grade", "scoring version", "calls", "mean", "median"))


def _is_result_table(header: Mapping[str, int]) -> bool:
    return len(_RESULT_COLUMNS & header.keys()) >= 2


def _calls(rows: Iterator[tuple[int, list[str] | Diagnostic]], columns: Columns, path: str) -> RawItems:
    """Calls of contiguous rows; one of more than :data:`~.records.MAX_TURNS` rows is reported, and its
    rows are not kept (a big file without a call id column is one such call)."""
    call: RawExchange | None = None
    call_id = ""
    overflowing = False
    recent: OrderedDict[str, int] = OrderedDict()  # the names given to the latest calls (see _name_once)
    for line, row in rows:
        if isinstance(row, Diagnostic):
            yield row
            continue
        row_id = columns.cell(row, "call_id") or (call_id if call else Path(path).name)
        if call is None or row_id != call_id:
            if call and not overflowing:
                yield call
            call_id = row_id
            call = RawExchange(call_id, path, line, columns.format or ("tsv" if columns.delimiter == "\t" else "csv"))
            _name_once(call, recent)
            overflowing = False
        if overflowing:
            continue
        for problem in _add_row(call, row, line, columns, path):
            yield problem
            if problem.level == "error":  # the row is lost: its call is scored without it
                call.warnings.append(_row_lost(path, line))
        if len(call.turns) > records.MAX_TURNS:
            overflowing = True
            call.turns.clear()
            yield too_many_turns(call, "call_id" not in columns.positions)
    if call and not overflowing:
        yield call


def _row_lost(path: str, line: int) -> Diagnostic:
    """The warning a call carries for a row of it that could not be read (a supervisor's trial: a clean call whose
    greeting row was cut failed 80 不合格 with nothing on the call to say why)."""
    return Diagnostic(path, line, f"本通的一行（文件第 {line} 行）无法读取，已跳过：评分缺少这一行的发言 / a row of this "
                                  f"call (line {line}) could not be read and was skipped: the score lacks that utterance", "warning")


def _name_once(call: RawExchange, recent: OrderedDict[str, int]) -> None:
    """Name ``call`` ``C1#2`` (``#3`` …: the next number for its id, past any name already given, so never a real
    id met before either) when a recent call had its id, with a warning that travels with it. ``recent`` holds the
    last :data:`RECENT_IDS` names given, each with the number its next return tries first (so a log that switches
    between two calls thousands of times names each return in one step)."""
    given = call.id
    if given in recent:
        number = recent[given]
        while f"{given}#{number}" in recent:
            number += 1
        recent[given] = number + 1
        call.id = f"{given}#{number}"
    recent[call.id] = recent.get(call.id, 2)
    recent.move_to_end(call.id)
    if len(recent) > RECENT_IDS:
        recent.popitem(last=False)
    if call.id != given:
        call.warnings.append(Diagnostic(
            call.source, call.line, f"通话编号“{given}”已用于前面的通话（行不相连），这些行作为另一通电话“{call.id}”评分 / "
            f"call id “{given}” is taken by an earlier call (its rows are not together): these rows are scored as another "
            f"call, “{call.id}”", "warning"))


def _add_row(call: RawExchange, row: list[str], line: int, columns: Columns, path: str) -> Iterator[Diagnostic]:
    """Add one row's turn to ``call``; yield what is wrong with the row."""
    row = yield from _fit_to_header(row, line, columns, path)
    text = columns.cell(row, "text") if row else None
    if row and text is None:
        yield Diagnostic(path, line, "文本为空，此行已跳过 / empty text; row skipped", "warning")
    if text is None:
        return
    yield from _staff_of(call, columns.cell(row, "staff_id"), line)
    call.date = call.date or columns.cell(row, "date")
    start, end = (yield from _times(row, line, columns, path))
    role, channel = columns.cell(row, "role"), columns.cell(row, "channel")
    if channel and _SERVICE_WORDS.fullmatch(channel):
        call.channel, channel = call.channel or channel, None
    call.channel = call.channel or columns.cell(row, "service")
    speaker = columns.cell(row, "speaker") or role or channel or ""
    call.turns.append(RawTurn(speaker, text, line, start, end, channel, role))


def _staff_of(call: RawExchange, staff: str | None, line: int) -> Iterator[Diagnostic]:
    """The call's staff id is its first row's; a later row naming another (a call handed on) is said, once."""
    if not call.staff_id:
        call.staff_id = staff
    elif staff and staff_key(staff) != staff_key(call.staff_id) and not call.meta.get("staff_changed"):
        call.meta["staff_changed"] = staff
        yield Diagnostic(call.source, line, f"工号在通话中由“{call.staff_id}”变为“{staff}”，整通按“{call.staff_id}”计 / the staff id "
                                            f"changes within the call from “{call.staff_id}” to “{staff}”; the call counts "
                                            f"for “{call.staff_id}”", "warning")


def _fit_to_header(row: list[str], line: int, columns: Columns, path: str) -> Iterator[Diagnostic]:
    """The row, with unquoted delimiters of the text put back (the fields before the text column are the columns before
    it, the last ones those after it: ids, times and roles hold no comma, a sentence does); None when it has no text
    field."""
    width, text_position = len(columns.names), columns.positions["text"]
    if len(row) == width:
        return row
    if text_position >= len(row):
        yield Diagnostic(path, line, _fields(len(row), width, "，缺少文本，已跳过", "; no text, row skipped"))
        return None
    if len(row) > width:
        message = _fields(len(row), width, "，多出的部分已并入文本", "; extra fields joined into the text")
        yield Diagnostic(path, line, message, "warning")
        after = len(row) - (width - text_position - 1)
        return row[:text_position] + [columns.delimiter.join(row[text_position:after])] + row[after:]
    yield Diagnostic(path, line, _fields(len(row), width), "warning")
    return row


def _fields(count: int, width: int, zh: str = "", en: str = "") -> str:
    return f"此行有 {count} 列，表头有 {width} 列{zh} / row has {count} fields, header has {width}{en}"


def _times(row: list[str], line: int, columns: Columns, path: str) -> Iterator[Diagnostic]:
    times = []
    for role in ("start", "end"):
        value = columns.cell(row, role)
        try:
            times.append(cell_ms(value, columns.names[columns.positions[role]]) if value else None)
        except ValueError:
            times.append(None)
            yield Diagnostic(path, line, f"无法识别的时间“{value}”，已忽略 / unreadable time {value!r}; ignored", "warning")
    return tuple(times)
