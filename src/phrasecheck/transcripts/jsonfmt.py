"""JSON and JSONL transcripts.

A file whose first line is a complete JSON value is JSONL and is read record by record;
otherwise it is one JSON document, read whole. A record (or document) may be one
conversation in any recognised shape, an array of them, or an object keyed by id.
In a document, each turn's line is the line its JSON object starts on.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from itertools import chain
from typing import TextIO

from ..jsontext import parse
from ..models import SCORE_SCHEMA, Diagnostic
from .asr import SHAPES, Parser
from .records import RawItems
from .shapes import Record, dialogue, is_dialogue
from .source import Line, iter_lines, read_document, too_long

#: Up to each ``{`` that opens an object, skipping strings (possessive: no backtracking).
_TO_NEXT_OBJECT = re.compile(r'(?:[^"{]++|"(?:[^"\\]++|\\.)*+")*+\{')


def read_json(stream: TextIO, path: str, force_lines: bool) -> RawItems:
    """Conversations in a JSON document or a JSONL file (JSONL always when ``force_lines``)."""
    lines = iter_lines(stream)
    first = next((line for line in lines if line.too_long or line.text.strip()), None)
    if first is None:
        return
    value = _NOT_JSON if first.too_long else _parsed(first.text)
    if _is_result(value):
        yield _result_skipped(path, first.number)
        return
    if value is not _NOT_JSON:  # JSONL, and its first record is already read
        yield from _line_exchanges(value, path, first.number)
        yield from _read_records(lines, path)
        return
    if force_lines:
        yield from _read_records(chain([first], lines), path)  # the first line's problem, then the rest
        return
    stream.seek(0)
    text = read_document(stream, path)
    if isinstance(text, Diagnostic):
        yield text
        return
    yield from _read_document(text, path)


#: What :func:`_parsed` gives for text that is not JSON.
_NOT_JSON = object()


def _parsed(text: str) -> object:
    try:
        return parse(text)
    except (ValueError, RecursionError):
        return _NOT_JSON


def _is_result(value: object) -> bool:
    """A phrasecheck result (a score-v1 document, or a scored exchange as batch writes them to JSONL)."""
    return isinstance(value, dict) and (value.get("schema") == SCORE_SCHEMA
                                        or {"turns", "findings", "breakdown", "grade"} <= value.keys())


def _result_skipped(path: str, line: int) -> Diagnostic:
    return Diagnostic(path, line, "这是 phrasecheck 的评分结果，不是对话记录，已跳过 / "
                                  "a phrasecheck result, not a transcript; skipped", "warning")


def _read_records(lines: Iterable[Line], path: str) -> RawItems:
    for line in lines:
        if line.too_long:
            yield too_long(path, line.number)
            continue
        if not line.text.strip():
            continue
        value = _loads(line.text, path, line.number)
        if isinstance(value, Diagnostic):
            yield value
            continue
        yield from _line_exchanges(value, path, line.number)


def _line_exchanges(value: object, path: str, number: int) -> RawItems:
    """The conversations in the JSONL record on line ``number``."""
    return _exchanges_in(value, Record(path, number, f"{os.path.basename(path)}:{number}"))


def _read_document(text: str, path: str) -> RawItems:
    value = _loads(text, path, 1)
    if isinstance(value, Diagnostic):
        yield value
        return
    if _is_result(value):
        yield _result_skipped(path, 1)
        return
    positions = _object_positions(text, value)
    yield from _exchanges_in(value, Record(path, positions.get(id(value), 1), os.path.basename(path), positions))


def _loads(text: str, path: str, line: int) -> object | Diagnostic:
    try:
        return parse(text)
    except json.JSONDecodeError as error:
        where, said = line + error.lineno - 1, error.msg.removesuffix(" starting at")   # Unterminated string starting at
        return Diagnostic(path, where, f"JSON 不完整或有语法错误（第 {error.colno} 列）：{said} / "
                                       f"invalid or truncated JSON at column {error.colno}: {said}")
    except RecursionError:
        return Diagnostic(path, line, "JSON 嵌套过深 / JSON nested too deeply")


def _exchanges_in(value: object, record: Record) -> RawItems:
    """The conversations in one record: a conversation, an array of them, or an object keyed by id."""
    if isinstance(value, list):
        for number, item in enumerate(value, 1):
            item_record = Record(record.path, record.line_of(item), f"{record.default_id}#{number}", record.positions)
            yield from _conversation(item, item_record)
    elif _keyed_by_id(value):
        for key, item in value.items():
            yield from _conversation(item, Record(record.path, record.line_of(item), key, record.positions))
    else:
        yield from _conversation(value, record)


def _keyed_by_id(value: object) -> bool:
    """An object of conversations keyed by their id, as CrossWOZ ships them."""
    return (isinstance(value, dict) and bool(value) and not _parser(value)
            and all(isinstance(item, dict) and _parser(item) for item in value.values()))


def _conversation(value: object, record: Record) -> RawItems:
    parser = _parser(value) if isinstance(value, dict) else None
    if parser:
        yield from parser(value, record)
        return
    keys = ", ".join(list(value)[:8]) if isinstance(value, dict) else type(value).__name__
    yield Diagnostic(record.path, record.line,
                     f"无法识别的 JSON 结构（{keys}），见 docs/transcript-formats.md / unrecognised JSON shape ({keys})")


def _parser(value: dict) -> Parser | None:
    if is_dialogue(value):
        return dialogue
    return next((parser for test, parser in SHAPES if test(value)), None)


def _object_positions(text: str, value: object) -> dict[int, int]:
    """Map ``id()`` of every object in ``value`` to the line its ``{`` is on; empty if they do not line up."""
    lines, line, position = [], 1, 0
    while found := _TO_NEXT_OBJECT.match(text, position):
        line += text.count("\n", position, found.end())
        position = found.end()
        lines.append(line)
    positions: dict[int, int] = {}
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if len(positions) == len(lines):
                return {}
            positions[id(item)] = lines[len(positions)]
            stack.extend(reversed(item.values()))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return positions if len(positions) == len(lines) else {}
