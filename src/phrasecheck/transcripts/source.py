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
    #: The characters of a line too long to read (its ending included), left out of ``text``.
    skipped: int = 0


def iter_lines(stream: TextIO, keep_ends: bool = False, limit: int | None = None) -> Iterator[Line]:
    """Lines of ``stream``, never holding more than ``limit`` (default :data:`MAX_LINE_CHARS`) characters
    of one line in memory."""
    limit = limit or MAX_LINE_CHARS
    number = 0
    while chunk := stream.readline(limit):
        number += 1
        if len(chunk) < limit or chunk.endswith(("\n", "\r")):
            yield Line(number, chunk if keep_ends else chunk.rstrip("\r\n"))
        else:
            yield Line(number, "", too_long=True, skipped=len(chunk) + _skip_rest_of_line(stream, limit))


def too_long(path: str, line: int, limit: int | None = None) -> Diagnostic:
    """The error for a line longer than ``limit`` (default :data:`MAX_LINE_CHARS`) characters."""
    limit = limit or MAX_LINE_CHARS
    return Diagnostic(path, line, f"行过长（超过 {limit} 个字符），已跳过 / line longer than {limit} characters; skipped")


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


def _skip_rest_of_line(stream: TextIO, limit: int) -> int:
    """Read past the end of the line; how many characters that was."""
    skipped = 0
    while chunk := stream.readline(limit):
        skipped += len(chunk)
        if chunk.endswith(("\n", "\r")):
            break
    return skipped
