"""``phrasecheck fix``: rewrite prohibited expressions in drafts as their courteous alternatives."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from ..fixer import apply_fixes, plan_fixes, unified_diff
from ..i18n import tr
from ..textio import STDIN, InputError, read_text, write_text_atomic
from .common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigOption, LangOption, LexiconOption, build_matcher, chosen_lang, err,
    out, settings, write_text,
)

_DIFF_STYLE = {"+": "green", "-": "red", "@": "cyan"}


def fix(
    paths: Annotated[list[str] | None, typer.Argument(help="草稿文件；不给或 - 读标准输入 / draft files; none or - reads stdin")] = None,
    write: Annotated[bool, typer.Option("--write", "-w", help="直接改写文件（保留编码与换行） / rewrite the files in place")] = False,
    lexicon: LexiconOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """把服务禁语替换为文明说法，其余文字逐字保留 / Replace prohibited expressions with courteous ones."""
    project = settings(config)
    language = chosen_lang(lang, project)
    matcher = build_matcher(project, lexicon, language)
    remaining = errors = 0
    for path in paths or [STDIN]:
        try:
            decoded = read_text(path)
            fixes = plan_fixes(matcher, decoded.text, decoded.path)
        except InputError as error:
            err.print(f"[bold red]{escape(str(error))}[/]")
            errors += 1
            continue
        fixed = apply_fixes(decoded.text, fixes)
        for unfixable in (f for f in fixes if not f.replacement):
            located = unfixable.located
            err.print(f"{escape(located.path)}:{located.line}:{located.column}: "
                      f"{tr('unfixable', language)}: “{escape(located.finding.text)}”")
        remaining += sum(1 for f in fixes if not (write and f.replacement))
        try:
            _emit(path, decoded, fixed, write)
        except OSError as error:  # a full disk, a read-only folder: the file is left as it was
            err.print(f"[bold red]{escape(decoded.path)}: 无法写入，未修改 / cannot write, left as it was: "
                      f"{escape(error.strerror or str(error))}[/]")
            errors += 1
    raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if remaining else EXIT_CLEAN)


def _emit(path: str, decoded, fixed: str, write: bool) -> None:
    if write and path == STDIN:
        write_text(fixed)
    elif write and fixed != decoded.text:
        write_text_atomic(path, fixed, decoded.encoding, decoded.bom)
    elif not write:
        for line in unified_diff(decoded.path, decoded.text, fixed):
            style = _DIFF_STYLE.get(line[:1], "")
            out.print(f"[{style}]{escape(line)}[/]" if style else escape(line))


def register(app: typer.Typer) -> None:
    app.command()(fix)
