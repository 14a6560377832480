"""``phrasecheck fix``: rewrite prohibited expressions in drafts as their courteous alternatives."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer
from rich.markup import escape

from ..fixer import FixedText, unified_diff
from ..jsontext import indented
from ..office import DocxDraft, is_docx
from ..report.fix import FixTally, edit_line
from ..textio import STDIN, InputError, os_reason, read_text, write_text_atomic
from .common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigOption, LangOption, LexiconOption, build_engine, chosen_lang, err,
    out, settings, stdout_bytes, write_text,
)

_DIFF_STYLE = {"+": "green", "-": "red", "@": "cyan"}


class Format(str, Enum):
    text = "text"
    json = "json"


def fix(
    paths: Annotated[list[str] | None, typer.Argument(help="草稿文件；不给或 - 读标准输入 / draft files; none or - reads stdin")] = None,
    write: Annotated[bool, typer.Option("--write", "-w", help="直接改写文件（保留编码与换行） / rewrite the files in place")] = False,
    unsafe: Annotated[bool, typer.Option("--unsafe", help="也做不安全的替换（近似、同类说法、会删去其他词语） / also make unsafe fixes (loose or family matches, clauses with other words)")] = False,
    output_format: Annotated[Format, typer.Option("--format", "-f", help="输出格式：text（差异）或 json / output format: text (a diff) or json")] = Format.text,
    lexicon: LexiconOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """把含服务禁语的分句改写为文明说法，其余文字逐字保留 / Rewrite clauses with prohibited expressions courteously."""
    if write and output_format is Format.json and STDIN in (paths or [STDIN]):
        raise typer.BadParameter("从标准输入改写时修改后的文本只能以 text 格式输出 / fixing standard input with "
                                 "--write prints the fixed text: use --format text", param_hint="--format")
    project = settings(config)
    language = chosen_lang(lang, project)
    engine = build_engine(project, language, lexicon)
    tally, errors = FixTally(engine.words, language), 0
    for path in paths or [STDIN]:
        try:
            decoded = DocxDraft.open(path) if is_docx(path) else read_text(path)
            fixed = engine.fix(decoded.lines if isinstance(decoded, DocxDraft) else decoded.text, unsafe, name=decoded.path)
        except InputError as error:
            err.print(f"[bold red]{escape(str(error))}[/]")
            tally.problems.append(error.diagnostic)
            errors += 1
            continue
        for edit, made in [*((edit, True) for edit in (fixed.applied if write else ())), *((e, False) for e in fixed.left)]:
            err.print(edit_line(edit, made, language))
        for warning in fixed.warnings:
            err.print(f"[yellow]{escape(warning.said(language))}[/]")
        try:
            _emit(path, decoded, fixed, write, output_format)
        except OSError as error:  # a full disk, a read-only folder: the file is left as it was
            message = f"无法写入，未修改 / cannot write, left as it was: {os_reason(error)}"
            err.print(f"[bold red]{escape(decoded.path)}: {escape(message)}[/]")
            tally.problems.append(InputError(decoded.path, message).diagnostic)
            errors += 1
            continue
        tally.add(fixed, write)
    if output_format is Format.json:
        stdout_bytes().write(indented(tally.document()))
    err.print(escape(tally.summary(write)))
    remaining = tally.unsafe + tally.by_hand + (0 if write else tally.replacements)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if remaining else EXIT_CLEAN)


def _emit(path: str, decoded, fixed: FixedText, write: bool, output_format: Format) -> None:
    """Write the fixed file (or, from standard input, print it), or print the diff."""
    text = fixed.text
    if write and path == STDIN:
        if output_format is Format.text:
            write_text(text)
    elif write and isinstance(decoded, DocxDraft) and fixed.applied:
        decoded.apply(fixed.applied)
        decoded.save()
    elif write and text != decoded.text:
        write_text_atomic(path, text, decoded.encoding, decoded.bom)
    elif not write and output_format is Format.text:
        for line in unified_diff(decoded.path, decoded.text, text):
            style = _DIFF_STYLE.get(line[:1], "")
            out.print(f"[{style}]{escape(line)}[/]" if style else escape(line))


def register(app: typer.Typer) -> None:
    app.command()(fix)
