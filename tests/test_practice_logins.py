"""Logins under attack, on SQLite and PostgreSQL: parallel guesses cannot beat the limit, a
stranger's guesses never lock the owner out of a browser they used before, the slow hash never
holds the journal's write lock, and a new password must be hard to guess."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantar.errors import BadInput
from plantar.practice import accounts, logins
from plantar.practice.accounts import MAX_PASSWORD_LENGTH, create_user
from plantar.practice.db import Database
from plantar.practice.errors import LoginFailed, LoginThrottled
from plantar.practice.logins import login
from plantar.practice.models import LoginAttempt, User
from plantar.practice.settings import Settings
from practice_fixtures import PASSWORD

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PARALLEL = 40


def _fail(db: Database, settings: Settings, email: str, at: datetime, **more: str) -> None:
    with pytest.raises(LoginFailed) as failed:
        login(db, email=email, password="not the password", settings=settings, now=at, **more)
    assert not isinstance(failed.value, LoginThrottled)


def test_a_strangers_guesses_never_lock_the_owner_out_of_their_own_browser(
    db: Database, alice: User, settings: Settings
) -> None:
    owner = login(db, email=alice.email, password=PASSWORD, settings=settings, now=T0)
    assert owner.device.startswith(f"{alice.id}.")
    at = T0 + timedelta(minutes=1)
    # Guesses from many addresses, as a botnet would, until the account waits for everyone.
    for n in range(settings.login_max_failures):
        _fail(db, settings, alice.email, at, client_ip=f"198.51.100.{n}")
    with pytest.raises(LoginThrottled):
        login(db, email=alice.email, password=PASSWORD, settings=settings, now=at)
    # The owner, on the browser they logged in from, is not held back at all ...
    again = login(
        db, email=alice.email, password=PASSWORD, settings=settings, now=at, device=owner.device
    )
    assert again.user_id == alice.id
    assert again.device == owner.device  # the same browser keeps its device id
    # ... nor does their success forgive the stranger's failures.
    with pytest.raises(LoginThrottled):
        login(db, email=alice.email, password="another guess", settings=settings, now=at)


def test_failures_from_a_trusted_browser_are_counted_for_it_alone(
    db: Database, alice: User, settings: Settings
) -> None:
    owner = login(db, email=alice.email, password=PASSWORD, settings=settings, now=T0)
    for second in range(settings.login_max_failures):
        _fail(db, settings, alice.email, T0 + timedelta(seconds=second), device=owner.device)
    later = T0 + timedelta(seconds=settings.login_max_failures)
    with pytest.raises(LoginThrottled):
        login(
            db,
            email=alice.email,
            password=PASSWORD,
            settings=settings,
            now=later,
            device=owner.device,
        )
    # A stolen device cookie is one more guesser, not a way around the limit: and its failures
    # do not slow down anybody else.
    assert login(db, email=alice.email, password=PASSWORD, settings=settings, now=later)


@pytest.mark.parametrize(
    "forged",
    [
        "1.abc.0123456789abcdef0123456789abcdef",  # a made-up signature
        "not a device cookie",
        "",
        "9" * 5000,
    ],
)
def test_a_forged_or_foreign_device_cookie_counts_as_no_device(
    db: Database, alice: User, bob: User, settings: Settings, forged: str
) -> None:
    bobs = login(db, email=bob.email, password=PASSWORD, settings=settings, now=T0).device
    for cookie in (forged, bobs):  # bob's genuine cookie says nothing about alice
        for _ in range(settings.login_max_failures):
            _fail(db, settings, alice.email, T0, device=cookie)
        with pytest.raises(LoginThrottled):
            login(db, email=alice.email, password=PASSWORD, settings=settings, now=T0)
        with db.transaction() as session:
            assert session.scalar(select(func.count()).where(LoginAttempt.device.is_not(None))) == 0
            session.execute(LoginAttempt.__table__.delete())


def test_parallel_guesses_get_no_try_past_the_limit(
    db_url: str, alice: User, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figure of the note: tries past the limit, on each engine, with 40 at once. The
    count is slowed down (as on a loaded server) so that, were the count and the reservation
    not one step, every guess would count the same few failures and go through."""
    db = Database(db_url, pool_size=PARALLEL, max_overflow=0)
    counted = logins._wait

    def slow_count(*args: Any, **kwargs: Any) -> int | None:
        wait = counted(*args, **kwargs)
        time.sleep(0.02)
        return wait

    monkeypatch.setattr(logins, "_wait", slow_count)
    start = threading.Barrier(PARALLEL)

    def guess(n: int) -> str:
        start.wait()
        try:
            login(db, email=alice.email, password=f"guess {n}", settings=settings, now=T0)
        except LoginThrottled:
            return "throttled"
        except LoginFailed:
            return "tried"
        return "in"

    with ThreadPoolExecutor(PARALLEL) as pool:
        outcomes = list(pool.map(guess, range(PARALLEL)))
    with db.transaction() as session:
        stored = session.scalar(select(func.count()).select_from(LoginAttempt))
    db.dispose()
    tried = outcomes.count("tried")
    assert tried == settings.login_max_failures, outcomes  # 0 past the limit
    assert outcomes.count("throttled") == PARALLEL - tried
    assert stored == tried


def test_the_slow_hash_runs_without_the_journals_write_lock(
    db_url: str, db: Database, alice: User, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the password is being checked, another process can write at once (SQLite: a
    writer that would wait for nobody; PostgreSQL: no login row is locked meanwhile)."""
    checked = logins.verify_hash
    probes: list[bool] = []

    def probing(stored: str | None, password: str) -> bool:
        if db.dialect == "sqlite":
            path = db_url.removeprefix("sqlite:///")
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # fails at once if a writer holds the lock
                other.execute("ROLLBACK")
                probes.append(True)
            except sqlite3.OperationalError:
                probes.append(False)
            finally:
                other.close()
        else:
            with db.engine.connect() as other:
                locks = other.exec_driver_sql(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                ).scalar()
                probes.append(locks == 0)
        return checked(stored, password)

    monkeypatch.setattr(logins, "verify_hash", probing)
    assert login(db, email=alice.email, password=PASSWORD, settings=settings, now=T0)
    with pytest.raises(LoginFailed):
        login(db, email=alice.email, password="wrong one", settings=settings, now=T0)
    assert probes == [True, True]


# Passwords --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", "Repeats"),
        ("password12", "very common password"),
        ("qwertyuiop", "common password"),
        ("1234567890", "common password"),
        ("alice@example.org", "guess"),
        ("short", "at least 10 characters"),
        ("x" * (MAX_PASSWORD_LENGTH + 1), f"at most {MAX_PASSWORD_LENGTH} characters"),
        ("a long\x00passphrase here", "NUL"),
    ],
)
def test_a_new_password_must_be_hard_to_guess(db: Database, password: str, reason: str) -> None:
    with pytest.raises(BadInput, match=reason) as bad, db.transaction() as session:
        create_user(session, email="alice@example.org", password=password)
    assert bad.value.field == "password"
    assert password not in bad.value.message or len(password) < 3


def test_the_longest_password_that_can_be_set_can_be_used_and_one_longer_cannot(
    db: Database, settings: Settings
) -> None:
    longest = ("Ocelot-river-" * 100)[:MAX_PASSWORD_LENGTH]
    with db.transaction() as session:
        create_user(session, email="long@example.org", password=longest)
    assert login(db, email="long@example.org", password=longest, settings=settings, now=T0)
    with pytest.raises(BadInput, match=f"at most {MAX_PASSWORD_LENGTH}"):
        login(db, email="long@example.org", password=longest + "x", settings=settings, now=T0)


@pytest.mark.parametrize("email", ["alice\x00@example.org", "a" * 400 + "@example.org"])
def test_an_address_no_account_can_have_is_a_plain_failure_and_stores_nothing(
    db: Database, alice: User, settings: Settings, email: str
) -> None:
    with pytest.raises(LoginFailed):
        login(db, email=email, password=PASSWORD, settings=settings, now=T0)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_an_email_with_nul_cannot_be_given_an_account(db: Database) -> None:
    with pytest.raises(BadInput) as bad, db.transaction() as session:
        create_user(session, email="eve\x00@example.org", password=PASSWORD)
    assert bad.value.field == "email"


# Over the web -----------------------------------------------------------------------------------


def test_the_owners_browser_keeps_logging_in_while_strangers_wait(
    app: FastAPI, alice: User
) -> None:
    owner = TestClient(app)
    assert owner.post("/api/v1/login", json={"email": alice.email, "password": PASSWORD}).is_success
    assert owner.cookies.get("plantar_device", "").startswith(f"{alice.id}.")
    stranger = TestClient(app)
    statuses = [
        stranger.post("/api/v1/login", json={"email": alice.email, "password": "guess"}).status_code
        for _ in range(8)
    ]
    assert statuses == [401] * 5 + [429] * 3
    back = owner.post("/api/v1/login", json={"email": alice.email, "password": PASSWORD})
    assert back.status_code == 200, back.text
    page = TestClient(app)  # a new browser with the right password waits like the stranger
    assert (
        page.post("/api/v1/login", json={"email": alice.email, "password": PASSWORD}).status_code
        == 429
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"email": "alice@example.org\x00", "password": PASSWORD}, 401),
        ({"email": "alice@example.org", "password": "x" * (MAX_PASSWORD_LENGTH + 1)}, 422),
    ],
)
def test_bad_bytes_at_the_login_are_a_clear_answer_never_a_500(
    app: FastAPI, alice: User, body: dict[str, str], status: int
) -> None:
    response = TestClient(app).post("/api/v1/login", json=body)
    assert response.status_code == status, response.text
    assert "x" * 100 not in response.text


def test_one_longest_password_for_setting_it_and_for_logging_in() -> None:
    from plantar.web.practice.login import LoginBody

    limit = LoginBody.model_fields["password"].metadata
    assert any(getattr(m, "max_length", None) == accounts.MAX_PASSWORD_LENGTH for m in limit)
