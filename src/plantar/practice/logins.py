"""Logging in: the password check, rate limiting, server-side sessions and CSRF tokens.

All of it lives in the database, none in the process, so any app process can check a login
made through another, and a burst of guesses is counted across all of them.

The web layer's part: put ``IssuedLogin.token`` in an HttpOnly, Secure, SameSite=Lax cookie,
give ``csrf_token`` to the page (a hidden form field, or the JSON of ``POST /api/v1/login``),
call ``resume`` on each request and ``check_csrf`` on each state-changing one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from plantar.practice.accounts import find_user, normalise_email, rehash_if_needed, verify_password
from plantar.practice.columns import utcnow
from plantar.practice.db import Database
from plantar.practice.errors import CsrfRejected, LoginFailed, LoginThrottled, SessionInvalid
from plantar.practice.models import LoginAttempt, LoginSession, User
from plantar.practice.settings import Settings

# An address may fail this many times more than one email (an office behind one NAT).
PER_ADDRESS_FACTOR = 4
# last_seen_at is written at most this often: inactivity is measured in minutes, and a write
# per request would make every page view a write.
TOUCH_EVERY_SECONDS = 30


@dataclass(frozen=True, kw_only=True)
class IssuedLogin:
    user_id: int
    token: str  # for the cookie; only its keyed hash is stored
    csrf_token: str


@dataclass(frozen=True, kw_only=True)
class CurrentLogin:
    user: User
    session: LoginSession

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token


def _token_id(token: str, secret: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def _retry_after(
    session: Session,
    *,
    column: InstrumentedAttribute[Any],
    value: str,
    limit: int,
    settings: Settings,
    now: datetime,
    forgive_after_success: bool,
) -> int | None:
    """Seconds until the oldest counted failure leaves the window, when ``limit`` is reached.
    For an email, failures before its last successful login do not count (its owner proved
    the password); for an address they do (one valid account must not unlock guessing)."""
    since = now - settings.login_window
    last_success = None
    if forgive_after_success:
        last_success = session.scalar(
            select(func.max(LoginAttempt.at)).where(
                column == value, LoginAttempt.succeeded.is_(True), LoginAttempt.at > since
            )
        )
    failures = select(LoginAttempt.at).where(
        column == value,
        LoginAttempt.at > (last_success or since),
        LoginAttempt.succeeded.is_(False),
    )
    count = session.scalar(select(func.count()).select_from(failures.subquery())) or 0
    if count < limit:
        return None
    oldest = session.scalar(failures.order_by(LoginAttempt.at.desc()).offset(limit - 1).limit(1))
    assert oldest is not None
    return max(1, int((oldest + settings.login_window - now).total_seconds()))


def login(
    db: Database,
    *,
    email: str,
    password: str,
    settings: Settings,
    client_ip: str | None = None,
    now: datetime | None = None,
) -> IssuedLogin:
    """Check the password and open a session; ``LoginFailed`` (one generic message for any
    wrong email, password or disabled account) or ``LoginThrottled`` otherwise.

    Takes the database, not a session: the failed attempt must be committed even though the
    call raises, or rate limiting would count nothing. So it runs its own transaction.
    """
    now = now or utcnow()
    email = normalise_email(email)[:254]
    secret = settings.require_secret()
    with db.transaction() as session:
        wait = _retry_after(
            session,
            column=LoginAttempt.email,
            value=email,
            limit=settings.login_max_failures,
            settings=settings,
            now=now,
            forgive_after_success=True,
        )
        if wait is None and client_ip:
            wait = _retry_after(
                session,
                column=LoginAttempt.client_ip,
                value=client_ip,
                limit=settings.login_max_failures * PER_ADDRESS_FACTOR,
                settings=settings,
                now=now,
                forgive_after_success=False,
            )
        if wait is not None:
            throttled = LoginThrottled(wait)
        else:
            user = find_user(session, email=email)
            ok = verify_password(user, password)
            session.add(LoginAttempt(email=email, client_ip=client_ip, at=now, succeeded=ok))
            # Old attempts count for nothing; dropping them keeps the table small.
            session.execute(
                delete(LoginAttempt).where(LoginAttempt.at < now - 2 * settings.login_window)
            )
            if ok and user is not None:
                rehash_if_needed(user, password)
                # Sessions that ended (idle or too old) go too, so their rows do not pile up.
                purge_expired(session, settings=settings, now=now)
                return _open_session(session, user=user, secret=secret, now=now)
            throttled = None
    raise throttled if throttled is not None else LoginFailed()


def _open_session(session: Session, *, user: User, secret: str, now: datetime) -> IssuedLogin:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(
        LoginSession(
            id=_token_id(token, secret),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
        )
    )
    session.flush()
    return IssuedLogin(user_id=user.id, token=token, csrf_token=csrf)


def resume(
    session: Session, *, token: str | None, settings: Settings, now: datetime | None = None
) -> CurrentLogin:
    """The login behind a cookie's token, or ``SessionInvalid`` when there is none, it was idle
    longer than the inactivity timeout, or it is older than the maximum session age."""
    now = now or utcnow()
    if not token:
        raise SessionInvalid()
    login_session = session.get(LoginSession, _token_id(token, settings.require_secret()))
    if login_session is None:
        raise SessionInvalid()
    idle = now - login_session.last_seen_at
    age = now - login_session.created_at
    user = login_session.user
    if idle > settings.idle_timeout or age > settings.max_session_age or user.disabled_at:
        session.delete(login_session)
        session.flush()
        raise SessionInvalid()
    if idle.total_seconds() >= TOUCH_EVERY_SECONDS:
        login_session.last_seen_at = now
    return CurrentLogin(user=user, session=login_session)


def check_csrf(current: CurrentLogin, presented: str | None) -> None:
    """Refuse a state-changing request whose token (header or form field) is not the one
    stored for this session; compared in constant time."""
    if not presented or not hmac.compare_digest(presented, current.session.csrf_token):
        raise CsrfRejected()


def logout(session: Session, *, token: str | None, settings: Settings) -> None:
    if token:
        session.execute(
            delete(LoginSession).where(
                LoginSession.id == _token_id(token, settings.require_secret())
            )
        )


def purge_expired(session: Session, *, settings: Settings, now: datetime | None = None) -> int:
    """Delete ended sessions (any process may run it; ``resume`` refuses them regardless)."""
    now = now or utcnow()
    result = session.execute(
        delete(LoginSession).where(
            (LoginSession.last_seen_at < now - settings.idle_timeout)
            | (LoginSession.created_at < now - settings.max_session_age)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
