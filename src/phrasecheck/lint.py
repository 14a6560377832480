"""Staff self-check of drafts: the whole text is the staff's own words, read and matched line by line.

A draft is streamed: lines are matched in blocks of about :data:`BLOCK_CHARS` characters (each
line on its own: no phrase crosses a line break), so time and memory grow with the file, and a
file of any size is checked in the same memory.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .matching import Matcher
from .models import Diagnostic, Finding, severity_rank
from .textio import STDIN, InputError, display_path, open_text
from .transcripts.source import iter_lines, too_long

#: Characters of lines matched at once (joined with a barrier no phrase crosses).
BLOCK_CHARS = 1 << 16
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
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
    """Everything ``phrasecheck check`` found in a set of drafts."""

    findings: list[LocatedFinding] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    def worst_severity(self) -> int:
        """Rank of the most severe prohibited finding (0 when none)."""
        return max((severity_rank(f.finding.severity) for f in self.findings
                    if f.finding.kind == "prohibited"), default=0)


def lint_text(matcher: Matcher, text: str, path: str) -> list[LocatedFinding]:
    """Findings in one draft held in memory, located by line and column, offsets into ``text``."""
    return list(lint_lines(matcher, io.StringIO(text, newline=""), path))


def lint_lines(matcher: Matcher, lines: Iterable[str], path: str) -> Iterator[LocatedFinding]:
    """Findings in a draft given line by line (each line with its ending), in order;
    offsets count characters from the start of the first line."""
    block: list[str] = []
    first_line, offset, size = 1, 0, 0
    for line in lines:
        block.append(line)
        size += len(line)
        if size >= BLOCK_CHARS:
            yield from _block_findings(matcher, block, path, first_line, offset)
            first_line, offset, size, block = first_line + len(block), offset + size, 0, []
    if block:
        yield from _block_findings(matcher, block, path, first_line, offset)


def lint_file(matcher: Matcher, path: str | os.PathLike) -> Iterator[LocatedFinding | Diagnostic]:
    """Findings in one draft file (``-``: standard input), streamed; problems come as diagnostics, never raised."""
    name = "<stdin>" if str(path) == STDIN else display_path(path)
    try:
        stream = open_text(path)
    except InputError as error:
        yield error.diagnostic
        return
    problems = _Problems(name)
    with stream:
        try:
            yield from lint_lines(matcher, problems.watch(iter_lines(stream, keep_ends=True)), name)
        except OSError as error:
            problems.found.append(Diagnostic(name, 0, f"读取中断 / read failed: {error.strerror or error}"))
    yield from problems.report()


def lint_paths(matcher: Matcher, paths: Iterable[str]) -> LintResult:
    """Check every path (``-`` for standard input); an unreadable file is an error, not a stop."""
    result = LintResult()
    for path in paths:
        for item in lint_file(matcher, path):
            (result.errors if isinstance(item, Diagnostic) else result.findings).append(item)
    return result


def _block_findings(matcher: Matcher, block: list[str], path: str, first_line: int,
                    offset: int) -> Iterator[LocatedFinding]:
    for number, (line, found) in enumerate(zip(block, matcher.find_many(block)), first_line):
        for finding in found:
            yield LocatedFinding(path, number, finding.start + 1, finding, offset)
        offset += len(line)


class _Problems:
    """What is wrong with a file's lines, noted while they stream by: lines too long to read,
    and undecodable bytes (one error for the file, at the first such line)."""

    def __init__(self, path: str):
        self.path = path
        self.found: list[Diagnostic] = []
        self.undecodable: list[int] = []

    def watch(self, lines: Iterable) -> Iterator[str]:
        for line in lines:
            if line.too_long:
                self.found.append(too_long(self.path, line.number))
            elif _REPLACEMENT in line.text:
                self.undecodable.append(line.number)
            yield line.text

    def report(self) -> list[Diagnostic]:
        if self.undecodable:
            count = len(self.undecodable)
            self.found.append(Diagnostic(self.path, self.undecodable[0],
                                         f"含无法解码的字节（已替换为 �），共 {count} 行 / undecodable bytes "
                                         f"(replaced by �) on {count} line(s), the first here"))
        return self.found
