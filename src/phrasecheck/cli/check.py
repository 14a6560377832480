"""``phrasecheck check``: lint staff drafts for prohibited expressions."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..lint import lint_paths
from ..models import SEVERITIES, severity_rank
from ..report.lint import lint_json, lint_lines
from .common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigOption, LangOption, LexiconOption, build_matcher, chosen_lang, out,
    settings,
)


class Format(str, Enum):
    text = "text"
    json = "json"


FailOn = Enum("FailOn", {name: name for name in (*SEVERITIES, "never")}, type=str)


def check(
    paths: Annotated[list[str] | None, typer.Argument(help="草稿文件；不给或 - 读标准输入 / draft files; none or - reads stdin")] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f", help="输出格式 / output format")] = Format.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此严重程度即退出码 1 / exit 1 at or above this severity")] = FailOn.low,
    lexicon: LexiconOption = None,
    courtesy: Annotated[bool, typer.Option("--courtesy", help="也列出文明用语 / also list courtesy phrases")] = False,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """自查草稿中的服务禁语，并给出文明替代说法 / Check drafts for prohibited expressions."""
    project = settings(config)
    language = chosen_lang(lang, project)
    result = lint_paths(build_matcher(project, lexicon, language), paths or ["-"])
    if output_format is Format.json:
        out.print(lint_json(result), markup=False)
    else:
        for line in lint_lines(result, language, courtesy):
            out.print(line)
    raise typer.Exit(_exit_code(result, fail_on.value))


def _exit_code(result, fail_on: str) -> int:
    if result.errors:
        return EXIT_ERROR
    if fail_on != "never" and result.worst_severity() >= severity_rank(fail_on):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def register(app: typer.Typer) -> None:
    app.command()(check)
