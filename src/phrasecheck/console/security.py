"""The console's guards: who may sign in, a CSRF token on every form, a cap on request bodies, and
headers that keep pages from loading anything from elsewhere or being framed."""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The session's key for its CSRF token.
CSRF_KEY = "csrf"
#: Pages load nothing from the network: styles and the one script come from the console itself.
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]


class InsecureBind(ValueError):
    """Listening beyond this machine without a password or token."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen on another address unless the user set a token (of at least 8 characters)."""
    if not is_loopback(host) and (not token or len(token) < 8):
        raise InsecureBind(f"监听 {host} 需要设置访问口令（至少 8 个字符）：--token 或环境变量 PHRASECHECK_TOKEN / "
                           f"listening on {host} needs an access token of at least 8 characters: --token or "
                           "PHRASECHECK_TOKEN")


def token_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get(CSRF_KEY)
    if not token:
        token = request.session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def csrf_ok(request: Request, sent: str) -> bool:
    """Whether a form came from a page of this session: its token, and no foreign Origin."""
    token = request.session.get(CSRF_KEY)
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        return False
    return bool(token) and hmac.compare_digest(token.encode(), sent.encode())


class Guard:
    """ASGI middleware: bodies longer than ``limit`` bytes are refused (413) before they are read whole,
    and every response carries the security headers."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise BodyTooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except BodyTooLarge:
            await _too_large(send)


class BodyTooLarge(Exception):
    """A request body without a Content-Length grew past the limit."""


async def _too_large(send: Send) -> None:
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                                                            *_HEADERS]})
    await send({"type": "http.response.body", "body": "请求过大 / request too large".encode()})
