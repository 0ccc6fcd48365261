"""Managing accounts: disable, enable, a new password, log out everywhere, from the command
line and from the admin's page and API; a changed password ends every other login."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from fastapi import FastAPI
from sqlalchemy import select

from plantar.practice.db import Database
from plantar.practice.models import AuditEvent, User
from practice_fixtures import PASSWORD

if TYPE_CHECKING:
    from web_practice_support import Visitor

NEW = "a different long passphrase"


def _events(db: Database, action: str) -> list[int | None]:
    with db.transaction() as session:
        return list(
            session.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == action))
        )


def test_the_command_line_disables_and_enables_an_account_ending_its_logins(
    run: Callable[..., Result], db_url: str, db: Database, app: FastAPI, alice: User
) -> None:
    from web_practice_support import log_in

    open_login = log_in(app, alice.email)
    disabled = run("users", "disable", alice.email, "--db", db_url)
    assert disabled.exit_code == 0, disabled.output
    assert f"disabled {alice.email}" in disabled.output
    assert open_login.get("/api/v1/clients").status_code == 401  # ended at once
    refused = open_login.http.post(
        "/api/v1/login", json={"email": alice.email, "password": PASSWORD}
    )
    assert refused.status_code == 401
    assert "(disabled)" in run("users", "list", "--db", db_url).output
    assert run("users", "enable", alice.email, "--db", db_url).exit_code == 0
    assert log_in(app, alice.email).get("/api/v1/clients").status_code == 200
    assert _events(db, "disable") == [alice.id]
    assert _events(db, "enable") == [alice.id]


def test_a_new_password_from_the_command_line_ends_the_old_logins(
    run: Callable[..., Result],
    db_url: str,
    app: FastAPI,
    alice: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from web_practice_support import log_in

    old = log_in(app, alice.email)
    monkeypatch.setenv("PLANTAR_PASSWORD", NEW)
    changed = run("users", "password", alice.email, "--db", db_url)
    assert changed.exit_code == 0, changed.output
    assert "every login of the account has ended" in changed.output
    assert old.get("/api/v1/clients").status_code == 401
    assert log_in(app, alice.email, NEW).get("/api/v1/clients").status_code == 200


def test_the_command_line_refuses_a_weak_password_or_an_unknown_account_with_exit_2(
    run: Callable[..., Result], db_url: str, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTAR_PASSWORD", "password12")
    weak = run("users", "password", alice.email, "--db", db_url)
    assert weak.exit_code == 2
    assert "too easy to guess" in weak.output
    assert "password12" not in weak.output
    for command in ("disable", "enable", "password", "end-sessions"):
        unknown = run("users", command, "nobody@example.org", "--db", db_url)
        assert unknown.exit_code == 2, command
        assert "nobody@example.org" in unknown.output
        assert "plantar users list" in unknown.output
        assert "Traceback" not in unknown.output


def test_end_sessions_logs_an_account_out_everywhere(
    run: Callable[..., Result], db_url: str, app: FastAPI, alice: User
) -> None:
    from web_practice_support import log_in

    phone, desk = log_in(app, alice.email), log_in(app, alice.email)
    ended = run("users", "end-sessions", alice.email, "--db", db_url)
    assert ended.exit_code == 0
    assert "ended 2 login session(s)" in ended.output
    assert phone.get("/api/v1/clients").status_code == 401
    assert desk.get("/api/v1/clients").status_code == 401


# The admin on the web --------------------------------------------------------------------------


@pytest.fixture
def as_admin(app: FastAPI, admin: User) -> Visitor:
    from web_practice_support import log_in

    return log_in(app, admin.email)


def test_the_admin_disables_enables_and_logs_out_a_practitioner(
    as_admin: Visitor, as_alice: Visitor, alice: User
) -> None:
    listed = as_admin.get("/api/v1/users").json()
    assert alice.email in [u["email"] for u in listed]
    disabled = as_admin.post(f"/api/v1/users/{alice.id}/disable")
    assert disabled.status_code == 200
    assert disabled.json()["disabled_at"] is not None
    assert as_alice.get("/api/v1/clients").status_code == 401
    assert as_admin.post(f"/api/v1/users/{alice.id}/enable").json()["disabled_at"] is None
    from web_practice_support import log_in

    again = log_in(as_alice.http.app, alice.email)  # type: ignore[arg-type]
    ended = as_admin.post(f"/api/v1/users/{alice.id}/end-sessions")
    assert ended.json() == {"ended": 1}
    assert again.get("/api/v1/clients").status_code == 401


def test_the_admin_sets_a_new_password_and_the_old_logins_end(
    as_admin: Visitor, as_alice: Visitor, alice: User
) -> None:
    weak = as_admin.call(
        "PUT", f"/api/v1/users/{alice.id}/password", json={"password": "aaaaaaaaaa"}
    )
    assert (weak.status_code, weak.json()["field"]) == (422, "password")
    assert as_alice.get("/api/v1/clients").status_code == 200  # a refused change ends nothing
    done = as_admin.call("PUT", f"/api/v1/users/{alice.id}/password", json={"password": NEW})
    assert done.status_code == 204
    assert as_alice.get("/api/v1/clients").status_code == 401


def test_only_the_admin_manages_accounts_and_not_their_own(
    as_admin: Visitor, as_alice: Visitor, admin: User, bob: User
) -> None:
    assert as_alice.get("/api/v1/users").status_code == 403
    assert as_alice.post(f"/api/v1/users/{bob.id}/disable").status_code == 403
    assert as_alice.get("/practice/users").status_code == 403
    own = as_admin.post(f"/api/v1/users/{admin.id}/disable")
    assert own.status_code == 403
    assert "command line" in own.json()["detail"]
    missing = as_admin.post("/api/v1/users/999999/disable")
    assert (missing.status_code, missing.json()["field"]) == (422, "user")


def test_the_admins_page_lists_accounts_with_their_actions(as_admin: Visitor, alice: User) -> None:
    shown = as_admin.get("/practice/users")
    assert shown.status_code == 200
    assert alice.email in shown.text
    assert f'action="/practice/users/{alice.id}/disable"' in shown.text
    done = as_admin.form(f"/practice/users/{alice.id}/disable", {})
    assert done.status_code == 303
    after = as_admin.get(done.headers["location"]).text
    assert f"{alice.email} is disabled" in after
    assert f'action="/practice/users/{alice.id}/enable"' in after
    weak = as_admin.form(f"/practice/users/{alice.id}/password", {"password": "password12"})
    assert weak.status_code == 422
    assert "too easy to guess" in weak.text


# Everyone's own password ------------------------------------------------------------------------


def test_changing_your_own_password_keeps_this_login_and_ends_the_others(
    app: FastAPI, as_alice: Visitor, alice: User
) -> None:
    from web_practice_support import log_in

    other = log_in(app, alice.email)
    wrong = as_alice.call(
        "PUT", "/api/v1/me/password", json={"current_password": "not it at all", "password": NEW}
    )
    assert (wrong.status_code, wrong.json()["field"]) == (422, "current_password")
    assert other.get("/api/v1/clients").status_code == 200
    done = as_alice.call(
        "PUT", "/api/v1/me/password", json={"current_password": PASSWORD, "password": NEW}
    )
    assert done.status_code == 200, done.text
    assert done.json() == {"ended": 1}
    assert as_alice.get("/api/v1/clients").status_code == 200
    assert other.get("/api/v1/clients").status_code == 401
    assert log_in(app, alice.email, NEW)


def test_the_account_page_changes_the_password_and_says_what_ended(
    as_alice: Visitor,
) -> None:
    assert "Change your password" in as_alice.get("/practice/account").text
    differ = as_alice.form(
        "/practice/account", {"current_password": PASSWORD, "password": NEW, "again": NEW + "x"}
    )
    assert differ.status_code == 422
    assert "the two new passwords differ" in differ.text
    done = as_alice.form(
        "/practice/account", {"current_password": PASSWORD, "password": NEW, "again": NEW}
    )
    assert done.status_code == 303
    assert "Your password is changed. 0 other" in as_alice.get(done.headers["location"]).text
