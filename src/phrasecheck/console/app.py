"""``phrasecheck serve``: the review console, a server-rendered Starlette application over the results store.

Every request opens the store for itself in a worker thread and keeps its write transactions short
(the store is in WAL mode: readers never wait for a reviewer's write, and reviewers queue for a
few milliseconds each), so concurrent reviewers never lose each other's actions.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..batch.store import Store
from ..i18n import LANGS
from . import pages
from .security import Guard, csrf_ok, csrf_token, token_matches
from .words import word

#: The largest request body accepted (an uploaded transcript included).
MAX_UPLOAD = 2 * 1024 * 1024
#: How long a sign-in lasts.
SESSION_SECONDS = 12 * 3600
_HERE = resources.files(__package__)


@dataclass(slots=True)
class Settings:
    """How the console runs: its store, its token (None on this machine only), language, upload limit."""

    db: Path
    token: str | None = None
    lang: str = "zh"
    max_upload: int = MAX_UPLOAD
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    config: Path | None = None


Handler = Callable[[Request], Awaitable[Response]]


def create_app(settings: Settings) -> Starlette:
    """The console application over ``settings.db`` (created when missing, migrated when old)."""
    Store(settings.db).close()
    environment = Environment(loader=FileSystemLoader(str(_HERE / "templates")), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)
    app = Starlette(routes=_routes(), middleware=[
        Middleware(Guard, limit=settings.max_upload),
        Middleware(SessionMiddleware, secret_key=settings.secret, session_cookie="phrasecheck_session",
                   max_age=SESSION_SECONDS, same_site="strict", https_only=False),
    ])
    app.state.settings = settings
    app.state.templates = environment
    app.state.context = pages.Context(settings.db, settings.config)
    return app


def _routes() -> list[Route]:
    return [
        Route("/", lambda request: RedirectResponse("/calls", 303)),
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/lang/{lang}", switch_lang),
        Route("/static/{name}", static),
        Route("/calls", signed_in(pages.calls)),
        Route("/calls/{call_id:int}", signed_in(pages.call)),
        Route("/calls/{call_id:int}/review", signed_in(pages.review, form=True), methods=["POST"]),
        Route("/rules", signed_in(pages.rules)),
        Route("/staff", signed_in(pages.staff)),
        Route("/staff/{staff}", signed_in(pages.one_staff)),
        Route("/trainer", signed_in(pages.trainer_page)),
        Route("/trainer", signed_in(pages.trainer, form=True), methods=["POST"]),
    ]


def signed_in(page: Callable[..., Any], form: bool = False) -> Handler:
    """A page for signed-in reviewers: ``page(view, request[, form])`` runs in a worker thread with
    the store open and returns a template name and context, or a Response; forms must carry the CSRF token."""
    @wraps(page)
    async def handler(request: Request) -> Response:
        if not request.session.get("reviewer"):
            return RedirectResponse(f"/login?next={request.url.path}", 303)
        arguments = [await _form(request)] if form else []
        if form and not csrf_ok(request, str(arguments[0].get("csrf", ""))):
            return _error(request, 403, "forbidden")
        view = pages.View(request.app.state.context, lang_of(request), request.session["reviewer"],
                          dict(request.query_params), request.path_params, request.session)
        result = await run_in_threadpool(pages.run, page, view, *arguments)
        if isinstance(result, Response):
            return result
        name, context = result
        return render(request, name, context)
    return handler


async def _form(request: Request) -> dict[str, Any]:
    """The form's fields; an uploaded file as (file name, bytes), at most the upload limit."""
    limit = request.app.state.settings.max_upload
    async with request.form(max_files=1, max_fields=50, max_part_size=limit) as form:
        fields: dict[str, Any] = {}
        for key, value in form.multi_items():
            fields[key] = (value.filename or "", await value.read()) if hasattr(value, "read") else value
        return fields


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    lang = lang_of(request)
    template = request.app.state.templates.get_template(name)
    flash = request.session.pop("flash", None)
    html = template.render(w=lambda key, **values: word(key, lang, **values), lang=lang, csrf=csrf_token(request),
                           reviewer=request.session.get("reviewer"), flash=flash, path=request.url.path, **context)
    return HTMLResponse(html, status)


def lang_of(request: Request) -> str:
    return request.session.get("lang") or request.app.state.settings.lang


def _error(request: Request, status: int, key: str) -> HTMLResponse:
    return render(request, "error.html", {"message": word(key, lang_of(request)), "status": status}, status)


async def login_page(request: Request) -> Response:
    return render(request, "login.html", {"need_token": bool(request.app.state.settings.token),
                                          "next": _next(request.query_params.get("next", "")), "error": None})


async def login(request: Request) -> Response:
    form = await _form(request)
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return _error(request, 403, "forbidden")
    token, name = request.app.state.settings.token, str(form.get("reviewer", "")).strip()[:100]
    error = ("wrong_token" if token and not token_matches(str(form.get("token", "")), token)
             else "need_name" if not name else None)
    if error:
        return render(request, "login.html", {"need_token": bool(token), "next": _next(str(form.get("next", ""))),
                                              "error": word(error, lang_of(request))}, 401 if error == "wrong_token" else 400)
    request.session.clear()
    request.session["reviewer"] = name
    return RedirectResponse(_next(str(form.get("next", ""))), 303)


async def logout(request: Request) -> Response:
    form = await _form(request)
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return _error(request, 403, "forbidden")
    request.session.clear()
    return RedirectResponse("/login", 303)


async def switch_lang(request: Request) -> Response:
    if request.path_params["lang"] in LANGS:
        request.session["lang"] = request.path_params["lang"]
    return RedirectResponse(_next(request.query_params.get("next", "")), 303)


async def static(request: Request) -> Response:
    """The console's stylesheet and script, from the package (no asset comes from the network)."""
    name = request.path_params["name"]
    types = {"console.css": "text/css", "console.js": "text/javascript"}
    if name not in types:
        return PlainTextResponse("not found", 404)
    text = (_HERE / "static" / name).read_text(encoding="utf-8")
    if name == "console.css":
        from ..report.html import CSS

        text = CSS + text
    return Response(text, media_type=types[name], headers={"cache-control": "max-age=3600"})


def _next(target: str) -> str:
    """Where to go after signing in: a path of this console only (never another site)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/calls"
