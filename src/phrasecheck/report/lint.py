"""Output of ``phrasecheck check``: lint-style lines, or one JSON object."""

from __future__ import annotations

import json
from collections import Counter

from rich.markup import escape

from ..i18n import tr
from ..lint import LintResult, LocatedFinding

_STYLE = {"low": "yellow", "medium": "dark_orange", "high": "red", "critical": "bold red", "info": "green"}


def lint_lines(result: LintResult, lang: str = "zh", courtesy: bool = False) -> list[str]:
    """One rich-markup line per finding, then the errors and a summary line."""
    shown = [f for f in result.findings if courtesy or f.finding.kind == "prohibited"]
    lines = [_line(f, lang) for f in shown]
    lines += [f"[bold red]{escape(str(error))}[/]" for error in result.errors]
    lines.append(_summary(result, lang))
    return lines


def lint_json(result: LintResult) -> str:
    """The public JSON shape: ``{"findings": [...], "errors": [...]}``."""
    findings = [
        {
            "path": f.path, "line": f.line, "column": f.column, "kind": f.finding.kind,
            "rule": f.finding.rule, "category": f.finding.category, "severity": f.finding.severity,
            "text": f.finding.text, "match": f.finding.match, "similarity": f.finding.similarity,
            "message": f.finding.message, "suggestion": f.finding.suggestion,
            "start": f.finding.start, "end": f.finding.end,
        }
        for f in result.findings
    ]
    errors = [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors]
    return json.dumps({"findings": findings, "errors": errors}, ensure_ascii=False, indent=2)


def _line(located: LocatedFinding, lang: str) -> str:
    finding = located.finding
    style = _STYLE.get(finding.severity, "")
    where = escape(f"{located.path}:{located.line}:{located.column}:")
    label = escape(f"{tr(finding.kind, lang)}[{finding.category}]")
    text = f"[{style}]{label}[/] “{escape(finding.text)}”"
    if finding.match != "exact":
        text += f" ({tr(finding.match, lang)} {finding.similarity:.2f})"
    if finding.kind == "prohibited":
        text += f" {tr(finding.severity, lang)}"
        if finding.suggestion:
            colon = ": " if lang == "en" else "："
            text += f" → {tr('suggestion', lang)}{colon}[green]“{escape(finding.suggestion)}”[/]"
    return f"[bold]{where}[/] {text}"


def _summary(result: LintResult, lang: str) -> str:
    kinds = Counter(f.finding.kind for f in result.findings)
    files = len({f.path for f in result.findings})
    prohibited, courtesy, errors = kinds["prohibited"], kinds["courtesy"], len(result.errors)
    if lang == "en":
        return f"{prohibited} prohibited, {courtesy} courtesy in {files} file(s); {errors} error(s)"
    return f"禁用语 {prohibited} 处，文明用语 {courtesy} 处（{files} 个文件）；错误 {errors} 个"
