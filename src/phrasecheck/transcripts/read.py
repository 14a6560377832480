"""Reading transcripts: open, detect the format, read, decide roles, report problems."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import TextIO

from ..models import Diagnostic, Exchange
from ..office import is_xlsx, sheet_rows
from ..textio import STDIN, InputError, display_path, open_text, os_reason
from .dates import iso_date
from .detect import SNIFF_CHARS, detect_format, misnamed
from .asr import tencent_text
from .jsonfmt import read_json
from .labelled import read_labelled, split_labelled_cells
from .options import ReadOptions
from . import records
from .records import HUNG_UP, MASKED, NOTE, SPEECH_FORMATS, RawExchange, RawItems, too_many_turns
from .roles import RoleTable, assign_roles, role_table
from .source import iter_lines, read_document, split_lines
from .subtitles import read_subtitles
from .tabular import read_call_log, read_sheet, staff_key


def iter_exchanges(path: str | os.PathLike, options: ReadOptions | None = None,
                   on_open: Callable[[TextIO], None] | None = None) -> Iterator[Exchange | Diagnostic]:
    """Conversations in a transcript file (``-`` for standard input), each as soon as it is read.

    Problems come as :class:`Diagnostic` items in reading order; bad content never raises.
    JSONL and CSV/TSV are read record by record, so memory does not grow with the file.
    ``on_open`` is given the text stream once the file is open (a progress bar follows its bytes).
    """
    name = "<stdin>" if str(path) == STDIN else display_path(path)
    if is_xlsx(path):
        yield from iter_workbook_exchanges(path, name, options or ReadOptions())
        return
    try:
        stream = open_text(path)
    except InputError as error:
        yield error.diagnostic
        return
    if on_open:
        on_open(stream)
    with stream:
        yield from _read(stream, name, options or ReadOptions())


def read_exchanges(path: str | os.PathLike, options: ReadOptions | None = None) -> tuple[list[Exchange], list[Diagnostic]]:
    """All conversations in a file and all problems found (see :func:`iter_exchanges`)."""
    return _collect(iter_exchanges(path, options))


def read_text_exchange(
    text: str, name: str = "<stdin>", options: ReadOptions | None = None
) -> tuple[list[Exchange], list[Diagnostic]]:
    """Conversations in an already decoded text; ``name`` is used for messages and format detection."""
    return _collect(iter_text_exchanges(text, name, options))


def iter_text_exchanges(text: str, name: str = "<text>", options: ReadOptions | None = None) -> Iterator[Exchange | Diagnostic]:
    """:func:`iter_exchanges` of an already decoded text."""
    stream = io.StringIO(text.removeprefix("\ufeff"), newline="")
    return _read(stream, name, options or ReadOptions())


def _collect(items: Iterator[Exchange | Diagnostic]) -> tuple[list[Exchange], list[Diagnostic]]:
    exchanges, diagnostics = [], []
    for item in items:
        (diagnostics if isinstance(item, Diagnostic) else exchanges).append(item)
    return exchanges, diagnostics


def _read(stream: TextIO, path: str, options: ReadOptions) -> Iterator[Exchange | Diagnostic]:
    table = role_table(options)
    try:
        head = stream.read(SNIFF_CHARS)
        if not head.strip() and len(head) < SNIFF_CHARS:
            yield Diagnostic(path, 0, "文件为空 / empty file", "warning")
            return
        stream.seek(0)
        actual = None if options.input_format else misnamed(path, head)
        input_format = options.input_format or actual or detect_format(path, head)
        if actual:
            yield Diagnostic(path, 0, f"扩展名与内容不符：内容是 {input_format} 格式，已按其读取 / the extension does not fit the "
                                      f"content: read as {input_format}, which it is", "warning")
        for item in _reader(input_format, stream, path, options, table):
            if isinstance(item, Diagnostic):
                yield item
            else:
                yield from finish_exchange(item, table, options)
    except OSError as error:
        yield Diagnostic(path, 0, f"读取中断 / read failed: {os_reason(error)}")


def iter_workbook_exchanges(path: str | os.PathLike, name: str, options: ReadOptions) -> Iterator[Exchange | Diagnostic]:
    """Calls in an .xlsx call log (its first worksheet), named ``name`` in what is reported; an
    unreadable workbook is an error naming it."""
    table = role_table(options)
    try:
        for item in read_sheet(sheet_rows(path), name, options.columns):
            if isinstance(item, Diagnostic):
                yield item
            else:
                yield from finish_exchange(item, table, options)
    except InputError as error:
        yield Diagnostic(name, error.diagnostic.line, error.diagnostic.message)


def _reader(input_format: str, stream: TextIO, path: str, options: ReadOptions, table: RoleTable) -> RawItems:
    if input_format in ("csv", "tsv"):
        return read_call_log(iter_lines(stream, keep_ends=True), path, input_format, options.columns)
    if input_format in ("json", "jsonl"):
        return read_json(stream, path, force_lines=input_format == "jsonl")
    return _read_whole(input_format, stream, path, table, options.staff_speaker)


def _read_whole(input_format: str, stream: TextIO, path: str, table: RoleTable, speakers: tuple[str, ...]) -> RawItems:
    text = read_document(stream, path)
    if isinstance(text, Diagnostic):
        yield text
    elif input_format in ("srt", "vtt"):
        yield from read_subtitles(split_lines(text), path, table, input_format == "vtt", speakers)
    elif input_format == "tencent-text":
        yield from tencent_text(text, path, table, speakers)
    else:
        yield from read_labelled(split_lines(text), path, table, speakers)




def _dated(raw: RawExchange, from_name: str | None) -> Iterator[Diagnostic]:
    """Give ``raw`` its date as ISO ``YYYY-MM-DD`` (the file's own, else the file name's) and say where
    it came from in ``meta["date_from"]``; a date that cannot be read is a warning, not a guess: with no
    other, the call has no date, and ``date_from`` is ``unreadable`` (no other date, such as the file's
    time, stands in for one the log gave)."""
    for written, where in ((raw.date, "content"), (from_name, "file_name")):
        if not written:
            continue
        date = iso_date(written)
        if date:
            raw.date = date
            raw.meta["date_from"] = where
            return
        yield Diagnostic(raw.source, raw.line, f"无法识别的日期“{written}”，未采用 / unreadable date “{written}” not used", "warning")
        raw.meta["date_from"] = "unreadable"
    raw.date = None


def finish_exchange(raw: RawExchange, table: RoleTable, options: ReadOptions) -> Iterator[Exchange | Diagnostic]:
    """Report undecodable text, fill in what the file name says, decide roles: a conversation as read
    (by a reader here, or from a Spark row) becomes an :class:`Exchange`, or problems only. A line that is
    only a bracketed note about the call (（电话保持约三分钟）, 【静音】) is no utterance, whoever it is labelled as (a chat's
    ？？？ is one); one after the last words saying the caller hung up (（对方已挂机）) is kept as ``meta["ended_by"]``; words
    a speech-recognition service masked (你**有病吧) are a warning: what they hid cannot be checked."""
    notes = [NOTE.fullmatch(turn.text.strip()) is not None for turn in raw.turns]
    last_said = max((index for index, note in enumerate(notes) if not note), default=-1)
    if last_said >= 0 and any(HUNG_UP.search(turn.text) for turn in raw.turns[last_said + 1:]):
        raw.meta["ended_by"] = "caller"
    raw.turns = [turn for turn, note in zip(raw.turns, notes) if not note]
    if not raw.turns:
        yield Diagnostic(raw.source, raw.line, f"“{raw.id}”没有可读的发言 / “{raw.id}” has no readable utterances", "warning")
        return
    if long := next((turn for turn in raw.turns if len(turn.text) > records.MAX_TURN_CHARS), None):
        yield Diagnostic(raw.source, long.line, f"发言过长（超过 {records.MAX_TURN_CHARS} 个字符），“{raw.id}”未读取 / "
                                                f"utterance longer than {records.MAX_TURN_CHARS} characters; “{raw.id}” not read")
        return
    yield from split_labelled_cells(raw, table)
    if len(raw.turns) > records.MAX_TURNS:
        yield too_many_turns(raw)
        return
    for turn in raw.turns:
        if "\ufffd" in turn.text:
            yield Diagnostic(raw.source, turn.line, "含无法解码的字节（已替换为 �） / undecodable bytes (replaced by �)")
    from_name = options.staff_match(os.path.basename(raw.source))
    raw.staff_id = staff_key(raw.staff_id or from_name.get("staff") or "") or None
    raw.channel = raw.channel or from_name.get("channel")
    yield from _dated(raw, from_name.get("date"))
    if warning := records.too_long_for_one(raw):
        raw.warnings.append(warning)
    masked = next((turn for turn in raw.turns if MASKED.search(turn.text)), None) if raw.format in SPEECH_FORMATS else None
    if masked:
        raw.warnings.append(Diagnostic(raw.source, masked.line, "文本中有被屏蔽的字（**）：识别服务可能过滤了脏话，禁语因此可能漏检；请导出"
                                                                "未过滤的结果 / masked characters (**): the recognition service may have "
                                                                "filtered swearing, which then cannot be found; export unfiltered results",
                                       "warning"))
    yield assign_roles(raw, table, options)
