"""The audit log records reads of health data (screenings, charts, notes, courses), failed
logins, refused and missing-record probes, backups and restores."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from plantar.practice import courses, screenings
from plantar.practice.db import Database
from plantar.practice.errors import LoginFailed
from plantar.practice.logins import login
from plantar.practice.models import AuditEvent, User
from plantar.practice.settings import Settings
from practice_fixtures import backup_of, restore_from

if TYPE_CHECKING:
    from web_practice_support import Records, Visitor

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _events(db: Database, **match: object) -> list[AuditEvent]:
    with db.transaction() as session:
        query = select(AuditEvent).order_by(AuditEvent.id)
        for name, value in match.items():
            query = query.where(getattr(AuditEvent, name) == value)
        return list(session.scalars(query))


def test_reading_a_screening_or_a_course_is_in_the_log(
    db: Database, alice: User, records: Records
) -> None:
    with db.transaction() as session:
        owner = session.get(User, alice.id)
        assert owner is not None
        screenings.intakes_of_visit(session, owner=owner, visit_id=records.visit)
        screenings.screening_alert(session, owner=owner, client_id=records.client)
        courses.get_course(session, owner=owner, course_id=records.course)
        courses.list_courses(session, owner=owner, client_id=records.client)
    reads = {(e.entity, e.client_id) for e in _events(db, action="read", actor_id=alice.id)}
    for entity in ("intake", "course", "course_list"):
        assert (entity, records.client) in reads, entity


def test_the_pages_reading_health_data_leave_a_read_each(
    db: Database, alice: User, as_alice: Visitor, records: Records
) -> None:
    before = len(_events(db, action="read"))
    for path in (
        f"/practice/visits/{records.visit}/intake",
        f"/practice/visits/{records.visit}/chart",
        f"/practice/visits/{records.visit}",
        f"/practice/clients/{records.client}",
    ):
        assert as_alice.get(path).status_code == 200, path
    entities = {e.entity for e in _events(db, action="read")[before:]}
    assert {"intake", "chart", "visit", "client", "course_list"} <= entities


def test_failed_logins_are_in_the_log_without_a_strangers_typed_address(
    db: Database, alice: User, settings: Settings
) -> None:
    with pytest.raises(LoginFailed):
        login(db, email=alice.email, password="not the password", settings=settings, now=T0)
    with pytest.raises(LoginFailed):
        login(
            db,
            email="typo-or-secret@example.org",
            password="whatever it is",
            settings=settings,
            client_ip="203.0.113.5",
            now=T0,
        )
    failed = _events(db, action="login_failed")
    assert [(e.entity_id, e.detail) for e in failed] == [
        (alice.id, "wrong password"),
        (None, "no such account from 203.0.113.5"),
    ]
    assert all("typo-or-secret" not in e.detail for e in failed)


def test_probing_anothers_record_and_a_refused_page_are_in_the_log(
    db: Database, bob: User, as_bob: Visitor, records: Records
) -> None:
    assert as_bob.get(f"/api/v1/clients/{records.client}").status_code == 404
    assert as_bob.get(f"/practice/visits/{records.visit}").status_code == 404
    assert as_bob.get("/api/v1/audit").status_code == 403
    missing = _events(db, action="missing", actor_id=bob.id)
    assert [(e.entity, e.entity_id) for e in missing] == [
        ("client", records.client),
        ("visit", records.visit),
    ]
    (denied,) = _events(db, action="denied", actor_id=bob.id)
    assert denied.detail == "GET /api/v1/audit"


def test_backups_and_restores_are_in_the_log(
    db: Database, alice: User, records: Records, second_database: Database
) -> None:
    data = backup_of(db)
    assert len(_events(db, action="backup")) == 1
    restore_from(second_database, data)
    (restored,) = _events(second_database, action="restore")
    assert restored.detail.endswith("verified")
