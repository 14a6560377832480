"""The ``phrasecheck`` Typer application."""

from __future__ import annotations

import typer

from .. import __version__
from . import check
from . import config
from . import fix
from . import lexicon
from . import score
from . import show
from . import batch

app = typer.Typer(
    name="phrasecheck",
    help="检查中文服务用语：文明用语、服务禁语与标准话术 / Check Chinese service language.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
check.register(app)
config.register(app)
fix.register(app)
lexicon.register(app)
score.register(app)
show.register(app)
batch.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"phrasecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show version"),
) -> None:
    """检查中文服务用语 / Check Chinese service language."""


def main() -> None:
    """Console-script entry point."""
    app()
