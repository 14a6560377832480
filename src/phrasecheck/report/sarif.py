"""``check --format sarif`` (SARIF 2.1.0, read by code-scanning tools) and ``--format github``
(GitHub Actions workflow commands, shown as annotations on a pull request), written as findings arrive."""

from __future__ import annotations

from typing import BinaryIO
from urllib.parse import quote

from .. import __version__
from ..i18n import tr
from ..jsontext import compact
from ..lint import LocatedFinding
from ..models import Diagnostic
from ..scoring.catalogue import Catalogue
from .lint import StreamedJson

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Severities as SARIF and GitHub levels (a courtesy phrase found is a note).
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "warning", "info": "note"}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


class SarifReport(StreamedJson):
    """One SARIF log with one run: results streamed, then the rules they cite (in the order first cited),
    then the errors and warnings met as tool notifications. Columns count Unicode code points."""

    def __init__(self, stream: BinaryIO, words: Catalogue, lang: str = "zh", courtesy: bool = False):
        self.words, self.lang, self.courtesy = words, lang, courtesy
        super().__init__(stream, b'{"version": "%s", "$schema": "%s", "runs": [{"columnKind": "unicodeCodePoints", '
                                 b'"results": [' % (SARIF_VERSION.encode(), SARIF_SCHEMA.encode()))
        self.rules: dict[str, dict] = {}

    def finding(self, located: LocatedFinding) -> None:
        finding = located.finding
        if finding.kind == "courtesy" and not self.courtesy:
            return
        category, _ = self.words.of(finding, self.lang)
        index = self.rules.setdefault(finding.rule, _rule(finding, len(self.rules), self.words, self.lang))["index"]
        result = {
            "ruleId": finding.rule, "ruleIndex": index, "level": LEVELS.get(finding.severity, "note"),
            "message": {"text": message(located, self.words, self.lang)},
            "locations": [_location(located.path, located.line, located.column, located.column + len(finding.text),
                                    finding.text)],
            "properties": {"kind": finding.kind, "category": category, "severity": finding.severity,
                           "match": finding.match, "similarity": finding.similarity},
        }
        self.item(result)

    def close(self) -> None:
        rules = [{key: value for key, value in rule.items() if key != "index"} for rule in self.rules.values()]
        driver = {"name": "phrasecheck", "version": __version__, "rules": rules}
        notifications = [{"level": "error" if d.level == "error" else "warning", "message": {"text": d.message},
                          "locations": [_location(d.path, d.line)]} for d in self.diagnostics]
        invocation = {"executionSuccessful": not self.problems("error"), "toolExecutionNotifications": notifications}
        self.stream.write(b"\n], " + b'"tool": {"driver": ' + compact(driver) + b'}, "invocations": ['
                          + compact(invocation) + b"]}]}\n")
        self.stream.flush()


def _rule(finding, index: int, words: Catalogue, lang: str) -> dict:
    category, described = words.of(finding, lang)
    rule = {"index": index, "id": finding.rule, "shortDescription": {"text": f"{category}: {described or category}"},
            "defaultConfiguration": {"level": LEVELS.get(finding.severity, "note")},
            "properties": {"category": category, "severity": finding.severity}}
    if finding.suggestion:
        rule["help"] = {"text": f"建议 / suggestion: {finding.suggestion}"}
    return rule


def _location(path: str, line: int, column: int = 0, end: int = 0, snippet: str = "") -> dict:
    region: dict = {"startLine": max(line, 1)}
    if column:
        region |= {"startColumn": column, "endColumn": end, "snippet": {"text": snippet}}
    return {"physicalLocation": {"artifactLocation": {"uri": quote(path.replace("\\", "/"))}, "region": region}}


def message(located: LocatedFinding, words: Catalogue, lang: str) -> str:
    """A finding in one sentence: what was said, why it matters, what to say instead."""
    finding = located.finding
    category, described = words.of(finding, lang)
    said = f"“{finding.text}”"
    if finding.kind == "courtesy":
        return f"文明用语[{category}] {said} / courtesy phrase"
    text = f"{tr(finding.kind, 'zh')}[{category}] {said}：{described}"
    return text + (f" → 建议：“{finding.suggestion}”" if finding.suggestion else "")


class GithubReport:
    """One workflow command a line (``::error file=…,line=…,col=…::message``), which GitHub Actions
    shows as an annotation on the line; problems with the input as file-level annotations."""

    def __init__(self, stream: BinaryIO, words: Catalogue, lang: str = "zh", courtesy: bool = False):
        self.stream, self.words, self.lang, self.courtesy = stream, words, lang, courtesy

    def finding(self, located: LocatedFinding) -> None:
        finding = located.finding
        if finding.kind == "courtesy" and not self.courtesy:
            return
        level = _GITHUB_LEVELS[LEVELS.get(finding.severity, "note")]
        self._command(level, {"file": located.path, "line": located.line, "col": located.column,
                              "endColumn": located.column + len(finding.text), "title": f"phrasecheck {finding.rule}"},
                      message(located, self.words, self.lang))

    def error(self, diagnostic: Diagnostic) -> None:
        where = {"file": diagnostic.path} | ({"line": diagnostic.line} if diagnostic.line else {})
        self._command(diagnostic.level, where | {"title": "phrasecheck"}, diagnostic.message)

    def close(self) -> None:
        self.stream.flush()

    def _command(self, level: str, properties: dict, text: str) -> None:
        listed = ",".join(f"{key}={_escape(str(value), True)}" for key, value in properties.items())
        self.stream.write(f"::{level} {listed}::{_escape(text)}\n".encode())


def _escape(value: str, property_value: bool = False) -> str:
    """Workflow-command escaping: ``%``, CR and LF always; ``:`` and ``,`` in a property too."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value
