"""Pytest fixtures for any test that stores practice data: every such test runs twice, on
SQLite and on PostgreSQL. Registered once, for the whole suite, by ``conftest.py`` (they are
test code: they no longer ship in the ``plantar`` package).

Each test gets a database of its own and never touches shared data: a fresh SQLite file (a
copy of one migrated once per run), or a fresh PostgreSQL schema that is dropped afterwards.

PostgreSQL is found at ``PLANTAR_TEST_PG`` (default: the machine's server on 127.0.0.1:5432,
database ``test``, trust authentication). When it cannot be reached, the PostgreSQL half is
skipped with a message saying how to start it; with ``CI`` set it FAILS instead, loudly, so CI
never passes by skipping half of the tests. ``PLANTAR_SKIP_PG=1`` skips them on purpose.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from plantar.knowledge import load
from plantar.planner import PlanRequest, plan
from plantar.practice.accounts import hash_password
from plantar.practice.db import Database, with_search_path
from plantar.practice.models import User
from plantar.practice.plan_document import UsedPlan
from plantar.practice.settings import Settings, load_settings

ENGINES = ("sqlite", "postgresql")
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "correct horse battery staple"


def plan_document(goal: str = "sleep", minutes: int = 15) -> dict[str, object]:
    """A visit's ``plan`` field as the product writes it: a real plan and its request."""
    asked = PlanRequest(goals=(goal,), minutes=minutes, performer="therapist", answered=True)
    return UsedPlan(plan=plan(asked, load()), request=asked).document()


START_PG = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"


def pg_base_url() -> str:
    return os.environ.get("PLANTAR_TEST_PG", DEFAULT_PG)


@pytest.fixture(scope="session")
def postgres_available() -> str:
    """The base URL of the test PostgreSQL; fails the test (or skips, on request) without it."""
    if os.environ.get("PLANTAR_SKIP_PG") == "1":
        pytest.skip("PLANTAR_SKIP_PG=1: PostgreSQL tests skipped on purpose")
    url = pg_base_url()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(
                f"PostgreSQL is unreachable at {url} ({exc.orig}), and CI needs it.\n"
                f"Start it with: {START_PG}",
                pytrace=False,
            )
        pytest.skip(
            f"PostgreSQL is unreachable at {url}: its half of the storage tests is skipped "
            f"(start it with: {START_PG}; CI requires it)"
        )
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to the latest schema once per run, copied for each test."""
    path = tmp_path_factory.mktemp("practice-template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    db.dispose()  # the last connection to close folds the WAL into the file
    return path


@contextmanager
def _made(base: str, create: str, drop: str) -> Iterator[None]:
    """Run ``create`` on the test server, and ``drop`` afterwards whatever happens."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(create)
    try:
        yield
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(drop)
        admin.dispose()


@contextmanager
def _own_schema(base: str) -> Iterator[str]:
    """The URL of a new, empty schema in the test database, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with _made(base, f"CREATE SCHEMA {schema}", f"DROP SCHEMA {schema} CASCADE"):
        yield with_search_path(base, schema)


@dataclass(frozen=True)
class EmptyDatabase:
    """A database of the test's own, not migrated: for migration tests."""

    engine: str
    url: str


@pytest.fixture(params=ENGINES)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EmptyDatabase]:
    if request.param == "sqlite":
        yield EmptyDatabase("sqlite", f"sqlite:///{tmp_path / 'practice.sqlite3'}")
        return
    with _own_schema(request.getfixturevalue("postgres_available")) as url:
        yield EmptyDatabase("postgresql", url)


@pytest.fixture
def second_database(
    request: pytest.FixtureRequest, db_url: str, tmp_path: Path
) -> Iterator[Database]:
    """Another empty database on the same engine as the test's (restore targets)."""
    if db_url.startswith("sqlite"):
        database = Database(f"sqlite:///{tmp_path / 'second.sqlite3'}")
        yield database
        database.dispose()
        return
    with _own_schema(request.getfixturevalue("postgres_available")) as url:
        database = Database(url)
        try:
            yield database
        finally:
            database.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_available: str) -> Iterator[str]:
    """A PostgreSQL database migrated to the latest schema once per run. Each test's database
    is a copy of it (CREATE DATABASE ... TEMPLATE: about 30 ms, where migrating a fresh one
    takes about 0.4 s)."""
    name = f"plantar_tpl_{uuid.uuid4().hex[:12]}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    with _made(postgres_available, f'CREATE DATABASE "{name}"', drop):
        db = Database(_database_url(postgres_available, name))
        db.upgrade()
        db.dispose()  # a template must have no connections while it is copied
        yield name


def _database_url(base: str, name: str) -> str:
    return make_url(base).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database migrated to the latest schema, the test's own: a copy of one
    migrated once per run (an SQLite file, or a PostgreSQL database)."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        shutil.copyfile(template, tmp_path / "practice.sqlite3")
        yield f"sqlite:///{tmp_path / 'practice.sqlite3'}"
        return
    base = request.getfixturevalue("postgres_available")
    source = request.getfixturevalue("postgres_template")
    name = f"plantar_t_{uuid.uuid4().hex[:12]}"
    create = f'CREATE DATABASE "{name}" TEMPLATE "{source}"'
    # FORCE: a server or pool the test started may still hold a connection.
    with _made(base, create, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'):
        yield _database_url(base, name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def password_hash() -> str:
    # argon2id is slow on purpose; hash the personas' password once per run.
    return hash_password(PASSWORD)


def _persona(db: Database, email: str, role: str, password_hash: str) -> User:
    with db.transaction() as session:
        user = User(email=email, password_hash=password_hash, role=role)
        session.add(user)
        session.flush()
        session.expunge(user)
    return user


@pytest.fixture
def alice(db: Database, password_hash: str) -> User:
    """A practitioner."""
    return _persona(db, "alice@example.org", "practitioner", password_hash)


@pytest.fixture
def bob(db: Database, password_hash: str) -> User:
    """Another practitioner, who must never see Alice's clients."""
    return _persona(db, "bob@example.org", "practitioner", password_hash)


@pytest.fixture
def admin(db: Database, password_hash: str) -> User:
    return _persona(db, "admin@example.org", "admin", password_hash)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return load_settings(
        {"PLANTAR_SECRET": "s" * 12 + uuid.uuid4().hex, "PLANTAR_ENV": "prod"}, db=db_url
    )


# Backups -----------------------------------------------------------------------------------------

BACKUP_SECRET = "backup-test-secret-" + "s" * 40


def backup_of(db: Database) -> bytes:
    """The journal's backup, signed with ``BACKUP_SECRET``, as bytes."""
    import io

    from plantar.practice.backup import dump

    out = io.BytesIO()
    dump(db, out, secret=BACKUP_SECRET)
    return out.getvalue()


def restore_from(db: Database, data: bytes, *, unverified: bool = False) -> object:
    import io

    from plantar.practice.backup import restore

    return restore(db, io.BytesIO(data), secret=BACKUP_SECRET, unverified=unverified)


def journal_rows(data: bytes) -> list[dict[str, object]]:
    """A backup's rows, without its end line and the restore events a restore adds: what must
    come back identical from a restore."""
    import json

    rows = [json.loads(line) for line in data.splitlines()]
    return [
        r
        for r in rows
        if "end" not in r
        and not (r.get("table") == "audit_events" and r["row"]["action"] == "restore")
    ]


def signed(lines: list[dict[str, object]], secret: str = BACKUP_SECRET) -> bytes:
    """Backup lines (header and rows, no end line) written as a whole, correctly signed file:
    for tests that build a backup by hand (an older schema, hostile values)."""
    import hashlib
    import json

    from plantar.practice.backup import _signature

    def line(data: object) -> bytes:
        return (
            json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        ).encode()

    body = b"".join(line(item) for item in lines)
    counts: dict[str, int] = {}
    from plantar.practice.backup import TABLES

    counts = dict.fromkeys(TABLES, 0)
    for item in lines:
        if "table" in item:
            counts[str(item["table"])] += 1
    digest = hashlib.sha256(body).hexdigest()
    end = {"end": "plantar-backup", "counts": counts, "sha256": digest}
    end["signature"] = _signature(secret, digest)
    return body + line(end)
