"""``phrasecheck show``: print transcripts as phrasecheck understands them (turns, speakers, roles).

The transcript options are declared once here as ``Annotated`` types and turned into
:class:`ReadOptions` by :func:`read_options`, so every command that reads transcripts can
offer the same flags.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..i18n import tr
from ..models import Diagnostic, Exchange
from ..transcripts import FORMATS, ReadOptions, parse_columns
from ..config import Config
from .common import ConfigOption, out, settings

if TYPE_CHECKING:
    from ..api import Engine

InputFormat = Enum("InputFormat", {name: name for name in FORMATS}, type=str)


class Format(str, Enum):
    text = "text"
    json = "json"


InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option("--input-format", help="输入格式（默认按扩展名和内容判断） / input format (default: from extension and content)"),
]
StaffLabelOption = Annotated[
    list[str] | None, typer.Option("--staff-label", help="额外的工作人员标签（可重复） / extra staff label (repeatable)")
]
ResidentLabelOption = Annotated[
    list[str] | None, typer.Option("--resident-label", help="额外的群众标签（可重复） / extra resident label (repeatable)")
]
StaffChannelOption = Annotated[
    list[str] | None, typer.Option("--staff-channel", help="工作人员的声道号（可重复） / ASR channel id of staff (repeatable)")
]
StaffSpeakerOption = Annotated[
    list[str] | None, typer.Option("--staff-speaker", help="工作人员的说话人编号或名称（可重复） / speaker id or name of staff (repeatable)")
]
ColumnOption = Annotated[
    list[str] | None, typer.Option("--column", help="CSV 列：用途=列名，如 text=转写内容（可重复） / CSV column ROLE=HEADER (repeatable)")
]
StaffFromOption = Annotated[
    str | None,
    typer.Option("--staff-from", help="从文件名取工号的正则，含 (?P<staff>…)，可另含 (?P<date>…)、(?P<channel>…) / regex on the file name with (?P<staff>…), and optionally (?P<date>…) and (?P<channel>…)"),
]


def read_options(
    input_format: InputFormat | None = None,
    staff_label: list[str] | None = None,
    resident_label: list[str] | None = None,
    staff_channel: list[str] | None = None,
    staff_speaker: list[str] | None = None,
    column: list[str] | None = None,
    staff_from: str | None = None,
    config: Config | None = None,
) -> ReadOptions:
    """The :class:`ReadOptions` the transcript flags (and the configured labels) ask for; bad values exit 2."""
    project = config or Config()
    try:
        return ReadOptions(
            input_format=input_format.value if input_format else None,
            staff_labels=(*project.staff_labels, *(staff_label or ())),
            resident_labels=(*project.resident_labels, *(resident_label or ())),
            staff_channel=tuple(staff_channel or ()),
            staff_speaker=tuple(staff_speaker or ()),
            columns=parse_columns(column or ()),
            staff_from=staff_from,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def show(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="转写文件（- 表示标准输入） / transcript files (- for stdin)")],
    input_format: InputFormatOption = None,
    staff_label: StaffLabelOption = None,
    resident_label: ResidentLabelOption = None,
    staff_channel: StaffChannelOption = None,
    staff_speaker: StaffSpeakerOption = None,
    column: ColumnOption = None,
    staff_from: StaffFromOption = None,
    output_format: Annotated[Format, typer.Option("--format", help="输出格式 / output format")] = Format.text,
    config: ConfigOption = None,
) -> None:
    """显示转写文件被读成的对话：轮次、行号、说话人、角色、文本 / Show how transcripts are read."""
    project = settings(config)
    options = read_options(input_format, staff_label, resident_label, staff_channel, staff_speaker, column,
                           staff_from, project)
    from ..api import Engine

    engine = Engine(project, read_options=options)
    if output_format is Format.json:
        failed = _print_json(files, engine)
    else:
        failed = any([_print_tables(path, engine) for path in files])
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    """Add the ``show`` command to ``app``."""
    app.command("show")(show)


def _print_tables(path: str, engine: Engine) -> bool:
    """Print each conversation of one file as it is read, then the file's problems; True if any is an error."""
    problems: list[Diagnostic] = []
    for item in engine.iter_read(Path(path)):
        if isinstance(item, Diagnostic):
            problems.append(item)
            continue
        out.print(_table(item))
        for warning in item.warnings:
            out.print(_diagnostic(warning))
    for problem in problems:
        out.print(_diagnostic(problem))
    return any(problem.level == "error" for problem in problems)


def _print_json(paths: list[str], engine: Engine) -> bool:
    """Print all files as one ``{"exchanges", "diagnostics"}`` document; True if any diagnostic is an error."""
    exchanges, problems = [], []
    for path in paths:
        for item in engine.iter_read(Path(path)):
            (problems if isinstance(item, Diagnostic) else exchanges).append(dataclasses.asdict(item))
    typer.echo(json.dumps({"exchanges": exchanges, "diagnostics": problems}, ensure_ascii=False, indent=2))
    return any(problem["level"] == "error" for problem in problems)


def _table(exchange: Exchange) -> Table:
    facts = [exchange.source, exchange.meta.get("format", "")]
    facts += [f"标题/title {exchange.meta['title']}"] if exchange.meta.get("title") else []   # a first line read as the title
    facts += [f"工号/staff {exchange.staff_id}"] if exchange.staff_id else []
    facts += [exchange.date] if exchange.date else []
    table = Table(title=Text(f"{exchange.id}  ({' · '.join(filter(None, facts))})"), title_justify="left")
    for heading in ("#", "行/line"):
        table.add_column(heading, justify="right")
    for heading in ("说话人/speaker", "角色/role", "文本/text"):
        table.add_column(heading, overflow="fold")
    for turn in exchange.turns:
        role = f"{tr(turn.role)}/{tr(turn.role, 'en')}"
        if turn.role_inferred:
            role += f"\n{tr('inferred')}/{tr('inferred', 'en')}"
        table.add_row(str(turn.index + 1), str(turn.line), Text(turn.speaker), role, Text(turn.text))
    return table


def _diagnostic(diagnostic: Diagnostic) -> Text:
    style = "bold red" if diagnostic.level == "error" else "yellow"
    label = "错误/error" if diagnostic.level == "error" else "警告/warning"
    return Text(f"{label}: {diagnostic}", style=style)
