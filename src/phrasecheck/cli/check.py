"""``phrasecheck check``: lint staff drafts for prohibited expressions."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer

from ..lint import transcripts_among, workers_for
from ..models import SEVERITIES, Diagnostic, severity_rank
from ..report.lint import JsonReport, TextReport
from ..report.sarif import GithubReport, SarifReport
from ..scoring.catalogue import Catalogue
from .explain import explain_drafts
from .common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigOption, ParaphraseOption, LangOption, LexiconOption, build_engine, chosen_lang, out,
    settings, stdout_bytes, visible,
)


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


FailOn = Enum("FailOn", {name: name for name in (*SEVERITIES, "never")}, type=str)


def check(
    paths: Annotated[list[str] | None, typer.Argument(help="草稿文件；不给或 - 读标准输入 / draft files; none or - reads stdin")] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f", help="输出格式：text、json、sarif（SARIF 2.1.0）、github（GitHub Actions 注释） / output format: text, json, sarif (SARIF 2.1.0), github (GitHub Actions annotations)")] = Format.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此严重程度即退出码 1 / exit 1 at or above this severity")] = FailOn.low,
    lexicon: LexiconOption = None,
    courtesy: Annotated[bool, typer.Option("--courtesy", help="也列出文明用语 / also list courtesy phrases")] = False,
    lang: LangOption = None,
    config: ConfigOption = None,
    paraphrase: ParaphraseOption = False,
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1, help="并行进程数（默认：输入 2 MB 以上时用全部核心） / worker processes (default: all cores for 2 MB of input or more)")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="逐行说明为何标出或未标出（同 phrasecheck explain） / explain each line that was flagged or came close")] = False,
) -> None:
    """自查草稿中的服务禁语，并给出文明替代说法 / Check drafts for prohibited expressions."""
    project = settings(config, paraphrase)
    language = chosen_lang(lang, project)
    engine = build_engine(project, language, lexicon)
    if explain:
        worst, errors = explain_drafts(engine, paths or ["-"], output_format is Format.json, language)
        raise typer.Exit(_exit_code(errors, worst, fail_on.value))
    report = _report(output_format, engine.words, language, courtesy)
    worst, errors = 0, 0
    paths = paths or ["-"]
    for warning in transcripts_among(paths, engine.read_options):
        report.error(warning)
    for item in engine.iter_check(paths, workers or workers_for(paths)):
        if isinstance(item, Diagnostic):
            errors += item.level == "error"
            report.error(item)
        else:
            if item.finding.kind == "prohibited":
                worst = max(worst, severity_rank(item.finding.severity))
            report.finding(item)
    report.close()
    raise typer.Exit(_exit_code(errors, worst, fail_on.value))


def _report(output_format: Format, words: Catalogue, language: str, courtesy: bool):
    """The reporter of ``--format``: JSON lists courtesy phrases always, the others with ``--courtesy``."""
    if output_format is Format.text:
        return TextReport(out, words, language, courtesy, None if out.is_terminal else _plain_lines(out.file))
    if output_format is Format.json:
        return JsonReport(stdout_bytes(), words, language)
    return (SarifReport if output_format is Format.sarif else GithubReport)(stdout_bytes(), words, language, courtesy)


def _plain_lines(stream) -> Callable[[str], None]:
    """Each line written as it is, its control characters shown (:func:`visible`), as the console would write it."""
    return lambda line: stream.write(visible(line) + "\n")


def _exit_code(errors: int, worst: int, fail_on: str) -> int:
    if errors:
        return EXIT_ERROR
    if fail_on != "never" and worst >= severity_rank(fail_on):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def register(app: typer.Typer) -> None:
    app.command()(check)
