"""Backups that restore, and restores that refuse damage: fixed-width times, dates checked at
the door, every backup read back, a checksum and a signature keyed by the server's secret,
strict types, and fuzzing (truncated, corrupted, edited, foreign files) that only ever ends in
a clear ``BackupDamaged`` with nothing restored. Plus the property: whatever the journal
accepts, backup then restore gives it back."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from conftest import ARTIFACTS
from hypothesis_profiles import examples
from plantar.practice import backup, clients, visits
from plantar.practice.backup import BackupDamaged, stamp, verify
from plantar.practice.db import Database
from plantar.practice.models import AuditEvent, User
from plantar.practice.schemas import ClientCreate, VisitCreate
from practice_fixtures import BACKUP_SECRET, backup_of, journal_rows, restore_from, signed

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def journal(db: Database, alice: User) -> bytes:
    """A small journal's backup: a client, a signed visit with a note."""
    with db.transaction() as session:
        client = clients.create_client(
            session, owner=alice, data=ClientCreate(name="Pyotr", consent=True)
        )
        visit = visits.create_visit(
            session,
            owner=alice,
            client_id=client.id,
            data=VisitCreate(held_at=T0, subjective="tired feet", pain_before=5),
        )
        visits.sign_visit(session, owner=alice, visit_id=visit.id, confirmed=["no_intake"])
    return backup_of(db)


def _empty(db: Database) -> bool:
    with db.transaction() as session:
        return session.scalar(text("SELECT count(*) FROM users")) == 0


def _lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines() if b'"end"' not in line]


# Times ----------------------------------------------------------------------------------------


def test_times_are_written_fixed_width_whatever_the_year() -> None:
    assert stamp(datetime(999, 6, 1, 9, 0, tzinfo=UTC)) == "0999-06-01T09:00:00.000000Z"
    assert stamp(datetime(2025, 3, 1, 9, 0, 5, 7, tzinfo=UTC)) == "2025-03-01T09:00:05.000007Z"


def test_a_year_999_visit_written_below_the_api_still_backs_up_and_restores(
    db: Database, alice: User, second_database: Database
) -> None:
    """The defect: a visit dated year 999 made every later backup unrestorable."""
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="Old"))
        made = visits.create_visit(session, owner=alice, client_id=client.id, data=VisitCreate())
        session.execute(
            text("UPDATE visits SET held_at = :at WHERE id = :id"),
            {
                "at": datetime(999, 6, 1, 9, 0) if db.dialect == "sqlite" else "0999-06-01 09:00Z",
                "id": made.id,
            },
        )
    first = backup_of(db)
    assert b'"held_at":"0999-06-01T09:00:00.000000Z"' in first
    restore_from(second_database, first)
    assert journal_rows(backup_of(second_database)) == journal_rows(first)


@pytest.mark.parametrize(
    "held_at",
    [
        "0999-06-01T09:00:00Z",
        "0001-01-01T00:00:00+05:00",  # below year 1 once in UTC: an OverflowError, once
        "9999-12-31T23:59:59-05:00",  # beyond year 9999 once in UTC
        "1969-12-31T23:59:59Z",
        "2200-01-01T00:00:00Z",
    ],
)
def test_the_api_refuses_an_implausible_moment_with_422(as_alice: Any, held_at: str) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    answer = as_alice.post(f"/api/v1/clients/{client}/visits", {"held_at": held_at})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "held_at"
    assert "1970-01-01" in answer.json()["detail"]
    journal = as_alice.post("/api/v1/journal", {"started_at": held_at, "duration_seconds": 600})
    assert (journal.status_code, journal.json()["field"]) == (422, "started_at")


# Read back, checksum, signature ---------------------------------------------------------------


def test_a_backup_that_does_not_read_back_is_not_written_and_exits_1(
    run: Callable[..., Result],
    db_url: str,
    journal: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANTAR_SECRET", BACKUP_SECRET)
    real = backup._encode

    def faulty(table: Any, row: Any) -> dict[str, Any]:  # a writer bug: a time it cannot read
        values = real(table, row)
        if "held_at" in values:
            values["held_at"] = "1 March 2025"
        return values

    monkeypatch.setattr(backup, "_encode", faulty)
    target = tmp_path / "journal.jsonl"
    result = run("backup", str(target), "--db", db_url)
    assert result.exit_code == 1
    assert "did not read back" in result.output
    assert "visits.held_at" in result.output
    assert not target.exists()
    assert not list(tmp_path.glob(".*.partial"))


def test_a_backup_needs_the_servers_secret_to_sign_it(
    run: Callable[..., Result], db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PLANTAR_SECRET", raising=False)
    monkeypatch.delenv("PLANTAR_SECRET_FILE", raising=False)
    monkeypatch.setenv("PLANTAR_ENV", "prod")
    result = run("backup", str(tmp_path / "b.jsonl"), "--db", db_url)
    assert result.exit_code == 2
    assert "PLANTAR_SECRET" in result.output


def test_an_edited_backup_is_refused_unless_asked_and_the_audit_log_says_so(
    journal: bytes, second_database: Database
) -> None:
    edited = journal.replace(b'"subjective":"tired feet"', b'"subjective":"feels great"')
    assert edited != journal
    with pytest.raises(BackupDamaged, match="checksum does not match"):
        restore_from(second_database, edited)
    assert _empty(second_database)
    # Re-summed by someone without the secret: the signature gives it away.
    lines = _lines(edited)
    resummed = signed(lines, secret="somebody-elses-secret-" + "y" * 30)
    with pytest.raises(BackupDamaged, match="signature does not match"):
        restore_from(second_database, resummed)
    assert _empty(second_database)
    done = restore_from(second_database, edited, unverified=True)
    assert "checksum" in str(done.doubt)  # type: ignore[attr-defined]
    with second_database.transaction() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "restore")).one()
        note = session.scalar(text("SELECT subjective FROM visits"))
    assert "UNVERIFIED" in event.detail
    assert note == "feels great"


def test_a_verified_restore_is_in_the_audit_log(journal: bytes, second_database: Database) -> None:
    restore_from(second_database, journal)
    with second_database.transaction() as session:
        (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "restore"))
    assert event.detail.endswith(", verified")


def test_a_restore_from_the_command_line_exits_1_for_damage_and_restores_nothing(
    run: Callable[..., Result],
    journal: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANTAR_SECRET", BACKUP_SECRET)
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(journal.replace(b'"consent_given":true', b'"consent_given":"no"'))
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = run("restore", str(damaged), "--db", url)
    assert result.exit_code == 1
    assert "cannot be restored; nothing was" in result.output
    assert "Traceback" not in result.output
    forced = run("restore", str(damaged), "--db", url, "--unverified")
    assert forced.exit_code == 1  # a checksum is waived, a type never is
    assert 'clients.consent_given is "no"; expected true or false' in forced.output


# Strict types -----------------------------------------------------------------------------------

HOSTILE = [
    ("clients", "consent_given", "no", "true or false"),
    ("clients", "consent_given", 1, "true or false"),
    ("clients", "id", "1", "a whole number"),
    ("clients", "id", True, "a whole number"),
    ("visits", "pain_before", 2**31, "32 bits"),
    ("visits", "pain_before", 1.5, "a whole number"),
    ("visits", "held_at", "2025-03-01 09:00:00", "a UTC time"),
    ("visits", "held_at", "999-06-01T09:00:00.000000Z", "a UTC time"),
    ("visits", "held_at", None, "never empty"),
    ("visits", "subjective", "a\x00b", "NUL"),
    ("visits", "subjective", ["a list"], "text"),
    ("clients", "name", "x" * 201, "at most 200"),
    ("clients", "date_of_birth", "01.06.1985", "a date"),
    ("visits", "plan", "not a document", "a plan document"),
    ("intakes", "answers", "{}", "a JSON object or list"),
]


@pytest.mark.parametrize(("table", "column", "value", "expected"), HOSTILE)
def test_restore_refuses_a_value_the_journal_would_never_have_made(
    db: Database,
    alice: User,
    second_database: Database,
    table: str,
    column: str,
    value: Any,
    expected: str,
) -> None:
    from plantar.practice import screenings
    from plantar.practice.schemas import IntakeCreate

    with db.transaction() as session:
        client = clients.create_client(
            session,
            owner=alice,
            data=ClientCreate(name="Pyotr", consent=True, date_of_birth=date(1985, 6, 1)),
        )
        made = visits.create_visit(
            session,
            owner=alice,
            client_id=client.id,
            data=VisitCreate(held_at=T0, subjective="x", pain_before=3),
        )
        screenings.record_intake(session, owner=alice, visit_id=made.id, data=IntakeCreate())
    lines = _lines(backup_of(db))
    row = next(line for line in lines if line.get("table") == table)
    row["row"][column] = value
    with pytest.raises(BackupDamaged, match=expected) as refused:
        restore_from(second_database, signed(lines))  # signed: only the value is wrong
    assert f"{table}.{column}" in refused.value.message or column == "id"
    assert _empty(second_database)


def test_rows_that_do_not_fit_together_are_damage_not_a_crash(
    journal: bytes, second_database: Database
) -> None:
    lines = _lines(journal)
    visit = next(line for line in lines if line.get("table") == "visits")
    visit["row"]["client_id"] = 999  # a visit of nobody
    with pytest.raises(BackupDamaged, match="visits rows do not fit together"):
        restore_from(second_database, signed(lines))
    assert _empty(second_database)


# Fuzzing --------------------------------------------------------------------------------------

FOREIGN = [
    b"",
    b"\n",
    b"[1, 2, 3]\n",
    b"id,name\n1,Pyotr\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b'{"format":"plantar-backup","version":2,"schema":"0001"}\n',
    b'{"format":"plantar-backup","version":3,"schema":"0004"}\n{"end":"plantar-backup"}\n',
    b'{"format":"plantar-backup","version":2,"schema":"9999"}\n',
    "Это не резервная копия\n".encode(),
]


@pytest.mark.parametrize("data", FOREIGN)
def test_a_foreign_file_is_refused_clearly(second_database: Database, data: bytes) -> None:
    with pytest.raises(BackupDamaged):
        restore_from(second_database, data, unverified=True)


def test_a_backup_cut_at_any_line_restores_nothing(
    journal: bytes, second_database: Database
) -> None:
    lines = journal.splitlines(keepends=True)
    for keep in range(len(lines)):
        with pytest.raises(BackupDamaged):
            restore_from(second_database, b"".join(lines[:keep]), unverified=True)
        assert current_is_empty(second_database)


def current_is_empty(db: Database) -> bool:
    from plantar.practice.migrate import current_revision

    return current_revision(db.engine) is None or _empty(db)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_damage_is_refused_or_restored_whole_never_a_crash(
    journal: bytes, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    """Bytes flipped, cut or inserted anywhere: a checked restore refuses every change; an
    unverified one either restores whole or says what is damaged, with nothing half-done."""
    damaged = bytearray(journal)
    for _ in range(data.draw(st.integers(1, 3), label="damages")):
        at = data.draw(st.integers(0, len(damaged) - 1), label="at")
        how = data.draw(st.sampled_from(["flip", "cut", "insert"]), label="how")
        if how == "flip":
            damaged[at] = (damaged[at] + data.draw(st.integers(1, 255))) % 256
        elif how == "cut":
            del damaged[at : at + data.draw(st.integers(1, 40))]
        else:
            damaged[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    changed = bytes(damaged)
    path = tmp_path_factory.mktemp("fuzz") / "target.sqlite3"
    shutil.copyfile(sqlite_template, path)
    target = Database(f"sqlite:///{path}")
    try:
        # Only the last line's newline gone loses nothing: every byte the signature covers
        # and the end line itself are whole, so that file restores as it is.
        if changed not in (journal, journal.removesuffix(b"\n")):
            with pytest.raises(BackupDamaged):
                restore_from(target, changed)
            assert _empty(target)
        refused: BackupDamaged | None = None
        try:
            restore_from(target, changed, unverified=True)
        except BackupDamaged as exc:
            refused = exc
        if refused is not None:
            assert refused.message
            assert _empty(target)
        else:
            backup_of(target)  # what was restored backs up again
    finally:
        target.dispose()


# The property -----------------------------------------------------------------------------------

names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() != "")
notes = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)
moments = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2026, 1, 1), timezones=st.just(UTC)
)


PROPERTY_FIGURES = {"taken": 0, "restored": 0}


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=names,
    born=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 1, 1))),
    contact=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=300),
    held_at=moments,
    note=notes,
    pain=st.one_of(st.none(), st.integers(0, 10)),
    minutes=st.one_of(st.none(), st.integers(1, 600)),
    price=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2)),
)
def test_whatever_the_journal_accepts_comes_back_from_a_backup(
    sqlite_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    password_hash: str,
    name: str,
    born: date | None,
    contact: str,
    held_at: datetime,
    note: str,
    pain: int | None,
    minutes: int | None,
    price: Any,
) -> None:
    from pydantic import ValidationError

    try:
        client_in = ClientCreate(name=name, date_of_birth=born, contact=contact, consent=True)
        visit_in = VisitCreate(
            held_at=held_at,
            subjective=note,
            pain_before=pain,
            duration_minutes=minutes,
            price=price,
        )
    except ValidationError:
        return  # not accepted: nothing to give back
    folder = tmp_path_factory.mktemp("property")
    source_path, target_path = folder / "source.sqlite3", folder / "target.sqlite3"
    shutil.copyfile(sqlite_template, source_path)
    shutil.copyfile(sqlite_template, target_path)
    source, target = Database(f"sqlite:///{source_path}"), Database(f"sqlite:///{target_path}")
    try:
        with source.transaction() as session:
            owner = User(email="p@example.org", password_hash=password_hash, role="practitioner")
            session.add(owner)
            session.flush()
            client = clients.create_client(session, owner=owner, data=client_in)
            visit = visits.create_visit(session, owner=owner, client_id=client.id, data=visit_in)
            owner_id = owner.id
        PROPERTY_FIGURES["taken"] += 1
        restore_from(target, backup_of(source))
        with target.transaction() as session:
            owner = session.get(User, owner_id)
            assert owner is not None
            back = clients.get_client(session, owner=owner, client_id=client.id)
            again = visits.get_visit(session, owner=owner, visit_id=visit.id)
        assert back == client
        assert again == visit
        PROPERTY_FIGURES["restored"] += 1
    finally:
        source.dispose()
        target.dispose()


def test_every_backup_the_property_took_was_restored() -> None:
    """Runs after the property (file order): the figure of the note, kept as an artifact."""
    out = ARTIFACTS / "adversarial" / "backups.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(PROPERTY_FIGURES) + "\n")
    assert PROPERTY_FIGURES["taken"] == PROPERTY_FIGURES["restored"]


def test_verify_reads_a_fresh_backup_and_counts_it(journal: bytes) -> None:
    counts = verify(io.BytesIO(journal), secret=BACKUP_SECRET)
    assert counts["visits"] == 1
    with pytest.raises(BackupDamaged, match="signature"):
        verify(io.BytesIO(journal), secret="another-secret-" + "z" * 40)


def test_a_signed_visit_restores_signed_with_its_chart(
    journal: bytes, second_database: Database
) -> None:
    restore_from(second_database, journal)
    with second_database.transaction() as session:
        signed_at, signed_by = session.execute(
            text("SELECT signed_at, signed_by FROM visits")
        ).one()
    assert signed_at is not None
    assert signed_by is not None
