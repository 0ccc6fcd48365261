"""What every response carries (DESIGN.md), and the cap on request bodies.

One pure ASGI middleware, so it costs a few dict operations per response:

- ``Content-Security-Policy``: everything from this server only, no inline script or style
  (the pages' scripts are files under ``/static``; data for them rides in ``data-`` attributes
  or ``type="application/json"`` blocks, which are not run), no plugins, no framing
  (``frame-ancestors 'none'``), forms post only here;
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin`` (a client's page
  address never leaves for another site);
- a request body over ``MAX_BODY`` bytes is answered 413 before the app reads it (by its
  ``Content-Length``) or as soon as it has sent that much (a chunked upload).
"""

from __future__ import annotations

import json
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plantar.i18n import _

MAX_BODY: Final = 1024 * 1024  # 1 MiB: the largest real body (a plan document) is 256 KiB
CSP: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # the API docs' icons are data: URIs
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS: Final = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)
_NAMES: Final = frozenset(name for name, _ in HEADERS)


class BodyTooLarge(Exception):
    pass


class Guarded:
    """Adds the headers to every HTTP response and refuses bodies over ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", []) if k not in _NAMES]
                message["headers"] = [*kept, *HEADERS]
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _too_large(scope, guarded_send, self.limit)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            if started:  # the app answered before reading it all: nothing more to say
                return
            await _too_large(scope, guarded_send, self.limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    detail = _("body: a request body of at most {limit} bytes ({kib} KiB)").format(
        limit=limit, kib=limit // 1024
    )
    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"detail": detail, "field": "body"}).encode()
        kind = b"application/json"
    else:
        body = _("Request too large: {detail}.").format(detail=detail).encode()
        kind = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
