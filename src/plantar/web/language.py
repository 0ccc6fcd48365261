"""The language of each request (DESIGN.md, "Language"): ``?lang=`` (then remembered in a
cookie), else the cookie, else ``Accept-Language``, else English. Pages and the JSON API are
rendered in it; ``<html lang>`` says it; a bad ``?lang=`` is a 422 naming the valid ones.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plantar import i18n

COOKIE = "plantar_lang"
YEAR = 365 * 24 * 3600


def _cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            found = jar.get(COOKIE)
            return found.value if found and found.value in i18n.LANGUAGES else None
    return None


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return str(value.decode("latin-1"))
    return None


class Spoken:
    """Makes the request's language current while the app answers it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = [
            v for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k == "lang"
        ]
        remember = None
        if asked:
            try:
                lang = remember = i18n.checked(asked[-1], "lang")
            except i18n.UnknownLanguage as exc:
                from plantar.errors import BadInput
                from plantar.web.errors import error_response

                with i18n.use(_cookie(scope) or i18n.DEFAULT):
                    bad = BadInput(*exc.bad_input())
                    await error_response(Request(scope, receive), bad)(scope, receive, send)
                return
        else:
            lang = (
                _cookie(scope)
                or i18n.from_accept_language(_header(scope, b"accept-language"))
                or i18n.DEFAULT
            )
        scope.setdefault("state", {})["lang"] = lang

        async def spoken_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-language", lang.encode()))
                headers.append((b"vary", b"Accept-Language, Cookie"))
                if remember:
                    headers.append(
                        (
                            b"set-cookie",
                            f"{COOKIE}={remember}; Max-Age={YEAR}; Path=/; SameSite=Lax".encode(),
                        )
                    )
                message["headers"] = headers
            await send(message)

        with i18n.use(lang):
            await self.app(scope, receive, spoken_send)
