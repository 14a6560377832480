"""What every command shares: options, loading the rules, printing, exit codes."""

from __future__ import annotations

import atexit
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, NoReturn, TextIO

import typer
from rich.console import Console, ConsoleOptions, RenderableType, RenderHook
from rich.markup import escape
from rich.segment import Segment

from ..config import Config, load_config
from ..lexicon.load import LexiconError
from ..tomlfile import DataFileError
from ..models import Diagnostic
from ..transcripts import ReadOptions

if TYPE_CHECKING:
    from ..api import Engine

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", "-l", help="额外的词库文件或目录（可重复） / extra lexicon file or directory"),
]
LangOption = Annotated[
    Lang | None, typer.Option("--lang", help="输出语言（默认取配置，否则 zh） / output language (default: config, else zh)"),
]
ParaphraseOption = Annotated[
    bool,
    typer.Option("--paraphrase", help="也用改述模型找出规则未列出的说法（较慢） / also run the paraphrase model for wordings no rule lists (slower)"),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="配置文件（默认向上查找 phrasecheck.toml） / configuration file (default: nearest phrasecheck.toml)"),
]

#: Characters a terminal obeys instead of showing (ESC clears the screen, sets the window title, hides
#: text; C1 controls do the same in one byte; bidirectional controls reorder what is shown), each
#: mapped to a visible stand-in: C0 and DEL as Unicode control pictures (␛), the others as escapes.
_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}, 0x7F: "\u2421",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_INVISIBLE = re.compile("[" + "".join(re.escape(chr(code)) for code in _VISIBLE) + "]")


def visible(text: str) -> str:
    """``text`` with every control character that a terminal would obey shown as a visible symbol."""
    return text.translate(_VISIBLE) if _INVISIBLE.search(text) else text


class _Visible:
    """A renderable whose text (not rich's own styling) is shown with :func:`visible`."""

    def __init__(self, renderable: RenderableType):
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.renderable, options):
            if segment.control or not _INVISIBLE.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)


class _ShowControls(RenderHook):
    """Makes a console show the control characters of whatever it prints: file names, transcripts and
    diagnostics come from untrusted files."""

    def process_renderables(self, renderables: list[RenderableType]) -> list[RenderableType]:
        return [_Visible(renderable) for renderable in renderables]


def _console(**options) -> Console:
    console = Console(highlight=False, soft_wrap=True, emoji=False, **options)
    console.push_render_hook(_ShowControls())
    return console


out = _console()
err = _console(stderr=True)


def stdout_bytes() -> BinaryIO:
    """Standard output for writing UTF-8 bytes (JSON), whatever the terminal's encoding; a text-only
    stand-in (a test's or a notebook's redirected output) gets the bytes decoded. Where the byte
    stream is unbuffered (``PYTHONUNBUFFERED``, ``python -u``: common in containers) writes are
    gathered into blocks, as they otherwise are: one system call per finding cost 0.3 s per 74,000."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        return _Utf8Text(sys.stdout)
    return _blocks_for(stream) if isinstance(stream, io.RawIOBase) else stream


def write_text(text: str) -> None:
    """``text`` on standard output exactly as it is, in UTF-8 (not through rich, which would read markup)."""
    stream = stdout_bytes()
    stream.write(text.encode("utf-8"))
    stream.flush()


@cache
def _blocks_for(raw: io.RawIOBase) -> _Blocks:
    """One block writer per unbuffered stream (every report writing to it shares it), flushed at exit."""
    blocks = _Blocks(raw)
    atexit.register(blocks.flush)
    return blocks


class _Blocks:
    """Bytes gathered and written to an unbuffered stream 64 kB at a time, and on ``flush``."""

    SIZE = 64 * 1024

    def __init__(self, raw: io.RawIOBase):
        self.raw, self.pending = raw, bytearray()

    def write(self, data: bytes) -> int:
        self.pending += data
        if len(self.pending) >= self.SIZE:
            self.flush()
        return len(data)

    def flush(self) -> None:
        data = memoryview(bytes(self.pending))
        self.pending.clear()
        while data:
            data = data[self.raw.write(data) or 0:]


class _Utf8Text:
    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def settings(path: Path | None, paraphrase: bool = False) -> Config:
    """The configuration (``--config`` or the nearest phrasecheck.toml), with the paraphrase model
    on if ``paraphrase``; a broken one exits 2."""
    try:
        config = load_config(explicit=path)
    except LexiconError as error:
        fail(error.diagnostics)
    return replace(config, matching=replace(config.matching, paraphrase=True)) if paraphrase else config


def chosen_lang(lang: Lang | None, config: Config) -> str:
    """``--lang`` if given, else the configured language."""
    return lang.value if lang else config.lang


def build_engine(config: Config, lang: str, lexicons: list[Path] | None = None, scripts: list[Path] | None = None,
                 read_options: ReadOptions | None = None, scoring: bool = False) -> Engine:
    """The engine of a command, its rules loaded (and its scripts, for ``scoring``); a broken rule or
    script file stops with exit 2 and file:line errors."""
    from ..api import Engine  # on use: commands that need no rules start without it

    engine = Engine(config, lexicons=lexicons or (), scripts=scripts or (), lang=lang, read_options=read_options)
    try:
        return engine.load(scoring)
    except DataFileError as error:
        fail(error.diagnostics)


def fail(diagnostics: list[Diagnostic]) -> NoReturn:
    """Print every diagnostic and exit 2."""
    for diagnostic in diagnostics:
        err.print(f"[bold red]{escape(str(diagnostic))}[/]")
    raise typer.Exit(EXIT_ERROR)
