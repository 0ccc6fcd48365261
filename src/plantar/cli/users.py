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


@users.command("create")
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--admin", is_flag=True, help="Make this the admin (who reads the audit log).")
def create(email: str, db_url: str | None, admin: bool) -> None:
    """Create an account for EMAIL; the password comes from a prompt or PLANTAR_PASSWORD."""
    from plantar.practice.accounts import create_user

    password = os.environ.get("PLANTAR_PASSWORD")
    if password is None:
        password = click.prompt(
            "Password", hide_input=True, confirmation_prompt=True, err=True, type=str
        )
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
