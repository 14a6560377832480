"""Staff self-check of drafts: the whole text is the staff's own words."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .matching import Matcher
from .models import Diagnostic, Finding, severity_rank
from .textio import InputError, read_text


@dataclass(frozen=True, slots=True)
class LocatedFinding:
    """A finding with its 1-based line and column (in characters) in the checked file."""

    path: str
    line: int
    column: int
    finding: Finding


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
    """Findings in one draft, located by line and column."""
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    located = []
    for finding in matcher.find(text):
        line = bisect_right(line_starts, finding.start)
        located.append(LocatedFinding(path, line, finding.start - line_starts[line - 1] + 1, finding))
    return located


def lint_paths(matcher: Matcher, paths: Iterable[str]) -> LintResult:
    """Check every path (``-`` for standard input); an unreadable file is an error, not a stop."""
    result = LintResult()
    for path, outcome in _read_all(paths):
        if isinstance(outcome, Diagnostic):
            result.errors.append(outcome)
        else:
            result.findings += lint_text(matcher, outcome, path)
    return result


def _read_all(paths: Iterable[str]) -> Iterator[tuple[str, str | Diagnostic]]:
    for path in paths:
        try:
            decoded = read_text(path)
        except InputError as error:
            yield path, error.diagnostic
            continue
        yield decoded.path, decoded.text
