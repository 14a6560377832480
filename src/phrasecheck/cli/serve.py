"""``phrasecheck serve``: the review console in a browser, over the results store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..batch.store import DEFAULT_DB, StoreError
from ..models import Diagnostic
from .common import ConfigOption, LangOption, chosen_lang, fail, settings


def serve(
    db: Annotated[Path, typer.Option("--db", metavar="PATH", help="结果库（SQLite，没有则新建） / results store (SQLite; made when missing)")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="监听地址（默认仅本机） / address to listen on (default: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="端口 / port")] = 8765,
    token: Annotated[str | None, typer.Option("--token", envvar="PHRASECHECK_TOKEN", help="访问口令（监听其他地址时必需） / access token (required on any other address)")] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """复核台：浏览、复核通话，规则质量，培训评分 / The review console: browse and review calls, rule quality, trainers."""
    try:
        from ..console.app import Settings, create_app
        from ..console.security import InsecureBind, check_bind
    except ImportError as error:
        fail([Diagnostic("serve", 0, f"复核台需要额外的包 / the console needs: pip install 'phrasecheck[serve]' ({error})")])

    try:
        check_bind(host, token)
    except InsecureBind as error:
        raise typer.BadParameter(str(error), param_hint="--host") from None
    secret = os.environ.get("PHRASECHECK_SESSION_SECRET")
    chosen = Settings(db, token, chosen_lang(lang, settings(config)), config=config)
    if secret:
        chosen.secret = secret
    try:
        app = create_app(chosen)
    except StoreError as error:
        fail([Diagnostic(str(db), 0, str(error))])
    import uvicorn

    typer.echo(f"phrasecheck 复核台 / review console: http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
