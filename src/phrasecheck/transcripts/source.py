"""Reading a decoded text stream: line by line with a length cap, or whole with a size cap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from ..models import Diagnostic

#: Longest line (one JSONL record, one CSV row) read; longer lines are reported and skipped.
MAX_LINE_CHARS = 1 << 24
#: Largest file read whole (labelled text, subtitles, one JSON document).
MAX_DOCUMENT_CHARS = 1 << 26
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to make, and one per line read
class Line:
    """A 1-based line number and the line's text (with its ending when asked for)."""

    number: int
    text: str
    too_long: bool = False


def iter_lines(stream: TextIO, keep_ends: bool = False) -> Iterator[Line]:
    """Lines of ``stream``, never holding more than :data:`MAX_LINE_CHARS` of one line in memory."""
    number = 0
    while chunk := stream.readline(MAX_LINE_CHARS):
        number += 1
        if len(chunk) < MAX_LINE_CHARS or chunk.endswith(("\n", "\r")):
            yield Line(number, chunk if keep_ends else chunk.rstrip("\r\n"))
        else:
            _skip_rest_of_line(stream)
            yield Line(number, "", too_long=True)


def too_long(path: str, line: int) -> Diagnostic:
    """The error for a line longer than :data:`MAX_LINE_CHARS`."""
    return Diagnostic(path, line, f"行过长（超过 {MAX_LINE_CHARS} 个字符），已跳过 / line longer than {MAX_LINE_CHARS} characters; skipped")


def read_document(stream: TextIO, path: str) -> str | Diagnostic:
    """The whole text of ``stream``, or an error when it is too large to hold at once."""
    text = stream.read(MAX_DOCUMENT_CHARS + 1)
    if len(text) > MAX_DOCUMENT_CHARS:
        return Diagnostic(
            path, 0,
            f"文件过大（超过 {MAX_DOCUMENT_CHARS} 个字符），此格式需整体读入；请拆分或改用 JSONL/CSV / "
            f"file too large (over {MAX_DOCUMENT_CHARS} characters) for a format read whole; split it or use JSONL/CSV",
        )
    return text


def split_lines(text: str) -> Iterator[Line]:
    """Numbered lines of a text, split on any line ending (CRLF, LF, CR)."""
    number, start = 1, 0
    for found in _NEWLINE.finditer(text):
        yield Line(number, text[start:found.start()])
        number, start = number + 1, found.end()
    yield Line(number, text[start:])


def _skip_rest_of_line(stream: TextIO) -> None:
    while chunk := stream.readline(MAX_LINE_CHARS):
        if chunk.endswith(("\n", "\r")):
            return
