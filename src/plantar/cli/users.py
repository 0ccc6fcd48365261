"""``plantar users``: accounts of the practice journal (practitioners and the one admin)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from plantar.cli.common import bad_input, echo_json
from plantar.errors import BadInput

if TYPE_CHECKING:
    from plantar.practice.db import Database

DB_HELP = (
    "Database URL (sqlite:///PATH, a file path, or postgresql+psycopg://USER@HOST/DB). "
    "Default: PLANTAR_DB, else practice.sqlite3 in your data directory."
)


@contextmanager
def practice_db(url: str | None) -> Iterator[Database]:
    """The practice database, migrated; bad input exits 2, an unreachable database exits 1,
    neither with a traceback."""
    from sqlalchemy.exc import OperationalError

    from plantar.practice.db import open_database

    try:
        db = open_database(url)
    except BadInput as exc:
        bad_input(exc)
    except OperationalError as exc:
        raise click.ClickException(f"cannot open the database: {exc.orig}") from exc
    try:
        yield db
    except BadInput as exc:
        bad_input(exc)
    finally:
        db.dispose()


@click.group()
def users() -> None:
    """Accounts of the practice journal: practitioners and the one admin."""


def _password(prompt: str = "Password") -> str:
    """The new password: PLANTAR_PASSWORD, else typed twice at a hidden prompt."""
    password = os.environ.get("PLANTAR_PASSWORD")
    if password is None:
        password = click.prompt(
            prompt, hide_input=True, confirmation_prompt=True, err=True, type=str
        )
    return password


@users.command("create")
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--admin", is_flag=True, help="Make this the admin (who reads the audit log).")
def create(email: str, db_url: str | None, admin: bool) -> None:
    """Create an account for EMAIL; the password comes from a prompt or PLANTAR_PASSWORD."""
    from plantar.practice.accounts import create_user

    password = _password()
    role = "admin" if admin else "practitioner"
    with practice_db(db_url) as db, db.transaction() as session:
        user = create_user(session, email=email, password=password, role=role)
        click.echo(f"created {role} {user.email} (id {user.id}) in {db.url}")


@users.command("list")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
def list_(db_url: str | None, as_json: bool) -> None:
    """List the accounts (never their passwords)."""
    from plantar.practice.accounts import list_users

    with practice_db(db_url) as db, db.transaction() as session:
        accounts = list_users(session)
    if as_json:
        echo_json([a.model_dump(mode="json") for a in accounts])
        return
    for account in accounts:
        state = " (disabled)" if account.disabled_at else ""
        click.echo(f"{account.id}\t{account.role}\t{account.email}{state}")


@users.command("disable")
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def disable(email: str, db_url: str | None) -> None:
    """Refuse every login of EMAIL and end the ones open (the records stay)."""
    from plantar.practice.accounts import account, disable_user

    with practice_db(db_url) as db, db.transaction() as session:
        user = disable_user(session, user=account(session, email=email))
    click.echo(f"disabled {user.email}: no login works until `plantar users enable`")


@users.command("enable")
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def enable(email: str, db_url: str | None) -> None:
    """Let EMAIL log in again."""
    from plantar.practice.accounts import account, enable_user

    with practice_db(db_url) as db, db.transaction() as session:
        user = enable_user(session, user=account(session, email=email))
    click.echo(f"enabled {user.email}")


@users.command("password")
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def password(email: str, db_url: str | None) -> None:
    """Set a new password for EMAIL (from a prompt or PLANTAR_PASSWORD); its logins end."""
    from plantar.practice.accounts import account, check_new_password, set_password

    with practice_db(db_url) as db:
        with db.transaction() as session:
            known = account(session, email=email).email
        typed = _password("New password")
        try:
            check_new_password(typed, email=known)  # before the slow hash and the write
        except BadInput as exc:
            bad_input(exc)
        with db.transaction() as session:
            set_password(session, user=account(session, email=known), password=typed)
    click.echo(f"new password set for {known}; every login of the account has ended")


@users.command("end-sessions")
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def end_sessions_(email: str, db_url: str | None) -> None:
    """Log EMAIL out everywhere (a lost phone, a shared computer)."""
    from plantar.practice.accounts import account, end_sessions

    with practice_db(db_url) as db, db.transaction() as session:
        user = account(session, email=email)
        ended = end_sessions(session, user=user)
    click.echo(f"ended {ended} login session(s) of {user.email}")
