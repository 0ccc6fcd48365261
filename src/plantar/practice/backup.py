"""Backup and restore as JSON lines, deterministic to the byte.

Format: a header line (format, version, schema revision), then one line per row, table by
table in foreign-key order and by id within a table, then a footer with the row counts (a
backup cut short is detected, not half-restored). Each line is JSON with sorted keys and no
spaces; timestamps are UTC with microseconds, money is integer hundredths. So the same data
gives the same bytes on SQLite and PostgreSQL, and backup -> restore -> backup is identical.

Login sessions and login attempts are not backed up: they are short-lived security state, and
restoring them would revive old logins.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    Table,
    bindparam,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from plantar.errors import BadInput
from plantar.practice.columns import PlanJSON, UTCDateTime, utcnow
from plantar.practice.db import Database
from plantar.practice.migrate import current_revision, known_revisions
from plantar.practice.models import AuditEvent, Base
from plantar.practice.plan_document import UsedPlan, stored_plan

FORMAT = "plantar-backup"
VERSION = 1
TABLES = (
    "users",
    "clients",
    "courses",
    "visits",
    "addenda",
    "intakes",
    "findings",
    "price_items",
    "audit_events",
)
BATCH = 1000
_TIME = "%Y-%m-%dT%H:%M:%S.%fZ"


def _line(data: dict[str, Any]) -> bytes:
    return (
        json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode()


def _encode(table: Table, row: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        value = getattr(row, column.name)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).strftime(_TIME)
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, UsedPlan):
            value = value.document()
        values[column.name] = value
    return values


def _decode(table: Table, values: dict[str, Any], columns: frozenset[str]) -> dict[str, Any]:
    """A row of the backup as it is inserted; ``columns`` are the table's at the backup's
    schema revision (a column added later is left to its migration: NULL or its default)."""
    if set(values) != columns:
        raise BadInput("backup", table.name, f"rows with the columns {sorted(columns)}")
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in columns:
            continue
        value = values[column.name]
        if value is not None:
            if isinstance(column.type, UTCDateTime):
                value = datetime.strptime(value, _TIME).replace(tzinfo=UTC)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, Boolean):
                value = bool(value)
            elif isinstance(column.type, PlanJSON):
                value = stored_plan(value)  # as the database reads it: nothing dropped
        row[column.name] = value
    return row


def _snapshot(db: Database) -> Connection:
    connection = db.engine.connect()
    if db.dialect == "postgresql":
        # One snapshot for every table: no visit without its client in the file.
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def dump(db: Database, out: IO[bytes]) -> dict[str, int]:
    """Write the whole journal to ``out``; returns the row count of each table."""
    counts: dict[str, int] = {}
    with _snapshot(db) as connection, connection.begin():
        revision = current_revision(connection)
        out.write(_line({"format": FORMAT, "version": VERSION, "schema": revision}))
        for name in TABLES:
            table = Base.metadata.tables[name]
            # Streamed in batches (a server-side cursor on PostgreSQL): memory stays flat.
            result = connection.execute(
                select(table).order_by(table.c.id).execution_options(yield_per=BATCH)
            )
            counts[name] = 0
            for row in result:
                out.write(_line({"table": name, "row": _encode(table, row)}))
                counts[name] += 1
        out.write(_line({"end": FORMAT, "counts": counts}))
        # After the dump, so a backup of the restored copy has the same bytes.
        connection.execute(
            insert(AuditEvent).values(
                at=utcnow(),
                actor_id=None,
                action="backup",
                entity="database",
                entity_id=None,
                client_id=None,
                detail=f"{sum(counts.values())} rows",
            )
        )
    return counts


def _lines(source: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, raw in enumerate(source, start=1):
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise BadInput("backup", f"line {number}", "a line of JSON") from exc
        if not isinstance(data, dict):
            raise BadInput("backup", f"line {number}", "a JSON object")
        yield number, data


def _is_empty(db: Database) -> bool:
    if current_revision(db.engine) is None:
        return True
    with db.engine.connect() as connection:
        for name in TABLES:
            table = Base.metadata.tables[name]
            if connection.scalar(select(func.count()).select_from(table)):
                return False
    return True


def restore(db: Database, source: IO[bytes]) -> dict[str, int]:
    """Load a backup (of the latest schema or an earlier one) into an empty database, then
    migrate it to the latest schema."""
    lines = _lines(source)
    header = next(lines, (0, {}))[1]
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise BadInput("backup", header.get("format"), f"a {FORMAT} file, version {VERSION}")
    revision = header.get("schema")
    known = known_revisions()
    if revision not in known:
        raise BadInput("backup", revision, "a backup of schema " + ", ".join(known))
    if not _is_empty(db):
        raise BadInput("db", db.url, "an empty database (restore never merges records)")
    # The rows go into the schema they were backed up from, then the migrations bring them
    # to the latest one (a backup made before a migration restores as it would have been
    # migrated in place).
    found = current_revision(db.engine)
    if found is not None and found not in known:
        raise BadInput("db", found, "a database of schema " + ", ".join(known))
    if found is not None and known.index(found) > known.index(revision):
        db.downgrade(revision)  # an empty database: no record is lost on the way down
    else:
        db.upgrade(revision)
    try:
        return _load(db, lines, _columns_at(db, str(revision)))
    finally:
        db.upgrade()  # restored or not, the database is left at the latest schema


def _load(
    db: Database, lines: Iterator[tuple[int, dict[str, Any]]], columns: dict[str, frozenset[str]]
) -> dict[str, int]:
    """Insert the rows after the header, in one transaction; returns the counts."""
    counts = dict.fromkeys(TABLES, 0)
    footer: dict[str, Any] | None = None
    order = {name: index for index, name in enumerate(TABLES)}
    with db.engine.begin() as connection:
        batch: list[dict[str, Any]] = []
        signatures: list[dict[str, Any]] = []
        current: str | None = None
        for number, data in lines:
            if footer is not None:
                raise BadInput("backup", f"line {number}", "nothing after the end line")
            if "end" in data:
                footer = data
                continue
            name = data.get("table")
            if name not in order or (current is not None and order[name] < order[current]):
                raise BadInput("backup", f"line {number}: table {name!r}", list(TABLES))
            if name != current and batch:
                _insert(connection, current, batch)
                batch = []
            current = name
            row = _decode(Base.metadata.tables[name], data.get("row") or {}, columns[name])
            if name == "visits" and row.get("signed_at") is not None:
                # Signed last, once its chart and intake are in: the database refuses to add
                # them to a signed visit (and a signature only ever goes from none to one).
                signatures.append(
                    {"visit": row["id"], "at": row["signed_at"], "by": row["signed_by"]}
                )
                row = row | {"signed_at": None, "signed_by": None}
            batch.append(row)
            counts[name] += 1
            if len(batch) >= BATCH:
                _insert(connection, name, batch)
                batch = []
        if batch and current is not None:
            _insert(connection, current, batch)
        if signatures:
            visits = Base.metadata.tables["visits"]
            connection.execute(
                update(visits)
                .where(visits.c.id == bindparam("visit"))
                .values(signed_at=bindparam("at"), signed_by=bindparam("by")),
                signatures,
            )
        if footer is None or footer.get("counts") != counts:
            raise BadInput("backup", "(cut short)", "a complete backup whose counts match")
        if db.dialect == "postgresql":
            for name in TABLES:
                # Explicit ids do not advance a serial: move each sequence past the restored ids.
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
                    )
                )
    return counts


def _columns_at(db: Database, revision: str) -> dict[str, frozenset[str]]:
    """Each table's columns in the database (migrated to the backup's revision)."""
    with db.engine.connect() as connection:
        found = inspect(connection)
        columns = {name: frozenset(c["name"] for c in found.get_columns(name)) for name in TABLES}
    for name, names in columns.items():
        gone = names - set(Base.metadata.tables[name].columns.keys())
        if gone:  # a column a later migration dropped: this code cannot read it back
            raise BadInput("backup", revision, f"a schema whose {name} has no {sorted(gone)}")
    return columns


def _insert(connection: Connection, name: str | None, rows: list[dict[str, Any]]) -> None:
    assert name is not None
    try:
        connection.execute(insert(Base.metadata.tables[name]), rows)
    except IntegrityError as exc:
        raise BadInput("backup", name, f"rows consistent with each other ({exc.orig})") from exc
