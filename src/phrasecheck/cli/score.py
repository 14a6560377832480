"""``phrasecheck score``: score each exchange against its standard script and explain every point."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ..models import Diagnostic
from ..textio import os_reason
from .common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigOption, ParaphraseOption, LangOption, LexiconOption, build_engine, chosen_lang, err,
    fail, out, settings, stdout_bytes,
)
from .show import (
    ColumnOption, InputFormatOption, ResidentLabelOption, StaffChannelOption, StaffFromOption, StaffLabelOption,
    StaffSpeakerOption, read_options,
)

if TYPE_CHECKING:  # scoring and its reports are imported on use, so other commands start faster
    from ..api import Engine
    from ..scoring import ScoreCard


class Format(str, Enum):
    text = "text"
    json = "json"


def score(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="转写文件（- 表示标准输入） / transcript files (- for stdin)")],
    script: Annotated[str | None, typer.Option("--script", help="指定话术：reception、phone 或自定义名称（默认自动识别） / force a script (default: detect)")] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f", help="输出格式 / output format")] = Format.text,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help="另存为可打印的 HTML 评分卡 / also write a printable HTML scorecard")] = None,
    fail_under: Annotated[float | None, typer.Option("--fail-under", metavar="SCORE", min=0, max=100, help="有一段得分低于此分即退出码 1（不适用的不计；一段也没有得分时也是 1） / exit 1 when an exchange scores below SCORE (N/A ones aside), or none is scored")] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    paraphrase: ParaphraseOption = False,
    lexicon: LexiconOption = None,
    scripts: Annotated[list[Path] | None, typer.Option("--scripts", help="额外的话术文件或目录（可重复） / extra script file or directory (repeatable)")] = None,
    input_format: InputFormatOption = None,
    staff_label: StaffLabelOption = None,
    resident_label: ResidentLabelOption = None,
    staff_channel: StaffChannelOption = None,
    staff_speaker: StaffSpeakerOption = None,
    column: ColumnOption = None,
    staff_from: StaffFromOption = None,
) -> None:
    """按标准话术为每段通话或接待评分，逐项说明得失分 / Score exchanges against the standard scripts."""
    project = settings(config, paraphrase)
    language = chosen_lang(lang, project)
    options = read_options(input_format, staff_label, resident_label, staff_channel, staff_speaker, column,
                           staff_from, project)
    engine = build_engine(project, language, lexicon, scripts, options, scoring=True)
    _check_script(engine, script)
    from ..report.score_json import score_json

    scored = engine.score_files(files, script)
    cards, problems = scored.cards, scored.problems
    if output_format is Format.json:
        stdout_bytes().write(score_json(cards, problems, engine.version, language))
    else:
        _print_text(cards, problems, language)
    if html:
        _write_html(html, cards, problems, files, language)
    below = _below(cards, fail_under)
    raise typer.Exit(EXIT_ERROR if any(p.level == "error" for p in problems) else EXIT_FINDINGS if below else EXIT_CLEAN)


def register(app: typer.Typer) -> None:
    """Add the ``score`` command to ``app``."""
    app.command("score")(score)


def _check_script(engine: Engine, script: str | None) -> None:
    """An unknown --script is a usage error (exit 2)."""
    from ..scoring import UnknownScript

    if script:
        try:
            engine.scorer.find_script(script)
        except UnknownScript as error:
            raise typer.BadParameter(error.message, param_hint="--script") from None


def _below(cards: list[ScoreCard], fail_under: float | None) -> int:
    """How many scored exchanges fall below ``--fail-under`` (said on stderr); with none scored at all (an empty
    export, or only calls without staff speech) the gate cannot pass either: one."""
    if fail_under is None:
        return 0
    if all(card.score is None for card in cards):
        err.print(escape(f"没有得分的对话，无法确认达到 {fail_under:g} 分 / nothing was scored: cannot tell it reaches {fail_under:g}"))
        return 1
    below = sum(1 for card in cards if card.score is not None and card.score < fail_under)
    if below:
        err.print(escape(f"{below} 段得分低于 {fail_under:g} 分 / {below} exchange(s) scored below {fail_under:g}"))
    return below


def _print_text(cards: list[ScoreCard], problems: list[Diagnostic], lang: str) -> None:
    from ..report.terminal import scorecard

    for card in cards:
        out.print(scorecard(card, lang))
        out.print()
    for problem in problems:
        style = "bold red" if problem.level == "error" else "yellow"
        err.print(f"[{style}]{escape(problem.said(lang))}[/]")


def _write_html(path: Path, cards: list[ScoreCard], problems: list[Diagnostic], files: list[str], lang: str) -> None:
    from ..report.annotate import word
    from ..report.html import exchange_html, page, problems_html

    title = word("title", lang) + (f" · {Path(files[0]).name}" if len(files) == 1 and files[0] != "-" else "")
    body = "\n".join(exchange_html(card, lang) for card in cards) + problems_html(problems, lang)
    try:
        path.write_text(page(title, body, lang), encoding="utf-8")
    except OSError as error:
        fail([Diagnostic(str(path), 0, f"无法写入 / cannot write: {os_reason(error)}")])
