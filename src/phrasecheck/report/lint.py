"""Output of ``phrasecheck check``, written as findings arrive: lint-style lines, one JSON object,
SARIF 2.1.0 (code-scanning tools), or GitHub Actions workflow commands (annotations on a pull request)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import BinaryIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..fixer import finding_fix
from ..i18n import tr
from ..jsontext import compact
from ..lint import LocatedFinding
from ..models import Diagnostic
from ..scoring.catalogue import Catalogue

_STYLE = {"low": "yellow", "medium": "dark_orange", "high": "red", "critical": "bold red", "info": "green"}


class Tally:
    """What a check has reported so far: findings by kind, files with findings, errors."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.files: set[str] = set()
        self.errors = self.warnings = 0

    def add(self, located: LocatedFinding) -> None:
        self.kinds[located.finding.kind] += 1
        self.files.add(located.path)

    def summary(self, lang: str) -> str:
        prohibited, courtesy, files = self.kinds["prohibited"], self.kinds["courtesy"], len(self.files)
        informal = self.kinds["informal"]
        if lang == "en":   # no "in 0 files" when nothing was found: it read as if no file had been checked
            return (f"{prohibited} prohibited, {informal} informal, {courtesy} courtesy" + (f" in {files} file(s)" if files else "")
                    + f"; {self.errors} error(s)" + (f", {self.warnings} warning(s)" if self.warnings else ""))
        return (f"禁用语 {prohibited} 处，不当用语 {informal} 处，文明用语 {courtesy} 处" + (f"（见于 {files} 个文件）" if files else "")
                + f"；错误 {self.errors} 个" + (f"，警告 {self.warnings} 个" if self.warnings else ""))


class TextReport:
    """One rich-markup line per finding as it is found, errors at once, a summary line at the end."""

    def __init__(self, console: Console, words: Catalogue, lang: str = "zh", courtesy: bool = False,
                 plain: Callable[[str], None] | None = None):
        self.console, self.words, self.lang, self.courtesy = console, words, lang, courtesy
        #: Where a finding's line goes as plain text (not to a terminal: no styles to draw), instead of through the
        #: console's rendering, which costs as much as finding it when every line holds one.
        self.plain = plain
        self.tally = Tally()

    def finding(self, located: LocatedFinding) -> None:
        self.tally.add(located)
        if self.courtesy or located.finding.kind != "courtesy":
            line = finding_line(located, self.words, self.lang)
            if self.plain:
                self.plain(Text.from_markup(line, emoji=False).plain)
            else:
                self.console.print(line)

    def error(self, diagnostic: Diagnostic) -> None:
        if diagnostic.level == "warning":
            self.tally.warnings += 1
            self.console.print(f"[yellow]{escape(diagnostic.said(self.lang))}[/]")
        else:
            self.tally.errors += 1
            self.console.print(f"[bold red]{escape(diagnostic.said(self.lang))}[/]")

    def close(self) -> None:
        self.console.print(self.tally.summary(self.lang))


class StreamedJson:
    """A JSON document whose main list is written item by item as findings arrive; the problems met
    are kept and written after it."""

    def __init__(self, stream: BinaryIO, opening: bytes):
        self.stream = stream
        self.diagnostics: list[Diagnostic] = []
        self.separator = b"\n"
        stream.write(opening)

    def item(self, value: dict) -> None:
        self.stream.write(self.separator + compact(value))
        self.separator = b",\n"

    def error(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def problems(self, level: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == level]


class JsonReport(StreamedJson):
    """The public JSON shape ``{"findings": [...], "errors": [...], "warnings": [...]}``, one finding
    per line, written as bytes as the findings arrive (errors and warnings are listed after them)."""

    def __init__(self, stream: BinaryIO, words: Catalogue, lang: str = "zh"):
        super().__init__(stream, b'{"findings": [')
        self.words, self.lang = words, lang
        #: The words and fix of each kind of finding, worked out once (a big draft has thousands of 请 and 您好).
        self._worded: dict[tuple, tuple] = {}

    def finding(self, located: LocatedFinding) -> None:
        finding = located.finding
        key = (finding.kind, finding.rule, finding.match, finding.suggestion, finding.similarity)
        worded = self._worded.get(key)
        if worded is None:
            worded = self._worded[key] = (*self.words.of(finding, self.lang), *finding_fix(finding))
        self.item(finding_record(located, *worded))

    def close(self) -> None:
        self.stream.write(b"\n],\n" + b",\n".join(
            b'"%s": [' % key.encode() + _lines(diagnostic_record(d) for d in self.problems(level)) + b"]"
            for key, level in (("errors", "error"), ("warnings", "warning"))) + b"}\n")
        self.stream.flush()


def _lines(records) -> bytes:
    joined = b",\n".join(compact(record) for record in records)
    return b"\n" + joined + b"\n" if joined else b""


def diagnostic_record(diagnostic: Diagnostic) -> dict:
    """One error or warning of the public JSON interface."""
    return {"path": diagnostic.path, "line": diagnostic.line, "message": diagnostic.message}


def finding_record(located: LocatedFinding, category: str, message: str, replacement: str | None,
                   applicability: str) -> dict:
    """One finding of the public JSON interface with its category and message (in the reader's
    language) and its fix (:func:`~phrasecheck.fixer.finding_fix`)."""
    finding = located.finding
    return {
        "path": located.path, "line": located.line, "column": located.column, "kind": finding.kind,
        "rule": finding.rule, "category": category, "severity": finding.severity,
        "text": finding.text, "match": finding.match, "similarity": finding.similarity,
        "message": message, "suggestion": finding.suggestion,
        "start": located.start, "end": located.end,
        "fix": {"replacement": replacement, "applicability": applicability},
    }


def finding_line(located: LocatedFinding, words: Catalogue, lang: str) -> str:
    """``path:line:column: kind[category] “text” … severity: why → suggestion`` in rich markup."""
    finding = located.finding
    style = _STYLE.get(finding.severity, "")
    where = escape(f"{located.path}:{located.line}:{located.column}:")
    category, message = words.of(finding, lang)
    label = escape(f"{tr(finding.kind, lang)}[{category}]")
    text = f"[{style}]{label}[/] “{escape(finding.text)}”"
    if finding.match != "exact":
        text += f" ({tr(finding.match, lang)} {finding.similarity:.2f})"
    if finding.kind != "courtesy":
        colon = ": " if lang == "en" else "："
        text += f" {tr(finding.severity, lang)}" + (f"{colon}{escape(message)}" if message else "")
        if finding.suggestion:
            text += f" → {tr('suggestion', lang)}{colon}[green]“{escape(finding.suggestion)}”[/]"
    return f"[bold]{where}[/] {text}  [dim]{escape(finding.rule)}[/]"
