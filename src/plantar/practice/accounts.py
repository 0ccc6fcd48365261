"""Accounts: practitioners, the one admin, and the local account of a home user.

Passwords are hashed with argon2id (argon2-cffi's defaults: 64 MiB, 3 passes, 4 lanes), and
rehashed at the next login when those parameters change. ``PLANTAR_PASSWORD_COST=test`` makes
the hash cheap for test suites (settings.py, ``PASSWORD_COSTS``).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import N_, _, ngettext
from plantar.practice import audit
from plantar.practice.columns import utcnow
from plantar.practice.errors import Forbidden
from plantar.practice.models import ROLES, LoginSession, User
from plantar.practice.schemas import UserPublic
from plantar.practice.settings import PASSWORD_COSTS, password_cost

MIN_PASSWORD_LENGTH = 10
# One longest password, for setting one and for logging in with it (argon2 takes any length;
# this only keeps a request from making the server hash megabytes).
MAX_PASSWORD_LENGTH = 1024
MAX_EMAIL_LENGTH = 254  # RFC 5321's longest path, less its angle brackets
# zxcvbn's score (0 to 4) a new password must reach: 3 is "safely unguessable" with a slow
# hash, which rules out common passwords and their variants, repeats, sequences, keyboard walks.
MIN_PASSWORD_SCORE = 3
# The home user's account; ".invalid" is reserved (RFC 2606), so it never receives mail.
LOCAL_EMAIL = "local@plantar.invalid"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@cache
def hasher() -> PasswordHasher:
    passes, memory, lanes = PASSWORD_COSTS[password_cost()]
    return PasswordHasher(time_cost=passes, memory_cost=memory, parallelism=lanes)


@cache
def _dummy_hash() -> str:
    return hasher().hash("a password nobody has")


def normalise_email(email: str) -> str:
    return email.strip().lower()


# zxcvbn's words (its own gettext is never given a catalog): marked here so the catalog holds
# them, and said in the current language where a password is refused.
ZXCVBN_FEEDBACK = (
    N_("Add another word or two. Uncommon words are better."),
    N_("Capitalization doesn't help very much."),
    N_("Reversed words aren't much harder to guess."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
    N_("Use a few words, avoid common phrases."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Straight rows of keys are easy to guess."),
    N_("Short keyboard patterns are easy to guess."),
    N_("This is a top-10 common password."),
    N_("This is similar to a commonly used password."),
    N_("A word by itself is easy to guess."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Use a longer keyboard pattern with more turns."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_("This is a top-100 common password."),
    N_("This is a very common password."),
    N_("Names and surnames by themselves are easy to guess."),
    N_("Common names and surnames are easy to guess."),
    N_("Avoid repeated words and characters."),
    N_('Sequences like "abc" or "6543" are easy to guess.'),
    N_("Avoid sequences."),
    N_("Recent years are easy to guess."),
    N_("Dates are often easy to guess."),
    N_("Avoid recent years."),
    N_("Avoid years that are associated with you."),
    N_("Avoid dates and years that are associated with you."),
)
EASY_TO_GUESS = N_("This password is easy to guess.")
USE_UNCOMMON_WORDS = N_("Use a few uncommon words.")


def _zxcvbn_said(text: str) -> str:
    """One of zxcvbn's sentences in the current language (one it adds later: as it is)."""
    return _(text) if text in ZXCVBN_FEEDBACK else text


def _length(password: str) -> str:
    """A password said back by its length only (never its characters)."""
    # English says "characters" for every length, as it always has; Russian takes its forms.
    count = ngettext("({n} characters)", "({n} characters)", len(password))
    return count.format(n=len(password))


def check_password_length(password: str) -> None:
    """``BadInput`` for a password longer than any account can have (the value itself is
    never echoed, only its length)."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise BadInput(
            "password",
            _length(password),
            _("at most {n} characters").format(n=MAX_PASSWORD_LENGTH),
        )


def check_new_password(password: str, *, email: str = "") -> None:
    """A password a new or changed account may have: ``MIN_PASSWORD_LENGTH`` to
    ``MAX_PASSWORD_LENGTH`` characters, no NUL, and hard to guess by zxcvbn's measure (common
    passwords and their variants, repeats, sequences, the account's own email are refused,
    with zxcvbn's reason)."""
    shown = _length(password)
    check_password_length(password)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(
            "password", shown, _("at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )
    if "\x00" in password:
        raise BadInput("password", shown, _("text without NUL characters"))
    from zxcvbn import zxcvbn  # a 1.7 MB word list: loaded only when a password is set

    # zxcvbn judges at most 72 characters (its matching grows fast with the length): a longer
    # password is judged by its start.
    judged = zxcvbn(password[:72], user_inputs=[email, *email.split("@")] if email else [])
    if judged["score"] < MIN_PASSWORD_SCORE:
        feedback = judged["feedback"]
        reason = _zxcvbn_said(feedback.get("warning") or EASY_TO_GUESS)
        hint = " ".join(
            _zxcvbn_said(s) for s in feedback.get("suggestions") or [USE_UNCOMMON_WORDS]
        )
        said = _("password: too easy to guess. {reason} {hint}")
        raise BadInput("password", shown, message=said.format(reason=reason, hint=hint).strip())


def hash_password(password: str, *, email: str = "") -> str:
    """The argon2id hash of a new password, once ``check_new_password`` accepts it."""
    check_new_password(password, email=email)
    return hasher().hash(password)


def verify_hash(stored: str | None, password: str) -> bool:
    """True when ``password`` matches the ``stored`` hash. Runs a full hash even when there
    is none (an unknown or disabled account), so the time taken does not tell which emails
    have accounts."""
    try:
        hasher().verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


def rehash_if_needed(user: User, password: str) -> None:
    if user.password_hash and hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hasher().hash(password)


def create_user(session: Session, *, email: str, password: str, role: str = "practitioner") -> User:
    """A new practitioner (or the admin). Bad or taken emails, short passwords, a second admin
    are ``BadInput`` naming the field."""
    if role not in ("practitioner", "admin"):
        raise BadInput("role", role, ["admin", "practitioner"])
    email = normalise_email(email)
    if (
        not _EMAIL.match(email)
        or len(email) > MAX_EMAIL_LENGTH
        or "\x00" in email
        or email == LOCAL_EMAIL
    ):
        raise BadInput("email", email, _("an email address such as name@example.org"))
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise BadInput("email", email, _("an address that has no account yet"))
    if role == "admin" and count_users(session, role="admin"):
        raise BadInput("role", role, _("practitioner: this database already has its one admin"))
    user = User(email=email, password_hash=hash_password(password, email=email), role=role)
    session.add(user)
    session.flush()
    return user


def local_user(session: Session) -> User:
    """The account that owns a home user's personal journal, created on first use. It has no
    password: nobody logs in as it over the web."""
    user = session.scalar(select(User).where(User.role == "local"))
    if user is None:
        user = User(email=LOCAL_EMAIL, password_hash=None, role="local")
        session.add(user)
        session.flush()
    return user


def get_user(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id)


def find_user(session: Session, *, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def list_users(session: Session) -> list[UserPublic]:
    users = session.scalars(select(User).where(User.role != "local").order_by(User.id))
    return [UserPublic.model_validate(u) for u in users]


def count_users(session: Session, *, role: str) -> int:
    if role not in ROLES:
        raise BadInput("role", role, ROLES)
    return session.scalar(select(func.count()).select_from(User).where(User.role == role)) or 0


# Managing accounts: the admin on the web, anyone with the database on the command line (where
# ``actor`` is None: the machine's owner). Each change is in the audit log, and each change that
# must end a login ends it at once: a disabled account, a new password.


def account(session: Session, *, email: str | None = None, user_id: int | None = None) -> User:
    """A practitioner's or the admin's account, by email or id; ``BadInput`` names the
    unknown one (the local account of a home user is not managed here)."""
    found = find_user(session, email=email) if email is not None else None
    if user_id is not None:
        found = session.get(User, user_id)
    if found is None or found.role == "local":
        shown = email if email is not None else user_id
        raise BadInput(
            "email" if email is not None else "user",
            shown,
            _("an account of this journal (`plantar users list`)"),
        )
    return found


def require_admin(actor: User) -> None:
    """``Forbidden`` unless ``actor`` is the admin, who alone manages accounts."""
    if not actor.is_admin:
        raise Forbidden(_("only the admin manages accounts"))


def managed_accounts(session: Session, *, actor: User) -> list[UserPublic]:
    """The accounts, for the admin to manage (``Forbidden`` for anyone else)."""
    require_admin(actor)
    return list_users(session)


def _managed(actor: User | None, target: User) -> None:
    if actor is None:
        return
    require_admin(actor)
    if actor.id == target.id:
        raise Forbidden(
            _("the admin's own account is changed from the command line (`plantar users`)")
        )


def end_sessions(
    session: Session,
    *,
    user: User,
    actor: User | None = None,
    keep: str | None = None,
    now: datetime | None = None,
) -> int:
    """Log ``user`` out everywhere (but the login session ``keep``); returns how many ended."""
    query = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep is not None:
        query = query.where(LoginSession.id != keep)
    ended = int(getattr(session.execute(query), "rowcount", 0) or 0)
    audit.record(
        session,
        actor=actor,
        action="end_sessions",
        entity="user",
        entity_id=user.id,
        detail=f"{ended} ended",
        now=now,
    )
    return ended


def disable_user(
    session: Session, *, user: User, actor: User | None = None, now: datetime | None = None
) -> UserPublic:
    """Refuse every login of ``user`` from now on, and end the ones open (records stay)."""
    _managed(actor, user)
    now = now or utcnow()
    if user.disabled_at is None:
        user.disabled_at = now
        audit.record(
            session, actor=actor, action="disable", entity="user", entity_id=user.id, now=now
        )
    end_sessions(session, user=user, actor=actor, now=now)
    session.flush()
    return UserPublic.model_validate(user)


def enable_user(
    session: Session, *, user: User, actor: User | None = None, now: datetime | None = None
) -> UserPublic:
    _managed(actor, user)
    if user.disabled_at is not None:
        user.disabled_at = None
        audit.record(
            session, actor=actor, action="enable", entity="user", entity_id=user.id, now=now
        )
    session.flush()
    return UserPublic.model_validate(user)


def set_password(
    session: Session,
    *,
    user: User,
    password: str,
    actor: User | None = None,
    keep: str | None = None,
    now: datetime | None = None,
) -> int:
    """A new password for ``user`` (``check_new_password``'s rules); every login session of
    the account ends but ``keep`` (the one the owner changed it from). Returns how many
    ended."""
    if actor is not None and actor.id != user.id:
        _managed(actor, user)
    user.password_hash = hash_password(password, email=user.email)
    audit.record(session, actor=actor, action="password", entity="user", entity_id=user.id, now=now)
    ended = end_sessions(session, user=user, actor=actor, keep=keep, now=now)
    session.flush()
    return ended
