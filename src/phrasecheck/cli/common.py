"""What every command shares: options, loading the rules, printing, exit codes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ..lexicon.load import LexiconError, load_lexicon
from ..matching import Matcher
from ..models import Diagnostic

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", "-l", help="额外的词库文件或目录（可重复） / extra lexicon file or directory"),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="输出语言 / output language")]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def build_matcher(lexicons: list[Path] | None, lang: str) -> Matcher:
    """Load the default and extra lexicons; a broken lexicon stops with exit 2 and file:line errors."""
    try:
        return Matcher(load_lexicon(lexicons or []), lang=lang)
    except LexiconError as error:
        fail(error.diagnostics)


def fail(diagnostics: list[Diagnostic]) -> NoReturn:
    """Print every diagnostic and exit 2."""
    for diagnostic in diagnostics:
        err.print(f"[bold red]{escape(str(diagnostic))}[/]")
    raise typer.Exit(EXIT_ERROR)
