"""Exports and care of data: FHIR R4B bundle, CSV, and backup -> restore -> backup identical
to the byte (on each engine, and from SQLite to PostgreSQL)."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fhir.resources.R4B.bundle import Bundle

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.practice import chart, clients, courses, csv_export, fhir_bundle, screenings, visits
from plantar.practice.backup import BackupDamaged
from plantar.practice.db import Database
from plantar.practice.fhir_codes import LOINC, PAIN_CODE, check_codes
from plantar.practice.migrate import current_revision, head_revision
from plantar.practice.models import User
from plantar.practice.schemas import (
    AddendumCreate,
    ClientCreate,
    CourseCreate,
    FindingCreate,
    IntakeCreate,
    PriceCreate,
    VisitCreate,
)
from practice_fixtures import (
    BACKUP_SECRET,
    backup_of,
    journal_rows,
    plan_document,  # a real plan, as the product stores it
    restore_from,
    signed,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def populate(db: Database, owner: User) -> int:
    """A first visit end to end: client, intake, chart, session, signature, addendum, course."""
    with db.transaction() as session:
        client = clients.create_client(
            session,
            owner=owner,
            data=ClientCreate(
                name="Anna Petrova",
                date_of_birth=date(1979, 11, 2),
                contact="anna@example.org",
                notes='=HYPERLINK("http://evil")',
                consent=True,
            ),
            now=T0,
        )
        course = courses.create_course(
            session,
            owner=owner,
            client_id=client.id,
            data=CourseCreate(title="Ten", sessions_planned=10, price_total=Decimal("8000")),
            now=T0,
        )
        for day in range(3):
            visit = visits.create_visit(
                session,
                owner=owner,
                client_id=client.id,
                data=VisitCreate(
                    held_at=T0 + timedelta(days=2 * day),
                    duration_minutes=40,
                    style="reflexology" if day else "classical",
                    plan=plan_document(minutes=40),
                    subjective="Ноги гудят" if day == 0 else "better",
                    objective="tension, left arch",
                    pain_before=7 - day,
                    pain_after=4 - day,
                    price=Decimal("800.50"),
                ),
                now=T0,
            )
            chart.add_finding(
                session,
                owner=owner,
                visit_id=visit.id,
                data=FindingCreate(target="arch", side="left", kind="pain", intensity=6 - day),
                now=T0,
            )
            chart.add_finding(
                session,
                owner=owner,
                visit_id=visit.id,
                data=FindingCreate(target="heel", side="right", kind="callus", intensity=2),
                now=T0,
            )
            screenings.record_intake(
                session,
                owner=owner,
                visit_id=visit.id,
                data=IntakeCreate(conditions=["varicose_veins"] if day == 0 else []),
                now=T0,
            )
            courses.redeem_session(session, owner=owner, course_id=course.id, visit_id=visit.id)
            visits.sign_visit(session, owner=owner, visit_id=visit.id, now=T0)
        visits.add_addendum(
            session,
            owner=owner,
            visit_id=visit.id,
            data=AddendumCreate(text="pain after was 3", reason="client called"),
            now=T0 + timedelta(days=5),
        )
        courses.add_price(
            session, owner=owner, data=PriceCreate(service="Foot", amount=Decimal(900))
        )
    return client.id


# FHIR -----------------------------------------------------------------------------------------


@pytest.fixture
def bundle(db: Database, alice: User) -> dict[str, Any]:
    client_id = populate(db, alice)
    with db.transaction() as session:
        return fhir_bundle.export_client_fhir(session, owner=alice, client_id=client_id)


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_it_exports_a_client_as_a_valid_fhir_r4b_bundle(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)  # raises on any structural problem
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds[0] == "Patient"
    assert {kinds.count(k) for k in ("Encounter", "Procedure", "QuestionnaireResponse")} == {3}
    patient = _resources(bundle, "Patient")[0]
    assert patient["birthDate"] == "1979-11-02"
    assert patient["telecom"] == [{"system": "email", "value": "anna@example.org"}]


def test_it_exports_pain_scores_as_loinc_72514_3(bundle: dict[str, Any]) -> None:
    pain = [
        o
        for o in _resources(bundle, "Observation")
        if any(c["system"] == LOINC and c["code"] == PAIN_CODE for c in o["code"]["coding"])
    ]
    values = sorted(o["valueInteger"] for o in pain)
    # before 7,6,5; after 4,3,2; the charted arch 6,5,4
    assert values == sorted([7, 6, 5, 4, 3, 2, 6, 5, 4])
    arch = [o for o in pain if o.get("bodySite", {}).get("text", "").startswith("left arch")]
    assert len(arch) == 3


def test_it_exports_intake_conditions_with_icd10_and_the_verdicts(
    bundle: dict[str, Any], kb: KnowledgeBase
) -> None:
    (condition,) = _resources(bundle, "Condition")
    codes = {c["system"]: c["code"] for c in condition["code"]["coding"]}
    assert codes["urn:plantar:condition"] == "varicose_veins"
    assert codes["http://hl7.org/fhir/sid/icd-10"].startswith("I83")
    assert condition["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
    answers = [
        {i["linkId"]: i["answer"] for i in q["item"]}
        for q in _resources(bundle, "QuestionnaireResponse")
    ]
    assert answers[0]["conditions"][0]["valueCoding"]["code"] == "varicose_veins"
    assert answers[0]["kb_version"] == [{"valueString": kb.digest}]


def test_it_exports_the_signed_note_and_its_addendum(bundle: dict[str, Any]) -> None:
    notes = [n["text"] for p in _resources(bundle, "Procedure") for n in p.get("note", [])]
    assert "Subjective: Ноги гудят" in notes
    assert "Addendum (client called): pain after was 3" in notes
    service = {p["serviceType"]["coding"][0]["code"] for p in _resources(bundle, "Encounter")}
    assert service == {"25", "29"}  # massage therapy, reflexology


def test_it_finds_no_code_problem_in_its_own_export(
    bundle: dict[str, Any], kb: KnowledgeBase
) -> None:
    assert check_codes(bundle, kb) == []


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(bundle: dict[str, Any]) -> None:
        node: Any = bundle
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


TAMPERED = {
    "bogus procedure status": (
        lambda b: _first(b, "Procedure").__setitem__("status", "bogus"),
        "status 'bogus'",
    ),
    "wrong loinc code": (
        lambda b: _first_pain(b)["code"]["coding"][0].__setitem__("code", "72514-4"),
        "'72514-4' is not a code of http://loinc.org",
    ),
    "pain out of range": (
        lambda b: _first_pain(b).__setitem__("valueInteger", 11),
        "pain score 11",
    ),
    "unknown condition": (
        lambda b: _first(b, "Condition")["code"]["coding"][-1].__setitem__("code", "gout"),
        "'gout' is not a code of urn:plantar:condition",
    ),
    "dangling reference": (
        lambda b: _first(b, "Encounter")["subject"].__setitem__("reference", "urn:uuid:x"),
        "is not in the bundle",
    ),
    "made-up service type": (
        lambda b: _first(b, "Encounter")["serviceType"]["coding"][0].__setitem__("code", "99"),
        "'99' is not a code of",
    ),
}


def _first(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    return _resources(bundle, kind)[0]


def _first_pain(bundle: dict[str, Any]) -> dict[str, Any]:
    return next(
        o for o in _resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == PAIN_CODE
    )


@pytest.mark.parametrize("case", TAMPERED)
def test_it_catches_code_values_fhir_resources_lets_through(
    bundle: dict[str, Any], kb: KnowledgeBase, case: str
) -> None:
    tamper, expected = TAMPERED[case]
    broken = copy.deepcopy(bundle)
    tamper(broken)
    problems = check_codes(broken, kb)
    assert any(expected in p for p in problems), problems


# CSV ------------------------------------------------------------------------------------------


def test_it_exports_visits_as_csv_defusing_formulas(db: Database, alice: User) -> None:
    client_id = populate(db, alice)
    with db.transaction() as session:
        text = csv_export.export_client_csv(session, owner=alice, client_id=client_id)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["pain_before"] for r in rows] == ["7", "6", "5"]
    assert rows[0]["pain_by_region"] == "arch:6"
    assert rows[0]["price"] == "800.50"
    assert rows[0]["verdict"] in {"ok", "adapt", "postpone", "avoid"}
    assert rows[2]["addenda"].endswith("(client called) pain after was 3")
    assert text.endswith("\r\n")


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2", "@SUM(A1)"])
def test_it_neutralises_every_formula_prefix(value: str) -> None:
    assert csv_export._cell(value) == "'" + value


# Backup and restore ---------------------------------------------------------------------------


_backup = backup_of


def test_backup_restore_backup_is_byte_identical(
    db: Database, alice: User, second_database: Database
) -> None:
    populate(db, alice)
    first = _backup(db)
    assert first.count(b"\n") > 30
    restore_from(second_database, first)
    assert journal_rows(_backup(second_database)) == journal_rows(first)


def test_a_backup_moves_from_sqlite_to_postgresql_unchanged(
    tmp_path: Path, postgres_available: str, password_hash: str
) -> None:
    import uuid

    from sqlalchemy import create_engine

    from plantar.practice.db import with_search_path

    source = Database(f"sqlite:///{tmp_path / 'laptop.sqlite3'}")
    source.upgrade()
    with source.transaction() as session:
        owner = User(email="solo@example.org", password_hash=password_hash, role="admin")
        session.add(owner)
    populate(source, owner)
    first = _backup(source)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(postgres_available, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        clinic = Database(with_search_path(postgres_available, schema))
        restore_from(clinic, first)
        assert journal_rows(_backup(clinic)) == journal_rows(first)
        with clinic.transaction() as session:  # the sequences moved past the restored ids
            added = clients.create_client(session, owner=owner, data=ClientCreate(name="New"))
        assert added.id == 2
        clinic.dispose()
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
    source.dispose()


def test_it_restores_records_that_work_as_before(db: Database, alice: User, tmp_path: Path) -> None:
    client_id = populate(db, alice)
    target = Database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    restore_from(target, _backup(db))
    with target.transaction() as session:
        restored = fhir_bundle.export_client_fhir(session, owner=alice, client_id=client_id)
        again = clients.create_client(session, owner=alice, data=ClientCreate(name="After"))
    assert len(restored["entry"]) > 10
    assert again.id == client_id + 1
    target.dispose()


def test_it_refuses_to_restore_into_a_database_with_records(db: Database, alice: User) -> None:
    populate(db, alice)
    with pytest.raises(BadInput, match="empty database"):
        restore_from(db, _backup(db))


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda b: b[: len(b) // 2].rsplit(b"\n", 1)[0] + b"\n", "cut short"),
        (lambda b: b.replace(b'"format":"plantar-backup"', b'"format":"other"'), "version 1 or 2"),
        (lambda b: b.replace(b'"table":"visits"', b'"table":"secrets"', 1), "secrets"),
        (lambda b: b + b'{"table":"users"}\n', "after the end line"),
        (lambda b: b.replace(b"\n", b"\nnot json\n", 1), "a line of JSON"),
    ],
)
def test_it_refuses_a_damaged_backup_and_restores_nothing(
    db: Database,
    alice: User,
    tmp_path: Path,
    mangle: Callable[[bytes], bytes],
    message: str,
) -> None:
    populate(db, alice)
    target = Database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    with pytest.raises(BackupDamaged, match=message):
        restore_from(target, mangle(_backup(db)))
    target.upgrade()
    assert _backup(target).count(b"\n") == 2  # header and footer: nothing was half-restored
    target.dispose()


def test_it_backs_up_and_restores_from_the_command_line(
    run: Callable[..., Result],
    db: Database,
    db_url: str,
    alice: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANTAR_SECRET", BACKUP_SECRET)
    populate(db, alice)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    copy_url = f"sqlite:///{tmp_path / 'cli-copy.sqlite3'}"
    result = run("backup", str(first), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "clients 1" in result.output
    assert "read back and verified" in result.output
    assert run("restore", str(first), "--db", copy_url).exit_code == 0
    assert run("backup", str(second), "--db", copy_url).exit_code == 0
    assert journal_rows(first.read_bytes()) == journal_rows(second.read_bytes())
    again = run("restore", str(first), "--db", copy_url)
    assert again.exit_code == 2
    assert "empty database" in again.output
    assert not list(tmp_path.glob(".*.partial"))


# A doctor's clearance in every export -----------------------------------------------------------

CLEARED_ON = date(2025, 2, 20)
CLEARANCE_NOTE = "=BP controlled; gentle work only"  # also a formula to defuse in the CSV


def add_cleared_visit(db: Database, owner: User, client_id: int) -> int:
    """A fourth visit, screened with hypertension that a doctor cleared for massage."""
    with db.transaction() as session:
        visit = visits.create_visit(
            session,
            owner=owner,
            client_id=client_id,
            data=VisitCreate(held_at=T0 + timedelta(days=10), duration_minutes=30),
            now=T0,
        )
        screenings.record_intake(
            session,
            owner=owner,
            visit_id=visit.id,
            data=IntakeCreate(
                conditions=["hypertension"],
                answered=True,
                cleared=["hypertension"],
                cleared_by="Dr Irina Sokolova",
                cleared_on=CLEARED_ON,
                clearance_note=CLEARANCE_NOTE,
            ),
            now=T0 + timedelta(days=10),
        )
    return visit.id


def test_a_fhir_bundle_with_a_doctors_clearance_validates_and_carries_who_when_and_the_note(
    db: Database, alice: User, kb: KnowledgeBase
) -> None:
    client_id = populate(db, alice)
    add_cleared_visit(db, alice, client_id)
    with db.transaction() as session:
        bundle = fhir_bundle.export_client_fhir(session, owner=alice, client_id=client_id)
    Bundle.model_validate(bundle)
    assert check_codes(bundle, kb) == []
    last = _resources(bundle, "QuestionnaireResponse")[-1]
    items = {i["linkId"]: i for i in last["item"]}
    assert items["verdict"]["answer"] == [
        {"valueCoding": {"system": "urn:plantar:verdict", "code": "adapt"}}
    ]
    clearance = {i["linkId"]: i["answer"] for i in items["clearance"]["item"]}
    assert clearance == {
        "clearance.cleared": [
            {"valueCoding": {"system": "urn:plantar:condition", "code": "hypertension"}}
        ],
        "clearance.cleared_by": [{"valueString": "Dr Irina Sokolova"}],
        "clearance.cleared_on": [{"valueDate": "2025-02-20"}],
        "clearance.note": [{"valueString": CLEARANCE_NOTE}],
    }
    earlier = _resources(bundle, "QuestionnaireResponse")[0]
    assert "clearance" not in {i["linkId"] for i in earlier["item"]}
    hypertension = next(
        c
        for c in _resources(bundle, "Condition")
        if {"system": "urn:plantar:condition", "code": "hypertension"} in c["code"]["coding"]
    )
    (doctor,) = [n for n in hypertension["note"] if "authorString" in n]
    assert doctor["authorString"] == "Dr Irina Sokolova"
    assert doctor["time"] == "2025-02-20"
    assert CLEARANCE_NOTE in doctor["text"]


def test_the_csv_has_the_clearance_of_each_visit(db: Database, alice: User) -> None:
    client_id = populate(db, alice)
    add_cleared_visit(db, alice, client_id)
    with db.transaction() as session:
        text = csv_export.export_client_csv(session, owner=alice, client_id=client_id)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["cleared"] for r in rows] == ["", "", "", "hypertension"]
    assert rows[3]["verdict"] == "adapt"
    assert (rows[3]["cleared_by"], rows[3]["cleared_on"]) == ("Dr Irina Sokolova", "2025-02-20")
    assert rows[3]["clearance_note"] == "'" + CLEARANCE_NOTE  # defused, as every cell


def test_backup_and_restore_keep_a_doctors_clearance_to_the_byte(
    db: Database, alice: User, second_database: Database
) -> None:
    client_id = populate(db, alice)
    visit_id = add_cleared_visit(db, alice, client_id)
    first = _backup(db)
    assert b'"cleared_by":"Dr Irina Sokolova"' in first
    restore_from(second_database, first)
    assert journal_rows(_backup(second_database)) == journal_rows(first)
    with second_database.transaction() as session:
        (intake,) = screenings.intakes_of_visit(session, owner=alice, visit_id=visit_id)
    assert (intake.verdict, intake.cleared, intake.cleared_by, intake.cleared_on) == (
        "adapt",
        ["hypertension"],
        "Dr Irina Sokolova",
        CLEARED_ON,
    )
    assert intake.clearance_note == CLEARANCE_NOTE


@pytest.mark.parametrize("target", ["never migrated", "empty at the latest schema"])
def test_a_backup_made_before_the_clearance_migration_still_restores(
    db: Database, alice: User, second_database: Database, target: str
) -> None:
    if target == "empty at the latest schema":
        second_database.upgrade()
    populate(db, alice)
    current = _backup(db)
    # The same journal as schema 0001 wrote it: intakes without the clearance columns.
    lines = [json.loads(line) for line in current.splitlines()]
    lines[0]["schema"] = "0001"
    for line in lines:
        if line.get("table") == "intakes":
            for column in ("cleared_by", "cleared_on", "clearance_note"):
                del line["row"][column]
    old = signed([line for line in lines if "end" not in line])
    restore_from(second_database, old)
    assert current_revision(second_database.engine) == head_revision()
    # as if it had been migrated in place
    assert journal_rows(_backup(second_database)) == journal_rows(current)
