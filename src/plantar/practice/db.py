"""Opening the practice database: an SQLite file by default, PostgreSQL for a clinic.

Nothing lives in the process but a connection pool: sessions, rate limits and the audit log
are rows, so any number of app processes can share one PostgreSQL. Each action runs in one
transaction (``Database.transaction()``): it commits whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from plantar.practice.settings import load_settings, normalise_db_url

# SQLite waits this long for another writer's lock before giving up with "database is locked".
BUSY_TIMEOUT_MS = 10_000
# Serialises concurrent migrations of one PostgreSQL (several app processes starting at once).
MIGRATION_LOCK_KEY = 0x706C616E746172  # "plantar"


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from Python's sqlite3 module (it would BEGIN lazily,
        # only before a write, which breaks transactional DDL and repeatable reads) ...
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL: readers never block the writer and the writer never blocks readers.
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: each commit is on disk before it returns. Health records are worth an fsync;
        # NORMAL would survive a killed process but could lose the last commits on power loss.
        cursor.execute("PRAGMA synchronous=FULL")
        # Foreign keys are off by default in SQLite, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # ... and begin every transaction IMMEDIATE: it takes the write lock up front, waiting
        # up to busy_timeout for it. A deferred transaction that reads, then writes, cannot
        # wait for the lock (SQLite fails it at once with SQLITE_BUSY to avoid a deadlock).
        # Nearly every action here writes anyway: reading a client appends to the audit log.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def with_search_path(url: str, schema: str) -> str:
    """A PostgreSQL URL whose every connection, in any process, works in ``schema`` (tests
    and benchmarks each get a schema of their own in one shared database)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def private_file(path: Path) -> None:
    """Make ``path`` readable by its owner alone (0600), creating it empty if need be: the
    journal holds health records and password hashes. SQLite gives its -wal and -shm files
    the database file's permissions."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)  # a journal created before this rule, or under a loose umask


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_db_url(url)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///")).expanduser()
        if path.name != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            private_file(path)
        engine = create_engine(url, **kwargs)
        _tune_sqlite(engine)
        return engine
    # pool_pre_ping: a PostgreSQL restart must not leave dead connections in the pool.
    return create_engine(url, pool_pre_ping=True, **kwargs)


class Database:
    """An engine and its sessions. Cheap to keep for the life of a process; holds no data."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.engine = make_engine(url, **engine_kwargs)
        self.url = self.engine.url.render_as_string(hide_password=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One action: commit when the block ends, roll back everything if it raises."""
        with self._sessions.begin() as session:
            yield session

    def upgrade(self, revision: str = "head") -> None:
        from plantar.practice.migrate import upgrade

        upgrade(self.engine, revision)

    def downgrade(self, revision: str = "base") -> None:
        from plantar.practice.migrate import downgrade

        downgrade(self.engine, revision)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """The database named by ``url``, ``PLANTAR_DB`` or the default, migrated to the latest
    schema (so a first run on a new machine needs no set-up step)."""
    settings_url = url if url is not None else load_settings().db_url
    db = Database(settings_url)
    if migrate:
        db.upgrade()
    return db
