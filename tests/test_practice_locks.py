"""Signed means locked, below the application too: the database refuses any change to a signed
visit's foot chart and intake, and a chart write racing the signature (real processes, on both
engines) either lands before the signature or is refused, never after it."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from plantar.practice import chart, clients, screenings, visits
from plantar.practice.db import Database
from plantar.practice.models import Finding, User
from plantar.practice.schemas import ClientCreate, FindingCreate, IntakeCreate, VisitCreate

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MARK = FindingCreate(target="arch", side="left", view="sole", kind="pain", intensity=5)


@pytest.fixture
def visit_id(db: Database, alice: User) -> int:
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="Pyotr"))
        made = visits.create_visit(
            session, owner=alice, client_id=client.id, data=VisitCreate(held_at=T0)
        )
        chart.add_finding(session, owner=alice, visit_id=made.id, data=MARK)
        screenings.record_intake(session, owner=alice, visit_id=made.id, data=IntakeCreate())
    return made.id


INSERTS = {
    "findings": (
        "INSERT INTO findings (visit_id, target, region, side, view, kind, intensity, comment,"
        " created_at)"
        " VALUES (:id, 'arch', 'arch', 'left', 'sole', 'pain', 9, '', CURRENT_TIMESTAMP)"
    ),
    "intakes": (
        "INSERT INTO intakes (visit_id, answers, verdict, screening, kb_version, created_at)"
        " VALUES (:id, '{}', 'ok', '{}', 'forged', CURRENT_TIMESTAMP)"
    ),
}
REWRITES = {
    "findings": "UPDATE findings SET intensity = 0 WHERE visit_id = :id",
    "intakes": "UPDATE intakes SET verdict = 'ok' WHERE visit_id = :id",
}


@pytest.mark.parametrize("table", sorted(INSERTS))
def test_the_database_refuses_to_change_a_signed_visits_chart_or_intake(
    db: Database, alice: User, visit_id: int, table: str
) -> None:
    with db.transaction() as session:
        before = session.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
        visits.sign_visit(session, owner=alice, visit_id=visit_id, confirmed=visits.SIGNING_GAPS)
    for statement in (
        INSERTS[table],
        REWRITES[table],
        f"DELETE FROM {table} WHERE visit_id = :id",
    ):
        with pytest.raises(DBAPIError, match="signed and locked"), db.transaction() as session:
            session.execute(text(statement), {"id": visit_id})
    with db.transaction() as session:
        assert session.execute(text(f"SELECT * FROM {table} ORDER BY id")).all() == before


def test_moving_a_mark_onto_a_signed_visit_is_refused(
    db: Database, alice: User, visit_id: int
) -> None:
    """An UPDATE is checked against the visit it leaves and the one it joins."""
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="Anna"))
        signed = visits.create_visit(
            session, owner=alice, client_id=client.id, data=VisitCreate(held_at=T0)
        ).id
        visits.sign_visit(session, owner=alice, visit_id=signed, confirmed=visits.SIGNING_GAPS)
    with pytest.raises(DBAPIError, match="signed and locked"), db.transaction() as session:
        session.execute(
            text("UPDATE findings SET visit_id = :signed WHERE visit_id = :id"),
            {"signed": signed, "id": visit_id},
        )


def test_an_unsigned_visits_chart_and_intake_still_change_freely(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        for statement in (*INSERTS.values(), *REWRITES.values()):
            session.execute(text(statement), {"id": visit_id})
        session.execute(text("DELETE FROM findings WHERE visit_id = :id"), {"id": visit_id})


# The race ---------------------------------------------------------------------------------------
# Writers add marks to the chart in a loop, each holding its transaction open a moment before
# committing (as a slow request would); the signer signs while they run and, in its own
# transaction after the signature, counts the chart. Every mark acknowledged must be in that
# count and nothing may be added after it: the chart the signature covers is the chart kept.

WRITER = """
import sys, time
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from plantar.practice.chart import add_finding
from plantar.practice.db import Database
from plantar.practice.errors import NoteLocked
from plantar.practice.models import User
from plantar.practice.schemas import FindingCreate

db = Database(sys.argv[1])
owner_id, visit_id, below = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "sql"
mark = FindingCreate(target="arch", side="left", view="sole", kind="pain", intensity=5)
# The signature comes after a few marks; a writer still unstopped after a minute says so.
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        with db.transaction() as session:
            if below:  # straight to the database, past the application's own lock and check
                found = session.execute(text(
                    "INSERT INTO findings (visit_id, target, region, side, view, kind, "
                    "intensity, comment, created_at) VALUES (:id, 'arch', 'arch', 'left', "
                    "'sole', 'pain', 5, '', CURRENT_TIMESTAMP) RETURNING id"),
                    {"id": visit_id}).scalar()
            else:
                owner = session.get(User, owner_id)
                found = add_finding(session, owner=owner, visit_id=visit_id, data=mark).id
            time.sleep(0.01)  # the transaction stays open: the signature may come now
    except NoteLocked:
        print("locked", flush=True)
        break
    except DBAPIError as exc:
        assert "signed and locked" in str(exc), exc
        print("refused", flush=True)
        break
    print(found, flush=True)  # only once the commit has returned
    time.sleep(0.02)  # between transactions the journal is free: the signer gets its turn
else:
    print("unstopped", flush=True)
"""

SIGNER = """
import sys
from sqlalchemy import func, select, text
from plantar.practice.db import Database
from plantar.practice.models import Finding, User
from plantar.practice.visits import SIGNING_GAPS, sign_visit

db = Database(sys.argv[1])
owner_id, visit_id, below = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "sql"
with db.transaction() as session:
    if below:
        session.execute(
            text("UPDATE visits SET signed_at = CURRENT_TIMESTAMP, signed_by = :by WHERE id = :id"),
            {"by": owner_id, "id": visit_id},
        )
    else:
        sign_visit(
            session,
            owner=session.get(User, owner_id),
            visit_id=visit_id,
            confirmed=SIGNING_GAPS,
        )
    # A statement after the signature, in its transaction: the chart as the signature covers it.
    covered = session.scalar(select(func.count()).where(Finding.visit_id == visit_id))
print(covered, flush=True)
"""
WRITERS = 3
ACKS_BEFORE_SIGNING = 5


@pytest.mark.parametrize("path", ["app", "sql"])
def test_a_chart_write_racing_the_signature_lands_before_it_or_not_at_all(
    db_url: str, db: Database, alice: User, visit_id: int, path: str
) -> None:
    args = [db_url, str(alice.id), str(visit_id), path]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    acknowledged: list[int] = []
    endings = []
    try:
        for writer in writers:  # every writer is in its loop before the signature comes
            assert writer.stdout is not None
            for _ in range(ACKS_BEFORE_SIGNING):
                line = writer.stdout.readline()
                assert line.strip().isdigit(), line + (
                    writer.stderr.read() if writer.stderr else ""
                )
                acknowledged.append(int(line))
        signer = subprocess.run(
            [sys.executable, "-c", SIGNER, *args], capture_output=True, text=True, timeout=60
        )
        assert signer.returncode == 0, signer.stderr
        covered = int(signer.stdout)
        for writer in writers:
            # Through the same text stream the first lines came from: communicate() would read
            # the pipe beneath it and miss what readline() had already buffered.
            assert writer.stdout is not None
            assert writer.stderr is not None
            rest = writer.stdout.read()
            errors = writer.stderr.read()
            assert writer.wait(timeout=60) == 0, errors
            lines = rest.split()
            endings.append(lines[-1])
            acknowledged += [int(line) for line in lines[:-1]]
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
            for stream in (writer.stdout, writer.stderr):
                if stream is not None:
                    stream.close()
    # Each writer was stopped by the lock: by the application's check or the database's trigger.
    assert set(endings) <= {"locked", "refused"}
    if path == "sql":
        assert set(endings) == {"refused"}
    with db.transaction() as session:
        kept = set(session.scalars(select(Finding.id).where(Finding.visit_id == visit_id)))
        total = session.scalar(select(func.count()).where(Finding.visit_id == visit_id))
    assert set(acknowledged) <= kept  # no acknowledged mark lost
    assert total == covered  # and none landed after the signature
