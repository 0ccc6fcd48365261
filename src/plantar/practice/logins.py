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
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, select, text, update
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.practice import audit
from plantar.practice.accounts import (
    MAX_EMAIL_LENGTH,
    check_new_password,
    check_password_length,
    find_user,
    normalise_email,
    rehash_if_needed,
    set_password,
    verify_hash,
)
from plantar.practice.columns import utcnow
from plantar.practice.db import Database
from plantar.practice.errors import CsrfRejected, LoginFailed, LoginThrottled, SessionInvalid
from plantar.practice.models import LoginAttempt, LoginSession, User
from plantar.practice.settings import Settings

# An address may fail this many times more than one email (an office behind one NAT).
PER_ADDRESS_FACTOR = 4
# Past the limit, each further try waits this long after the last failure, doubling with each
# failure more, up to the login window; failures are remembered this long (unless a success
# forgives them), so guessing one account from new browsers stays near 100 tries a day
# (NIST SP 800-63B, 5.2.2) however patient the guesser.
FIRST_WAIT_SECONDS = 30
FAILURE_MEMORY = timedelta(hours=24)
# last_seen_at is written at most this often: inactivity is measured in minutes, and a write
# per request would make every page view a write.
TOUCH_EVERY_SECONDS = 30


@dataclass(frozen=True, kw_only=True)
class IssuedLogin:
    user_id: int
    token: str  # for the cookie; only its keyed hash is stored
    csrf_token: str
    device: str  # for the long-lived device cookie: this browser has logged in to the account


@dataclass(frozen=True, kw_only=True)
class CurrentLogin:
    user: User
    session: LoginSession

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token


def _token_id(token: str, secret: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


# Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
# that logged in to an account keeps a token naming the account and a random device id, signed
# with the server's secret. Failures from that browser are counted for it alone; everybody
# else's failures on the account are counted together. So a stranger's guesses slow the
# stranger (and any new browser) down, but never the owner on a browser they used before.


def _device_signature(user_id: int, device_id: str, secret: str) -> str:
    message = f"device:{user_id}:{device_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def device_token(user_id: int, device_id: str, secret: str) -> str:
    return f"{user_id}.{device_id}.{_device_signature(user_id, device_id, secret)}"


def trusted_device(token: str | None, user: User | None, secret: str) -> str | None:
    """The device id of ``token`` when it is a genuine device cookie of ``user``, else None."""
    if not token or user is None or len(token) > 200:
        return None
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != str(user.id) or not parts[1]:
        return None
    expected = _device_signature(user.id, parts[1], secret)
    return parts[1] if hmac.compare_digest(parts[2], expected) else None


def _serialise(session: Session, key: str) -> None:
    """Hold a transaction-scoped lock on ``key``, so the count and the insert that follows
    are one step for every process (PostgreSQL's advisory lock; SQLite's transactions hold
    the write lock from their first statement)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
        )


def _wait(
    session: Session,
    *,
    where: ColumnElement[bool],
    limit: int,
    settings: Settings,
    now: datetime,
    forgive_after_success: bool,
) -> int | None:
    """Seconds to wait before the next try of the attempts matching ``where``, or None.

    Failures of the last ``FAILURE_MEMORY`` count (for an email or a device, only those after
    its last success: its owner proved the password; for an address all of them: one valid
    account must not unlock guessing). Under ``limit`` nothing waits; at the limit the next
    try waits ``FIRST_WAIT_SECONDS`` after the last failure, and each failure more doubles it,
    up to the login window. An attempt in progress counts as a failure until it succeeds, so
    parallel guesses cannot slip past the count."""
    since = now - FAILURE_MEMORY
    if forgive_after_success:
        last_success = session.scalar(
            select(func.max(LoginAttempt.at)).where(
                where, LoginAttempt.succeeded.is_(True), LoginAttempt.at > since
            )
        )
        since = max(since, last_success) if last_success is not None else since
    counted = select(func.count(), func.max(LoginAttempt.at)).where(
        where, LoginAttempt.at > since, LoginAttempt.succeeded.is_(False)
    )
    failures, last = session.execute(counted).one()
    if failures < limit or last is None:
        return None
    wait = min(
        settings.login_window.total_seconds(),
        FIRST_WAIT_SECONDS * 2 ** min(failures - limit, 30),
    )
    left = (last - now).total_seconds() + wait
    return max(1, math.ceil(left)) if left > 0 else None


def login(
    db: Database,
    *,
    email: str,
    password: str,
    settings: Settings,
    client_ip: str | None = None,
    device: str | None = None,
    now: datetime | None = None,
) -> IssuedLogin:
    """Check the password and open a session; ``LoginFailed`` (one generic message for any
    wrong email, password or disabled account) or ``LoginThrottled`` otherwise. ``device`` is
    the browser's device cookie, if it has one; ``IssuedLogin.device`` is the one to keep.

    Takes the database, not a session: the attempt is committed whatever the outcome (rate
    limiting must count it), and the slow password hash runs between two short transactions,
    never while holding the journal's write lock. The first reserves the attempt, counted as a
    failure, after checking the limits under a lock; the second records how it went.
    """
    now = now or utcnow()
    check_password_length(password)
    email = normalise_email(email)
    if len(email) > MAX_EMAIL_LENGTH or "\x00" in email:
        raise LoginFailed()  # no account has such an address: no need to count or store it
    secret = settings.require_secret()
    with db.transaction() as session:
        user = find_user(session, email=email)
        trusted = trusted_device(device, user, secret)
        untrusted = LoginAttempt.device.is_(None)
        limit = settings.login_max_failures
        # Each count: its lock key, the attempts it counts, its limit, and whether a success
        # forgives the failures before it. The owner's browser counts its own failures alone.
        counts: list[tuple[str, ColumnElement[bool], int, bool]]
        if trusted is not None:
            counts = [(f"login-device:{trusted}", LoginAttempt.device == trusted, limit, True)]
        else:
            by_email = (LoginAttempt.email == email) & untrusted
            counts = [(f"login-email:{email}", by_email, limit, True)]
            if client_ip:
                by_address = (LoginAttempt.client_ip == client_ip) & untrusted
                per_address = limit * PER_ADDRESS_FACTOR
                counts.append((f"login-address:{client_ip}", by_address, per_address, False))
        for key, where, most, forgive in counts:
            _serialise(session, key)
            wait = _wait(
                session,
                where=where,
                limit=most,
                settings=settings,
                now=now,
                forgive_after_success=forgive,
            )
            if wait is not None:
                raise LoginThrottled(wait)  # nothing written: the wait is not a try
        attempt = LoginAttempt(
            email=email, client_ip=client_ip, device=trusted, at=now, succeeded=False
        )
        session.add(attempt)
        session.flush()
        attempt_id = attempt.id
        user_id = user.id if user is not None else None
        stored = user.password_hash if user is not None and user.disabled_at is None else None
    ok = verify_hash(stored, password)  # outside any transaction: the slow part
    with db.transaction() as session:
        session.execute(
            update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(succeeded=ok)
        )
        # Attempts older than the memory count for nothing; dropping them keeps the table small.
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - FAILURE_MEMORY))
        found = session.get(User, user_id) if ok and user_id is not None else None
        if found is None or found.disabled_at is not None:
            audit.record(
                session,
                actor=None,
                action="login_failed",
                entity="user",
                entity_id=user_id,
                # The typed address only when it is an account's: a stranger's guess, or a
                # password typed into the wrong field, stays out of the log.
                detail=(
                    "no such account"
                    if user_id is None
                    else ("disabled account" if stored is None else "wrong password")
                )
                + (f" from {client_ip}" if client_ip else ""),
                now=now,
            )
        if found is not None and found.disabled_at is None:
            rehash_if_needed(found, password)
            # Sessions that ended (idle or too old) go too, so their rows do not pile up.
            purge_expired(session, settings=settings, now=now)
            device_id = trusted or secrets.token_urlsafe(24)
            return _open_session(
                session,
                user=found,
                secret=secret,
                now=now,
                device=device_token(found.id, device_id, secret),
            )
    raise LoginFailed()


def change_own_password(
    db: Database,
    *,
    user_id: int,
    current: str,
    new: str,
    keep: str,
    settings: Settings,
    now: datetime | None = None,
) -> int:
    """The owner's own change: ``current`` must be the account's password (``BadInput`` on
    ``current_password`` otherwise, counted like a failed login), ``new`` a good one; every
    other login session of the account ends (``keep``, this one, stays). The slow hashes run
    outside the write transactions. Returns how many sessions ended."""
    now = now or utcnow()
    check_password_length(current)
    with db.transaction() as session:
        user = session.get(User, user_id)
        assert user is not None
        stored, email = user.password_hash, user.email
    check_new_password(new, email=email)  # before the slow check of the current one
    if not verify_hash(stored, current):
        with db.transaction() as session:
            session.add(LoginAttempt(email=email, client_ip=None, at=now, succeeded=False))
        raise BadInput("current_password", "(hidden)", _("your current password"))
    with db.transaction() as session:
        user = session.get(User, user_id)
        assert user is not None
        return set_password(session, user=user, password=new, actor=user, keep=keep, now=now)


def _open_session(
    session: Session, *, user: User, secret: str, now: datetime, device: str
) -> IssuedLogin:
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
    return IssuedLogin(user_id=user.id, token=token, csrf_token=csrf, device=device)


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
