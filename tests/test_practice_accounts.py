"""Accounts, logins, rate limiting, sessions and CSRF, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import argon2
import pytest
from click.testing import Result
from sqlalchemy import func, select

from plantar.errors import BadInput
from plantar.practice.accounts import (
    create_user,
    hash_password,
    hasher,
    list_users,
    local_user,
    rehash_if_needed,
)
from plantar.practice.db import Database
from plantar.practice.errors import CsrfRejected, LoginFailed, LoginThrottled, SessionInvalid
from plantar.practice.logins import check_csrf, login, logout, purge_expired, resume
from plantar.practice.models import LoginAttempt, LoginSession, User
from plantar.practice.settings import PASSWORD_COSTS, Settings, load_settings
from practice_fixtures import PASSWORD  # the personas' password

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_it_hashes_passwords_with_argon2id(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, email=" Carol@Example.org ", password="a long passphrase")
        assert user.email == "carol@example.org"
        assert user.password_hash is not None
        assert user.password_hash.startswith("$argon2id$")
        assert "a long passphrase" not in user.password_hash


def test_real_accounts_get_argon2s_standard_cost_and_a_test_hash_is_upgraded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The suite hashes cheaply (PLANTAR_PASSWORD_COST=test, set in conftest.py); without the
    setting, hashes use argon2-cffi's RFC 9106 low-memory profile, and a cheap hash is replaced
    at the next login."""
    profile = argon2.profiles.RFC_9106_LOW_MEMORY
    assert PASSWORD_COSTS["standard"] == (
        profile.time_cost,
        profile.memory_cost,
        profile.parallelism,
    )
    cheap = hash_password(PASSWORD)
    assert cheap.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    monkeypatch.delenv("PLANTAR_PASSWORD_COST")
    hasher.cache_clear()
    try:
        assert hash_password(PASSWORD).startswith("$argon2id$v=19$m=65536,t=3,p=4$")
        user = User(email="dora@example.org", password_hash=cheap, role="practitioner")
        rehash_if_needed(user, PASSWORD)
        assert user.password_hash is not None
        assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    finally:
        hasher.cache_clear()  # the next test hashes cheaply again


def test_a_bad_password_cost_names_the_valid_ones() -> None:
    with pytest.raises(BadInput, match=r"PLANTAR_PASSWORD_COST.*'fast'.*standard.*test"):
        load_settings({"PLANTAR_PASSWORD_COST": "fast"})


@pytest.mark.parametrize(
    ("email", "password", "role", "field"),
    [
        ("not-an-email", "a long passphrase", "practitioner", "email"),
        ("x@example.org", "short", "practitioner", "password"),
        ("x@example.org", "a long passphrase", "owner", "role"),
        ("local@plantar.invalid", "a long passphrase", "practitioner", "email"),
    ],
)
def test_it_names_the_field_of_a_bad_account(
    db: Database, email: str, password: str, role: str, field: str
) -> None:
    with pytest.raises(BadInput) as caught, db.transaction() as session:
        create_user(session, email=email, password=password, role=role)
    assert caught.value.field == field
    assert password not in caught.value.message or field != "password"


def test_it_refuses_a_taken_email_and_a_second_admin(
    db: Database, alice: User, admin: User
) -> None:
    with pytest.raises(BadInput, match="no account yet"), db.transaction() as session:
        create_user(session, email="ALICE@example.org", password="another passphrase")
    with pytest.raises(BadInput, match="already has its one admin"), db.transaction() as session:
        create_user(session, email="root@example.org", password="another passphrase", role="admin")


def test_it_lists_accounts_without_the_local_one(db: Database, alice: User, admin: User) -> None:
    with db.transaction() as session:
        local_user(session)
        assert local_user(session).id == local_user(session).id  # created once
        emails = [u.email for u in list_users(session)]
    assert emails == ["alice@example.org", "admin@example.org"]


def test_it_logs_in_with_the_right_password(db: Database, alice: User, settings: Settings) -> None:
    issued = login(db, email="Alice@Example.org", password=PASSWORD, settings=settings, now=T0)
    assert issued.user_id == alice.id
    with db.transaction() as session:
        current = resume(session, token=issued.token, settings=settings, now=T0)
        assert current.user.email == "alice@example.org"
        assert current.csrf_token == issued.csrf_token
        stored = session.scalars(select(LoginSession.id)).all()
    assert issued.token not in stored  # only a keyed hash of the token is kept


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@example.org", "wrong password!"), ("nobody@example.org", PASSWORD)],
)
def test_it_gives_one_generic_message_for_any_failed_login(
    db: Database, alice: User, settings: Settings, email: str, password: str
) -> None:
    with pytest.raises(LoginFailed) as caught:
        login(db, email=email, password=password, settings=settings, now=T0)
    assert caught.value.message == "Wrong email or password."
    assert not isinstance(caught.value, LoginThrottled)


def test_it_refuses_a_disabled_account_with_the_same_message(
    db: Database, alice: User, settings: Settings
) -> None:
    with db.transaction() as session:
        user = session.get(User, alice.id)
        assert user is not None
        user.disabled_at = T0
    with pytest.raises(LoginFailed, match="Wrong email or password"):
        login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)


def test_past_the_limit_each_try_waits_longer_even_with_the_right_password(
    db: Database, alice: User, settings: Settings
) -> None:
    """Five failures are free; then each try waits 30 s after the last failure, doubling with
    every failure more, never longer than the login window."""
    at = T0
    for second in range(settings.login_max_failures):
        at = T0 + timedelta(seconds=second)
        with pytest.raises(LoginFailed):
            login(db, email=alice.email, password="guess number x", settings=settings, now=at)
    waits = []
    for _ in range(7):
        with pytest.raises(LoginThrottled, match="try again in") as paused:
            login(db, email=alice.email, password=PASSWORD, settings=settings, now=at)
        waits.append(paused.value.retry_after_seconds)
        at += timedelta(seconds=paused.value.retry_after_seconds)
        with pytest.raises(LoginFailed) as failed:  # the wait is over: one more try
            login(db, email=alice.email, password="guess number y", settings=settings, now=at)
        assert not isinstance(failed.value, LoginThrottled)
    window = int(settings.login_window.total_seconds())
    assert waits == [30, 60, 120, 240, 480, window, window]
    # After the wait, the right password works, and forgives the failures before it.
    at += timedelta(seconds=window)
    assert login(db, email=alice.email, password=PASSWORD, settings=settings, now=at)
    with pytest.raises(LoginFailed) as fresh:
        login(db, email=alice.email, password="guess number z", settings=settings, now=at)
    assert not isinstance(fresh.value, LoginThrottled)


def test_it_counts_failures_in_the_database_shared_by_all_processes(
    db_url: str, alice: User, settings: Settings
) -> None:
    # Each attempt through a separate Database (its own pool), as separate processes would.
    for minute in range(settings.login_max_failures):
        other = Database(db_url)
        with pytest.raises(LoginFailed):
            login(
                other,
                email="alice@example.org",
                password="nope nope",
                settings=settings,
                now=T0 + timedelta(seconds=minute),
            )
        other.dispose()
    fresh = Database(db_url)
    with pytest.raises(LoginThrottled):
        login(fresh, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    with fresh.transaction() as session:
        failures = session.scalar(select(func.count()).select_from(LoginAttempt))
    assert failures == settings.login_max_failures
    fresh.dispose()


def test_it_forgives_an_email_after_a_successful_login(
    db: Database, alice: User, settings: Settings
) -> None:
    for second in range(settings.login_max_failures - 1):
        with pytest.raises(LoginFailed):
            login(
                db,
                email="alice@example.org",
                password="nope nope",
                settings=settings,
                now=T0 + timedelta(seconds=second),
            )
    login(
        db,
        email="alice@example.org",
        password=PASSWORD,
        settings=settings,
        now=T0 + timedelta(seconds=30),
    )
    for second in range(settings.login_max_failures - 1):
        with pytest.raises(LoginFailed) as caught:
            login(
                db,
                email="alice@example.org",
                password="nope nope",
                settings=settings,
                now=T0 + timedelta(seconds=60 + second),
            )
        assert not isinstance(caught.value, LoginThrottled)


def test_it_limits_one_address_guessing_many_emails(db: Database, settings: Settings) -> None:
    limit = settings.login_max_failures * 4
    for n in range(limit):
        with pytest.raises(LoginFailed):
            login(
                db,
                email=f"user{n}@example.org",
                password="guess guess",
                settings=settings,
                client_ip="203.0.113.9",
                now=T0 + timedelta(seconds=n),
            )
    with pytest.raises(LoginThrottled):
        login(
            db,
            email="fresh@example.org",
            password="guess guess",
            settings=settings,
            client_ip="203.0.113.9",
            now=T0 + timedelta(seconds=limit),
        )
    with pytest.raises(LoginFailed) as caught:
        login(
            db,
            email="fresh@example.org",
            password="guess guess",
            settings=settings,
            client_ip="198.51.100.7",
            now=T0 + timedelta(seconds=limit),
        )
    assert not isinstance(caught.value, LoginThrottled)


def test_it_logs_off_after_inactivity(db: Database, alice: User, settings: Settings) -> None:
    issued = login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    almost = T0 + settings.idle_timeout - timedelta(seconds=1)
    with db.transaction() as session:
        resume(session, token=issued.token, settings=settings, now=almost)
    # The activity at `almost` restarts the clock.
    with db.transaction() as session:
        resume(session, token=issued.token, settings=settings, now=almost + settings.idle_timeout)
    too_late = almost + 2 * settings.idle_timeout + timedelta(seconds=1)
    with pytest.raises(SessionInvalid), db.transaction() as session:
        resume(session, token=issued.token, settings=settings, now=too_late)


def test_it_ends_a_session_past_its_maximum_age_however_active(
    db: Database, alice: User, settings: Settings
) -> None:
    issued = login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    step = settings.idle_timeout / 2
    now = T0
    while now + step < T0 + settings.max_session_age:
        now += step
        with db.transaction() as session:
            resume(session, token=issued.token, settings=settings, now=now)
    with pytest.raises(SessionInvalid), db.transaction() as session:
        resume(
            session, token=issued.token, settings=settings, now=now + step + timedelta(seconds=1)
        )


@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_it_refuses_a_missing_or_forged_session_token(
    db: Database, settings: Settings, token: str | None
) -> None:
    with pytest.raises(SessionInvalid), db.transaction() as session:
        resume(session, token=token, settings=settings)


def test_it_refuses_a_token_issued_under_another_secret(
    db: Database, alice: User, settings: Settings
) -> None:
    from dataclasses import replace

    issued = login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    rotated = replace(settings, secret="r" * 48)
    with pytest.raises(SessionInvalid), db.transaction() as session:
        resume(session, token=issued.token, settings=rotated, now=T0)


def test_it_checks_the_csrf_token_stored_for_the_session(
    db: Database, alice: User, settings: Settings
) -> None:
    issued = login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    other = login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    with db.transaction() as session:
        current = resume(session, token=issued.token, settings=settings, now=T0)
        check_csrf(current, issued.csrf_token)
        for presented in (None, "", other.csrf_token, issued.csrf_token + "x"):
            with pytest.raises(CsrfRejected):
                check_csrf(current, presented)


def test_it_logs_out_and_purges_ended_sessions(
    db: Database, alice: User, settings: Settings
) -> None:
    first = login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=T0)
    with db.transaction() as session:
        logout(session, token=first.token, settings=settings)
    with pytest.raises(SessionInvalid), db.transaction() as session:
        resume(session, token=first.token, settings=settings, now=T0)
    with db.transaction() as session:
        purged = purge_expired(session, settings=settings, now=T0 + settings.max_session_age * 2)
    assert purged == 1


def test_a_login_clears_away_sessions_that_ended(
    db: Database, alice: User, bob: User, settings: Settings
) -> None:
    """Nobody has to run a purge: the rows of ended sessions go at the next login."""
    login(db, email="bob@example.org", password=PASSWORD, settings=settings, now=T0)
    later = T0 + settings.max_session_age + timedelta(minutes=1)
    login(db, email="alice@example.org", password=PASSWORD, settings=settings, now=later)
    with db.transaction() as session:
        owners = session.scalars(select(LoginSession.user_id)).all()
    assert owners == [alice.id]


def test_it_creates_an_account_from_the_command_line(
    run: Callable[..., Result], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTAR_PASSWORD", "from the environment")
    result = run("users", "create", "dana@example.org", "--db", db_url, "--admin")
    assert result.exit_code == 0, result.output
    assert "created admin dana@example.org" in result.output
    listed = run("users", "list", "--db", db_url, "--json")
    assert '"email": "dana@example.org"' in listed.output
    assert "argon2" not in listed.output


def test_it_prompts_twice_for_a_hidden_password(
    run: Callable[..., Result], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANTAR_PASSWORD", raising=False)
    result = run(
        "users",
        "create",
        "eve@example.org",
        "--db",
        db_url,
        input="typed passphrase\ntyped passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "typed passphrase" not in result.output
    db = Database(db_url)
    assert login(
        db, email="eve@example.org", password="typed passphrase", settings=_settings(db_url)
    ).user_id
    db.dispose()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["users", "create", "bad-email"], "long enough pass", "email"),
        (["users", "create", "f@example.org"], "short", "password"),
    ],
)
def test_it_exits_2_naming_the_bad_value(
    run: Callable[..., Result],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    password: str,
    message: str,
) -> None:
    monkeypatch.setenv("PLANTAR_PASSWORD", password)
    result = run(*args, "--db", db_url)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_it_exits_1_without_a_traceback_when_the_database_is_unreachable(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTAR_PASSWORD", "long enough pass")
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    result = run("users", "create", "g@example.org", "--db", url)
    assert result.exit_code == 1
    assert "cannot open the database" in result.output


def _settings(db_url: str) -> Settings:
    from plantar.practice.settings import load_settings

    return load_settings({"PLANTAR_SECRET": "z" * 40}, db=db_url)
