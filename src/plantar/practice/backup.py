"""Backup and restore as JSON lines, deterministic to the byte, checked and signed.

Format (version 2): a header line (format, version, schema revision), then one line per row,
table by table in foreign-key order and by id within a table, then an end line with the row
counts, the SHA-256 of every byte before it and an HMAC of that checksum keyed by the server's
secret (``PLANTAR_SECRET``). Each line is JSON with sorted keys and no spaces; timestamps are
UTC, fixed width (``0999-06-01T09:00:00.000000Z``), money is integer hundredths. So the same
data gives the same bytes on SQLite and PostgreSQL.

A backup is read back in full before it is reported written (``verify``). A restore checks
everything before it commits anything: the shape and type of every value, the counts, the
checksum (damage) and the signature (an edited file, or one made under another secret); any
damage is ``BackupDamaged`` naming the line, and nothing is restored. A backup whose checksum
or signature does not match, or an old unsigned one (version 1), is restored only when asked
for explicitly (``unverified``), and the audit log says so.

Login sessions and login attempts are not backed up: they are short-lived security state, and
restoring them would revive old logins.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    Integer,
    String,
    Table,
    bindparam,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError

from plantar.errors import BadInput
from plantar.practice.columns import PlanJSON, UTCDateTime, utcnow
from plantar.practice.db import Database
from plantar.practice.migrate import current_revision, known_revisions
from plantar.practice.models import AuditEvent, Base
from plantar.practice.plan_document import UsedPlan, stored_plan

FORMAT = "plantar-backup"
VERSION = 2  # 2: a checksum and a signature on the end line; 1 (read only): neither
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
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Both engines' INTEGER: what a value must fit to be stored as it was backed up.
_INT32 = (-(2**31), 2**31 - 1)


class BackupDamaged(Exception):
    """The file is not a whole, untouched backup of this journal; ``message`` says where
    and what (the command line exits 1 with it)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def stamp(value: datetime) -> str:
    """A moment as the backup writes it: UTC, microseconds, four-digit year, ``Z``."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _line(data: dict[str, Any]) -> bytes:
    return (
        json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode()


def _signature(secret: str, checksum: str) -> str:
    key = hmac.new(secret.encode(), b"plantar-backup", hashlib.sha256).digest()
    return hmac.new(key, checksum.encode(), hashlib.sha256).hexdigest()


def _encode(table: Table, row: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        value = getattr(row, column.name)
        if isinstance(value, datetime):
            value = stamp(value)
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, UsedPlan):
            value = value.document()
        values[column.name] = value
    return values


def _shown(value: Any) -> str:
    text_ = json.dumps(value, ensure_ascii=False)
    return text_ if len(text_) <= 60 else text_[:57] + "..."


def _decode_value(column: Any, value: Any) -> Any:
    """The value of ``column`` as the database stores it, or ``ValueError`` saying what was
    expected: strict, so a backup never restores something the journal would not have made
    (``"no"`` is not true, ``1`` is not a date)."""
    kind = column.type
    if value is None:
        if not column.nullable and not column.primary_key:
            raise ValueError("a value (this column is never empty)")
        return None
    if isinstance(kind, UTCDateTime):
        if not isinstance(value, str) or not _STAMP.fullmatch(value):
            raise ValueError("a UTC time such as 2025-03-01T09:00:00.000000Z")
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise ValueError("a date such as 2025-03-01")
        return date.fromisoformat(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError("true or false")
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError("a whole number")
        if not _INT32[0] <= value <= _INT32[1]:
            raise ValueError("a whole number the journal can store (32 bits)")
        return value
    if isinstance(kind, String):  # and Text
        if not isinstance(value, str):
            raise ValueError("text")
        if kind.length is not None and len(value) > kind.length:
            raise ValueError(f"text of at most {kind.length} characters")
        if "\x00" in value:
            raise ValueError("text without NUL characters")
        return value
    if isinstance(kind, PlanJSON):
        if not isinstance(value, dict):
            raise ValueError("a plan document (a JSON object)")
        return stored_plan(value)  # as the database reads it: nothing dropped
    if isinstance(kind, JSON):
        if not isinstance(value, dict | list):
            raise ValueError("a JSON object or list")
        if "\\u0000" in json.dumps(value):
            raise ValueError("JSON without NUL characters")
        return value
    raise AssertionError(f"no backup rule for {column.table.name}.{column.name} ({kind!r})")


def _decode(table: Table, values: Any, columns: frozenset[str], where: str) -> dict[str, Any]:
    """A row of the backup as it is inserted; ``columns`` are the table's at the backup's
    schema revision (a column added later is left to its migration: NULL or its default)."""
    if not isinstance(values, dict) or set(values) != columns:
        raise BackupDamaged(f"{where}: a {table.name} row with the columns {sorted(columns)}")
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in columns:
            continue
        try:
            row[column.name] = _decode_value(column, values[column.name])
        except ValueError as exc:
            found = _shown(values[column.name])
            raise BackupDamaged(
                f"{where}: {table.name}.{column.name} is {found}; expected {exc}"
            ) from None
    if not isinstance(row.get("id"), int):
        raise BackupDamaged(f"{where}: a {table.name} row without its id")
    return row


def _snapshot(db: Database) -> Connection:
    connection = db.engine.connect()
    if db.dialect == "postgresql":
        # One snapshot for every table: no visit without its client in the file.
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def dump(db: Database, out: IO[bytes], *, secret: str) -> dict[str, int]:
    """Write the whole journal to ``out``, signed with ``secret``; returns the row count of
    each table. (Read the file back with ``verify`` before calling it a backup.)"""
    counts: dict[str, int] = {}
    checksum = hashlib.sha256()

    def write(line: bytes) -> None:
        checksum.update(line)
        out.write(line)

    with _snapshot(db) as connection, connection.begin():
        revision = current_revision(connection)
        write(_line({"format": FORMAT, "version": VERSION, "schema": revision}))
        for name in TABLES:
            table = Base.metadata.tables[name]
            # Streamed in batches (a server-side cursor on PostgreSQL): memory stays flat.
            result = connection.execute(
                select(table).order_by(table.c.id).execution_options(yield_per=BATCH)
            )
            counts[name] = 0
            for row in result:
                write(_line({"table": name, "row": _encode(table, row)}))
                counts[name] += 1
        digest = checksum.hexdigest()
        out.write(
            _line(
                {
                    "end": FORMAT,
                    "counts": counts,
                    "sha256": digest,
                    "signature": _signature(secret, digest),
                }
            )
        )
        # After the dump, so the backup is of the journal as it was, its own event not in it.
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


@dataclass
class Reader:
    """A backup being read: its header at once, its rows as they are asked for, and its end
    line checked when the rows run out (``BackupDamaged`` for any damage)."""

    source: IO[bytes]
    secret: str | None
    unverified: bool = False
    header: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    doubt: str | None = None  # why the file could not be verified, when restored regardless
    _checksum: Any = field(default_factory=hashlib.sha256)
    _number: int = 0

    def __post_init__(self) -> None:
        first = self._next()
        if first is None:
            raise BackupDamaged("the file is empty: not a plantar backup")
        self._checksum.update(first)  # the header is checked with the rest
        header = self._json(first)
        if header.get("format") != FORMAT or header.get("version") not in (1, VERSION):
            raise BackupDamaged(
                f"line 1: not a {FORMAT} file of version 1 or {VERSION} "
                f"(found format {_shown(header.get('format'))}, "
                f"version {_shown(header.get('version'))})"
            )
        known = known_revisions()
        if header.get("schema") not in known:
            raise BackupDamaged(
                f"line 1: schema {_shown(header.get('schema'))}; this version of plantar "
                "restores schemas " + ", ".join(known)
            )
        self.header = header

    @property
    def revision(self) -> str:
        return str(self.header["schema"])

    def _next(self) -> bytes | None:
        raw = self.source.readline()
        if not raw:
            return None
        self._number += 1
        return raw

    def _json(self, raw: bytes) -> dict[str, Any]:
        try:
            data = json.loads(raw)
        except ValueError:
            raise BackupDamaged(f"line {self._number}: not a line of JSON") from None
        if not isinstance(data, dict):
            raise BackupDamaged(f"line {self._number}: not a JSON object")
        return data

    def rows(self, columns: dict[str, frozenset[str]]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each row in order, decoded for ``columns`` (each table's at the backup's schema);
        the end line is checked after the last."""
        order = {name: index for index, name in enumerate(TABLES)}
        current: str | None = None
        while (raw := self._next()) is not None:
            data = self._json(raw)
            if "end" in data:
                self._finish(data)
                return
            self._checksum.update(raw)
            name = data.get("table")
            where = f"line {self._number}"
            if name not in order or (current is not None and order[name] < order[current]):
                raise BackupDamaged(
                    f"{where}: table {_shown(name)} out of place; the tables come in the order "
                    + ", ".join(TABLES)
                )
            current = name
            table = Base.metadata.tables[name]
            row = _decode(table, data.get("row"), columns[name], where)
            self.counts[name] += 1
            yield name, row
        raise BackupDamaged(
            f"the file ends after line {self._number} without its end line: cut short"
        )

    def _finish(self, footer: dict[str, Any]) -> None:
        if footer.get("end") != FORMAT or footer.get("counts") != self.counts:
            raise BackupDamaged(
                f"line {self._number}: the end line's counts {_shown(footer.get('counts'))} "
                f"do not match the rows read {_shown(self.counts)}: rows are missing or added"
            )
        if self._next() is not None:
            raise BackupDamaged(f"line {self._number}: something after the end line")
        problem = self._unverified_because(footer)
        if problem is not None:
            if not self.unverified:
                raise BackupDamaged(
                    problem + ". Restore it anyway only if you trust the file: --unverified "
                    "(the audit log records it)"
                )
            self.doubt = problem

    def _unverified_because(self, footer: dict[str, Any]) -> str | None:
        if self.header.get("version") == 1:
            return "an old backup (version 1): it carries no checksum or signature"
        if footer.get("sha256") != self._checksum.hexdigest():
            return (
                "its checksum does not match: the file was damaged or edited after it was written"
            )
        signature = footer.get("signature")
        if self.secret is None:
            return "no secret to check its signature with (PLANTAR_SECRET)"
        expected = _signature(self.secret, self._checksum.hexdigest())
        if not isinstance(signature, str) or not hmac.compare_digest(signature, expected):
            return (
                "its signature does not match this server's secret: it was made under another "
                "PLANTAR_SECRET, or edited and re-summed"
            )
        return None


def verify(source: IO[bytes], *, secret: str) -> dict[str, int]:
    """Read a backup back as a restore would, without a database: every row decoded, the
    counts, the checksum and the signature checked. Returns the counts."""
    reader = Reader(source, secret)
    model = {name: frozenset(Base.metadata.tables[name].columns.keys()) for name in TABLES}
    if reader.revision != known_revisions()[-1]:
        raise BackupDamaged("verify reads backups of the latest schema only")
    for _ in reader.rows(model):
        pass
    return reader.counts


def _is_empty(db: Database) -> bool:
    if current_revision(db.engine) is None:
        return True
    with db.engine.connect() as connection:
        for name in TABLES:
            table = Base.metadata.tables[name]
            if connection.scalar(select(func.count()).select_from(table)):
                return False
    return True


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]
    doubt: str | None  # None: checksum and signature verified


def restore(
    db: Database, source: IO[bytes], *, secret: str | None, unverified: bool = False
) -> Restored:
    """Load a backup (of the latest schema or an earlier one) into an empty database, then
    migrate it to the latest schema. ``BackupDamaged`` for a damaged file, ``BadInput`` for a
    database that is not empty; either way nothing is restored."""
    reader = Reader(source, secret, unverified)
    if not _is_empty(db):
        raise BadInput("db", db.url, "an empty database (restore never merges records)")
    # The rows go into the schema they were backed up from, then the migrations bring them
    # to the latest one (a backup made before a migration restores as it would have been
    # migrated in place).
    known = known_revisions()
    found = current_revision(db.engine)
    if found is not None and found not in known:
        raise BadInput("db", found, "a database of schema " + ", ".join(known))
    if found is not None and known.index(found) > known.index(reader.revision):
        db.downgrade(reader.revision)  # an empty database: no record is lost on the way down
    else:
        db.upgrade(reader.revision)
    try:
        _load(db, reader, _columns_at(db, reader.revision))
    finally:
        db.upgrade()  # restored or not, the database is left at the latest schema
    with db.transaction() as session:
        session.add(
            AuditEvent(
                at=utcnow(),
                actor_id=None,
                action="restore",
                entity="database",
                entity_id=None,
                client_id=None,
                detail=(
                    f"{sum(reader.counts.values())} rows"
                    + (f", UNVERIFIED: {reader.doubt}" if reader.doubt else ", verified")
                ),
            )
        )
    return Restored(counts=reader.counts, doubt=reader.doubt)


def _load(db: Database, reader: Reader, columns: dict[str, frozenset[str]]) -> None:
    """Insert the rows after the header, in one transaction."""
    with db.engine.begin() as connection:
        batch: list[dict[str, Any]] = []
        signatures: list[dict[str, Any]] = []
        current: str | None = None
        for name, row in reader.rows(columns):
            if name != current and batch:
                _insert(connection, current, batch)
                batch = []
            current = name
            if name == "visits" and row.get("signed_at") is not None:
                # Signed last, once its chart and intake are in: the database refuses to add
                # them to a signed visit (and a signature only ever goes from none to one).
                signatures.append(
                    {"visit": row["id"], "at": row["signed_at"], "by": row["signed_by"]}
                )
                row = row | {"signed_at": None, "signed_by": None}
            batch.append(row)
            if len(batch) >= BATCH:
                _insert(connection, name, batch)
                batch = []
        if batch and current is not None:
            _insert(connection, current, batch)
        if signatures:
            visits = Base.metadata.tables["visits"]
            _run(
                connection,
                "visits",
                lambda: connection.execute(
                    update(visits)
                    .where(visits.c.id == bindparam("visit"))
                    .values(signed_at=bindparam("at"), signed_by=bindparam("by")),
                    signatures,
                ),
            )
        if db.dialect == "postgresql":
            for name in TABLES:
                # Explicit ids do not advance a serial: move each sequence past the restored ids.
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
                    )
                )


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
    _run(connection, name, lambda: connection.execute(insert(Base.metadata.tables[name]), rows))


def _run(connection: Connection, name: str, statement: Any) -> None:
    """Run a statement of the restore; the database refusing it (a duplicate id, a missing
    client, a broken rule) means rows that do not fit together: damage."""
    try:
        statement()
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise BackupDamaged(
            f"the {name} rows do not fit together or with the journal's rules ({reason[:200]})"
        ) from None
