"""The ``phrasecheck`` Typer application."""

from __future__ import annotations

import gc
import os
import sys
from importlib import import_module

import typer

from .. import __version__
from . import helpformat

#: Each command and the module under ``phrasecheck.cli`` that defines it.
COMMANDS = {
    "check": "check", "explain": "explain", "fix": "fix", "score": "score", "show": "show", "batch": "batch", "report": "batch",
    "lexicon": "lexicon", "config": "config", "serve": "serve",
}


def build_app(modules: set[str] | None = None) -> typer.Typer:
    """The application with the commands of ``modules`` (default: all of them)."""
    application = typer.Typer(
        name="phrasecheck",
        help="检查中文服务用语：文明用语、服务禁语与标准话术 / Check Chinese service language.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    application.callback()(_root)
    for module in dict.fromkeys(COMMANDS.values()):
        if modules is None or module in modules:
            import_module(f".{module}", __package__).register(application)
    helpformat.apply(application)
    return application


def _version(value: bool) -> None:
    if value:
        typer.echo(f"phrasecheck {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show version"),
) -> None:
    """检查中文服务用语 / Check Chinese service language."""


#: How many objects the process makes, less those it drops, before the garbage collector looks at the youngest
#: (Python's default is 700): matching makes and drops small tuples by the million, and collecting them that often
#: took about 6% of a long ``check``. Cycles are still collected.
GC_THRESHOLD = (20_000, 50, 100)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: only the command asked for is imported, so a check starts fast.

    The collector looks at new objects less often (:data:`GC_THRESHOLD`). When the command ends, what it built is
    moved out of its sight: the interpreter's last collection at exit would otherwise walk all of it (about 40 ms).
    numpy (the sentence-end and paraphrase models) starts no threads for linear algebra it is never asked to do:
    they cost each worker that imports it 60 ms of processor time, unless the user set their number.
    """
    args = sys.argv[1:] if argv is None else argv
    command = COMMANDS.get(args[0]) if args else None
    if argv is None:  # the process is the command's own; a caller passing argv (a test) keeps its settings
        gc.set_threshold(*GC_THRESHOLD)
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        build_app({command} if command else None)(args, prog_name="phrasecheck")
    finally:
        if argv is None:  # the process ends here; a caller passing argv (a test) goes on
            gc.freeze()


def __getattr__(name: str) -> typer.Typer:
    """``app``: the application with every command, built on first use (tests, ``typer`` tooling)."""
    if name == "app":
        return build_app()
    raise AttributeError(name)
