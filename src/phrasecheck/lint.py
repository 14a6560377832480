"""Staff self-check of drafts: the whole text is the staff's own words, read and matched line by line.

A draft is streamed: lines are matched in blocks of about :data:`BLOCK_CHARS` characters (each
line on its own: no phrase crosses a line break), so time and memory grow with the file, and a
file of any size is checked in the same memory. Big inputs are matched on all cores.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter

from .matching import Matcher
from .models import Diagnostic, Finding, constructor_arguments, pickled_as_arguments
from .office import docx_stream, is_docx
from .parallel import default_workers, ordered_map
from .suppress import Suppressions
from .textio import STDIN, InputError, display_path, open_text, os_reason
from .transcripts.labelled import resident_labels
from .transcripts.options import ReadOptions
from .transcripts.roles import role_table

#: Characters of lines matched at once (joined with a barrier no phrase crosses).
BLOCK_CHARS = 1 << 16
#: Longest line matched: matching a line takes memory in proportion to it (about 200 MB for this
#: many characters). A longer line is reported and skipped.
MAX_LINE_CHARS = 1 << 20
#: A long line is cut after the last clause mark (or space) in this many characters at the end of a piece, so that
#: no phrase is cut in two; a line without any there (speech recognition's) is cut at the piece's end.
CUT_REACH = 4096
_CUT_MARKS = "。！？；，、!?;, \t"
#: Bytes of drafts from which they are checked on all cores.
PARALLEL_FROM = 2 << 20
#: Lines of a draft file read for speakers' labels (a transcript given to ``check`` for a draft).
TRANSCRIPT_SNIFF_LINES = 20
_REPLACEMENT = "\ufffd"


# Not frozen, never changed: a frozen one is five times slower to make (a big draft has tens of thousands).
@pickled_as_arguments
@dataclass(slots=True, unsafe_hash=True)
class LocatedFinding:
    """A finding (its offsets within its line) with its 1-based line and column (in characters),
    and where its line starts in the checked file."""

    path: str
    line: int
    column: int
    finding: Finding
    line_offset: int = 0

    @property
    def start(self) -> int:
        """The finding's offset in the file, in characters."""
        return self.line_offset + self.finding.start

    @property
    def end(self) -> int:
        return self.line_offset + self.finding.end


@dataclass(slots=True)
class LintResult:
    """Everything ``phrasecheck check`` found in a set of drafts: findings, and the problems met — files that
    could not be read (``level`` ``error``) and warnings (a directive that hid nothing, characters replaced)."""

    findings: list[LocatedFinding] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def warnings(self) -> list[Diagnostic]:
        """The problems that are warnings (``check --format json`` lists them apart, as ``warnings``)."""
        return [problem for problem in self.errors if problem.level == "warning"]


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Piece:
    """The continuation of a line longer than :data:`MAX_LINE_CHARS`, from ``column`` (0-based) of its line on."""

    text: str
    column: int


@pickled_as_arguments
@dataclass(slots=True)
class Block:
    """Consecutive lines of one file (each with its ending), matched together: the first one's
    number and where it starts in the file. A line longer than :data:`MAX_LINE_CHARS` comes as its
    first piece and :class:`Piece` s after it."""

    path: str
    first_line: int
    offset: int
    lines: list[str | Piece]
    #: Characters of its lines, as counted while it was gathered.
    size: int = 0


def lint_text(matcher: Matcher, text: str, path: str, directives: bool = True) -> list[LocatedFinding | Diagnostic]:
    """Findings in one draft held in memory, located by line and column, offsets into ``text``; those its
    directives suppress are left out (``directives=False``: none is), and a warning for each that hid nothing."""
    return list(lint_stream(matcher, io.StringIO(text, newline=""), path, directives))


def lint_stream(matcher: Matcher, stream: Iterable[str], path: str, directives: bool = True
                ) -> Iterator[LocatedFinding | Diagnostic]:
    """Findings in the lines of ``stream`` (each with its ending), then warnings for suppressions that hid nothing."""
    suppressions = Suppressions(path)
    lines = suppressions.watch(enumerate(stream, 1)) if directives else stream
    for block in blocks(lines, path):
        yield from unsuppressed(match_block(matcher, block), suppressions)
    yield from suppressions.unused()


def lint_files(matcher: Matcher, paths: Iterable[str | os.PathLike], workers: int = 1, directives: bool = True
               ) -> Iterator[LocatedFinding | Diagnostic]:
    """Findings in each draft file (``-``: standard input), in order, and the problems met (never raised):
    errors, and warnings (a suppression that hid nothing); ``directives=False`` ignores the files' directives.

    Files are read as streams and matched block by block; with ``workers`` > 1 the blocks are
    matched in worker processes while this one reads and reports (the blocks of short files are
    handed over together, :data:`BLOCK_CHARS` characters at a time). Each file's suppressions are
    read here, as its lines go by, and applied here to what comes back.
    """
    items = (item for path in paths for item in file_blocks(path))
    suppressions = None
    for result in ordered_map(match_blocks, matcher, items, workers, passes=(Diagnostic, Suppressions),
                              weight=attrgetter("size"), parcel=BLOCK_CHARS, together=True):
        if isinstance(result, Suppressions):
            if suppressions:
                yield from suppressions.unused()
            suppressions = result if directives else Suppressions(result.path)
        elif isinstance(result, Diagnostic):
            yield result
        else:
            yield from unsuppressed(result, suppressions)
    if suppressions:
        yield from suppressions.unused()


def transcripts_among(paths: Iterable[str | os.PathLike], options: ReadOptions) -> Iterator[Diagnostic]:
    """A warning for each draft file whose first lines label the people served (来电人：, 居民：): ``check`` reads
    every line as the staff's own words, so theirs would be flagged as the staff's; ``score`` reads a conversation."""
    table = role_table(options)
    for path in paths:
        if str(path) == STDIN or not os.path.isfile(path):
            continue
        try:
            with docx_stream(path) if is_docx(path) else open_text(path) as stream:
                labels = resident_labels(islice(stream, TRANSCRIPT_SNIFF_LINES), table)
        except (InputError, OSError, UnicodeError):
            continue   # reported when the file is checked
        if labels:
            yield Diagnostic(display_path(path), 0, f"文件像是对话记录（“{labels[0]}：”）：check 把每一行都当作工作人员的话；给对话评分请用 "
                                                    f"phrasecheck score / looks like a transcript (“{labels[0]}:”): check reads every "
                                                    "line as the staff's own words; to score the conversation, use phrasecheck score",
                             "warning")


def unsuppressed(found: list[LocatedFinding], suppressions: Suppressions) -> Iterator[LocatedFinding]:
    """The findings no directive turns off."""
    return (located for located in found if not suppressions.hides(located.line, located.finding.rule))


def workers_for(paths: Iterable[str | os.PathLike]) -> int:
    """All cores for drafts of :data:`PARALLEL_FROM` bytes or more in all (a worker costs about as
    much to start as a short draft takes to check); one otherwise. Standard input counts its size when it is a file
    (``check - < big.txt``), nothing when it is a pipe (its size is not known before it is read)."""
    total = 0
    for path in paths:
        try:
            total += _stdin_size() if str(path) == STDIN else os.stat(path).st_size
        except OSError:
            continue
    return default_workers() if total >= PARALLEL_FROM else 1


def _stdin_size() -> int:
    """The size of standard input when it is a regular file, else 0."""
    found = os.fstat(sys.stdin.fileno())
    return found.st_size if stat.S_ISREG(found.st_mode) else 0


def file_blocks(path: str | os.PathLike) -> Iterator[Block | Diagnostic]:
    """The blocks of one draft file, read as a stream, then what was wrong with it."""
    name = "<stdin>" if str(path) == STDIN else display_path(path)
    try:
        stream = docx_stream(path) if is_docx(path) else open_text(path)
    except InputError as error:
        yield error.diagnostic
        return
    problems, suppressions = _Problems(name), Suppressions(name)
    yield suppressions
    with stream:
        try:
            lines = problems.watch(_pieces(stream))
            yield from blocks(suppressions.watch(lines), name)
        except OSError as error:
            problems.found.append(Diagnostic(name, 0, f"读取中断 / read failed: {os_reason(error)}"))
    yield from problems.report()


def blocks(lines: Iterable[str | Piece], path: str) -> Iterator[Block]:
    """Lines (each with its ending; a long one in pieces) gathered into blocks of about :data:`BLOCK_CHARS` characters."""
    block: list[str | Piece] = []
    first_line, offset, size = 1, 0, 0
    for line in lines:
        block.append(line)
        size += len(line) if isinstance(line, str) else len(line.text)
        if size >= BLOCK_CHARS:
            yield Block(path, first_line, offset, block, size)
            first_line += sum(1 for entry in block if isinstance(entry, str))
            offset, size, block = offset + size, 0, []
    if block:
        yield Block(path, first_line, offset, block, size)


def match_block(matcher: Matcher, block: Block) -> list[LocatedFinding]:
    """The findings of a block's lines, each line matched on its own (no phrase crosses a line break)."""
    return match_blocks(matcher, [block])[0]


def match_blocks(matcher: Matcher, blocks: list[Block]) -> list[list[LocatedFinding]]:
    """The findings of each block, the lines of all matched at once: the blocks of many short files
    then cost what one long file's do (each stage of matching reads its tables once for them all)."""
    texts = [text for block in blocks for _, _, text in numbered_lines(block)]
    matched = iter(matcher.find_many(texts))
    return [_located(block, matched) for block in blocks]


class _BlockFindings(list):
    """A block's findings, pickled as rows of plain values: a worker sends tens of thousands back, and rows cost a
    third of the time of the objects to pickle."""

    __slots__ = ()

    def __reduce__(self):
        return _from_rows, ([(located.path, located.line, located.column, located.line_offset,
                               *_FINDING_ARGUMENTS(located.finding)) for located in self],)


_FINDING_ARGUMENTS = constructor_arguments(Finding)


def _from_rows(rows: list[tuple]) -> list[LocatedFinding]:
    return [LocatedFinding(path, line, column, Finding(*finding), offset) for path, line, column, offset, *finding in rows]


def _located(block: Block, matched: Iterator[list[Finding]]) -> list[LocatedFinding]:
    """The findings of a block's lines, taken in order from ``matched``; a piece's at its own columns."""
    found = _BlockFindings()
    offset = block.offset
    for number, column, text in numbered_lines(block):
        for finding in next(matched):
            found.append(LocatedFinding(block.path, number, column + finding.start + 1, finding, offset))
        offset += len(text)
    return found


def numbered_lines(block: Block) -> Iterator[tuple[int, int, str]]:
    """Each line (or piece of a long line) of ``block``: its 1-based line number, the 0-based column it starts at, its text."""
    number = block.first_line - 1
    for line in block.lines:
        if isinstance(line, str):
            number += 1
            yield number, 0, line
        else:
            yield number, line.column, line.text


def _pieces(stream: IO[str]) -> Iterator[tuple[int, str | Piece]]:
    """The lines of ``stream`` (each with its ending), numbered; a line longer than :data:`MAX_LINE_CHARS` as pieces
    of at most that many characters (never holding more of it at once), cut after a clause mark near a piece's end."""
    number, pending, column = 0, "", None   # column: where the next piece starts in its line (None: a new line)
    while (chunk := stream.readline(MAX_LINE_CHARS - len(pending))) or pending:
        text = pending + chunk
        ends = text.endswith(("\n", "\r")) or len(text) < MAX_LINE_CHARS  # the line (or its last piece) is complete
        cut = len(text) if ends else _cut(text)
        text, pending = text[:cut], text[cut:]
        if column is None:
            number += 1
        yield number, (text if column is None else Piece(text, column))
        column = None if ends else (column or 0) + cut


def _cut(text: str) -> int:
    """Where to end a piece of a long line: after its last clause mark near the end, else at its end."""
    low = max(0, len(text) - CUT_REACH)
    last = max(text.rfind(mark, low) for mark in _CUT_MARKS)
    return last + 1 if last >= 0 else len(text)


class _Problems:
    """What is wrong with a file's lines, noted while they stream by: undecodable bytes (one error for the
    file, at the first such line), and no line at all (a warning: an empty draft checks clean, and says so)."""

    def __init__(self, path: str):
        self.path = path
        self.found: list[Diagnostic] = []
        self.undecodable: list[int] = []
        self.lines = 0

    def watch(self, lines: Iterable[tuple[int, str | Piece]]) -> Iterator[tuple[int, str | Piece]]:
        for number, line in lines:
            if _REPLACEMENT in (line if isinstance(line, str) else line.text) and number not in self.undecodable[-1:]:
                self.undecodable.append(number)  # a long line's pieces are one line
            self.lines = number
            yield number, line

    def report(self) -> list[Diagnostic]:
        if not self.lines:
            self.found.append(Diagnostic(self.path, 0, "文件为空 / empty file", "warning"))
        if self.undecodable:
            count = len(self.undecodable)
            self.found.append(Diagnostic(self.path, self.undecodable[0],
                                         f"含无法解码的字节（已替换为 �），共 {count} 行 / undecodable bytes "
                                         f"(replaced by �) on {count} line(s), the first here"))
        return self.found
