"""Logins over HTTP: the app's practice database, the session cookie, the CSRF check, and what
each practice error becomes for a page or for the API.

Every rule about a login lives in ``plantar.practice.logins`` (passwords, rate limits,
inactivity, tokens) and is kept in the database, so several app processes share it. This
module only carries the token between the cookie and ``resume``, and the CSRF token between a
form field or the ``X-CSRF-Token`` header and ``check_csrf``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Request, Response
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from plantar.i18n import _
from plantar.practice.db import Database, open_database
from plantar.practice.errors import CsrfRejected, PracticeError, SessionInvalid
from plantar.practice.logins import check_csrf, resume
from plantar.practice.models import User
from plantar.practice.settings import MIN_SECRET_LENGTH, Settings, load_settings

COOKIE = "plantar_session"
LOGIN_NONCE_COOKIE = "plantar_login_nonce"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Health records must not linger in a shared browser's or a proxy's cache.
NO_STORE = {"Cache-Control": "no-store"}


class NotConfigured(PracticeError):
    """The journal cannot log anyone in: the server has no session secret. The journal is
    then not there at all (404), as a feature that is switched off, and says how to switch
    it on; nothing opens the database."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The practice journal is not set up on this server: set PLANTAR_SECRET to a "
                "random secret of at least {length} characters (or PLANTAR_SECRET_FILE) and "
                "restart it."
            ).format(length=MIN_SECRET_LENGTH)
        )


class OverPlainNetwork(PracticeError):
    """A request for the journal from another device over plain http (`plantar serve --lan`
    without TLS in front): passwords and clients' notes would cross the network readable by
    anyone on it, so the journal is off for it (403)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The practice journal is off over plain http on the network: passwords and "
                "clients' notes would cross it unencrypted. Put a TLS proxy in front of plantar "
                "on its computer (and start it with --behind-tls), or open it on that computer "
                "at http://127.0.0.1."
            )
        )


LOOPBACK_PEERS = frozenset({"127.0.0.1", "::1"})


class PracticeApp:
    """The app's settings and its one Database. The database is opened (and migrated) on
    first use, so serving only the home pages never creates a journal file."""

    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        self.settings = settings
        self._db = db
        self._lock = threading.Lock()

    @property
    def db(self) -> Database:
        if self._db is None:
            with self._lock:  # two first requests at once must not open two pools
                if self._db is None:
                    self._db = open_database(self.settings.db_url)
        return self._db


async def get_practice(request: Request) -> PracticeApp:
    # async: it only reads the app's state, so no hop to the thread pool.
    practice: PracticeApp = request.app.state.practice
    if practice.settings.secret is None:
        raise NotConfigured()
    if practice.settings.plain_http_network and request.url.scheme != "https":
        peer = request.client.host if request.client else ""
        if peer not in LOOPBACK_PEERS:
            raise OverPlainNetwork()
    return practice


PracticeDep = Annotated[PracticeApp, Depends(get_practice)]

# Ids are INTEGER columns: the largest PostgreSQL holds. A larger one is bad input (422),
# not a database error (SQLite cannot even bind it).
MAX_ID = 2**31 - 1
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]


@dataclass(frozen=True)
class Me:
    """The logged-in account of this request (detached from any database session: its
    columns are loaded, which is all the services read)."""

    user: User
    csrf_token: str
    session_id: str = ""  # the login session's id (the keyed hash of the cookie's token)

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin


async def form_of(request: Request) -> FormData:
    """The request's form (Starlette keeps it, so reading it twice parses it once)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(form_of)]


async def presented_csrf(request: Request) -> str | None:
    """The CSRF token a state-changing request presents: the header (API, scripts) or the
    form field (pages)."""
    if request.method not in UNSAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header is not None:
        return header
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def current_login(
    request: Request,
    practice: PracticeDep,
    presented: Annotated[str | None, Depends(presented_csrf)],
) -> Me:
    """The login behind the cookie; ``SessionInvalid`` (401, or the login page) without one,
    ``CsrfRejected`` (403) for a state-changing request without the session's token."""
    ended: SessionInvalid | None = None
    with practice.db.transaction() as session:
        try:
            current = resume(session, token=request.cookies.get(COOKIE), settings=practice.settings)
        except SessionInvalid as exc:
            ended = exc  # leave the block normally: resume's deletion of the ended row commits
        else:
            if request.method in UNSAFE_METHODS:
                check_csrf(current, presented)
            session.expunge(current.user)
            me = Me(
                user=current.user,
                csrf_token=current.csrf_token,
                session_id=current.session.id,
            )
            request.state.account_id = current.user.id  # for the audit of refused requests
    if ended is not None:
        raise ended
    return me


CurrentUser = Annotated[Me, Depends(current_login)]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    # No max-age: the cookie ends with the browser; the server ends the session sooner when
    # it is idle (PLANTAR_IDLE_MINUTES) or old (PLANTAR_SESSION_HOURS).
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


# A browser that logged in keeps this for as long as browsers allow (Chromium caps cookies at
# 400 days): its failed logins are then counted apart from everybody else's.
DEVICE_COOKIE = "plantar_device"
DEVICE_COOKIE_DAYS = 400


def set_device_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


# The login form's CSRF token. There is no session yet, so the token is bound to a random
# nonce in a cookie instead: the form carries HMAC(secret, nonce), which another site can
# neither read nor compute.


def login_nonce(request: Request) -> str:
    return request.cookies.get(LOGIN_NONCE_COOKIE) or secrets.token_urlsafe(24)


def login_form_token(nonce: str, settings: Settings) -> str:
    key = settings.require_secret().encode()
    return hmac.new(key, b"login-form:" + nonce.encode(), hashlib.sha256).hexdigest()


def set_login_nonce(response: Response, request: Request, nonce: str) -> None:
    response.set_cookie(
        LOGIN_NONCE_COOKIE,
        nonce,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/login",
    )


def check_login_form(request: Request, presented: str | None, settings: Settings) -> None:
    nonce = request.cookies.get(LOGIN_NONCE_COOKIE)
    expected = login_form_token(nonce, settings) if nonce else None
    if not presented or expected is None or not hmac.compare_digest(presented, expected):
        raise CsrfRejected()


def safe_next(value: str | None, default: str = "/practice") -> str:
    """A local path to go to after logging in; anything else (another site) is refused."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def install(app: FastAPI, *, settings: Settings | None = None, db: Database | None = None) -> None:
    """Give the app its practice settings and database (how their errors are answered is
    ``web/errors.py``).

    ``settings`` default to the environment (``PLANTAR_DB``, ``PLANTAR_SECRET``...); tests
    pass their own, with a database of their own.
    """
    app.state.practice = PracticeApp(settings or load_settings(), db)


def page_response(response: HTMLResponse) -> HTMLResponse:
    response.headers.update(NO_STORE)
    return response
