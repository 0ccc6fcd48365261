"""``plantar users``: accounts of the practice journal (practitioners and the one admin)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from plantar.cli import spoken
from plantar.cli.common import bad_input, echo_json
from plantar.errors import BadInput
from plantar.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from plantar.practice.db import Database

DB_HELP = N_(
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
        raise click.ClickException(
            _("cannot open the database: {reason}").format(reason=exc.orig)
        ) from exc
    try:
        yield db
    except BadInput as exc:
        bad_input(exc)
    finally:
        db.dispose()


@click.group(
    cls=spoken.Group, help=N_("Accounts of the practice journal: practitioners and the one admin.")
)
def users() -> None:
    """The ``users`` group (its help is above)."""


def _password(prompt: str = N_("Password")) -> str:
    """The new password: PLANTAR_PASSWORD, else typed twice at a hidden prompt."""
    password = os.environ.get("PLANTAR_PASSWORD")
    if password is None:
        password = click.prompt(
            _(prompt), hide_input=True, confirmation_prompt=True, err=True, type=str
        )
    return password


@users.command(
    "create",
    help=N_("Create an account for EMAIL; the password comes from a prompt or PLANTAR_PASSWORD."),
)
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--admin", is_flag=True, help=N_("Make this the admin (who reads the audit log)."))
def create(email: str, db_url: str | None, admin: bool) -> None:
    from plantar.practice.accounts import create_user

    password = _password()
    role = "admin" if admin else "practitioner"
    with practice_db(db_url) as db, db.transaction() as session:
        user = create_user(session, email=email, password=password, role=role)
        said = _("created admin {email} (id {id}) in {db}") if admin else None
        said = said or _("created practitioner {email} (id {id}) in {db}")
        click.echo(said.format(email=user.email, id=user.id, db=db.url))


@users.command("list", help=N_("List the accounts (never their passwords)."))
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of lines."))
def list_(db_url: str | None, as_json: bool) -> None:
    from plantar.practice.accounts import list_users

    with practice_db(db_url) as db, db.transaction() as session:
        accounts = list_users(session)
    if as_json:
        echo_json([a.model_dump(mode="json") for a in accounts])
        return
    for account in accounts:
        state = " " + _("(disabled)") if account.disabled_at else ""
        click.echo(f"{account.id}\t{account.role}\t{account.email}{state}")


@users.command(
    "disable",
    help=N_("Refuse every login of EMAIL and end the ones open (the records stay)."),
)
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def disable(email: str, db_url: str | None) -> None:
    from plantar.practice.accounts import account, disable_user

    with practice_db(db_url) as db, db.transaction() as session:
        user = disable_user(session, user=account(session, email=email))
    click.echo(
        _("disabled {email}: no login works until `plantar users enable`").format(email=user.email)
    )


@users.command("enable", help=N_("Let EMAIL log in again."))
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def enable(email: str, db_url: str | None) -> None:
    from plantar.practice.accounts import account, enable_user

    with practice_db(db_url) as db, db.transaction() as session:
        user = enable_user(session, user=account(session, email=email))
    click.echo(_("enabled {email}").format(email=user.email))


@users.command(
    "password",
    help=N_("Set a new password for EMAIL (from a prompt or PLANTAR_PASSWORD); its logins end."),
)
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def password(email: str, db_url: str | None) -> None:
    from plantar.practice.accounts import account, check_new_password, set_password

    with practice_db(db_url) as db:
        with db.transaction() as session:
            known = account(session, email=email).email
        typed = _password(N_("New password"))
        try:
            check_new_password(typed, email=known)  # before the slow hash and the write
        except BadInput as exc:
            bad_input(exc)
        with db.transaction() as session:
            set_password(session, user=account(session, email=known), password=typed)
    click.echo(
        _("new password set for {email}; every login of the account has ended").format(email=known)
    )


@users.command(
    "end-sessions",
    help=N_("Log EMAIL out everywhere (a lost phone, a shared computer)."),
)
@click.argument("email")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def end_sessions_(email: str, db_url: str | None) -> None:
    from plantar.practice.accounts import account, end_sessions

    with practice_db(db_url) as db, db.transaction() as session:
        user = account(session, email=email)
        ended = end_sessions(session, user=user)
    click.echo(
        ngettext(
            "ended {n} login session(s) of {email}", "ended {n} login session(s) of {email}", ended
        ).format(n=ended, email=user.email)
    )
