"""Clients: their record, validation naming the field, the audit log, and isolation between
practitioners (another's client is NotFound, exactly like a missing one) on both engines."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from hypothesis_profiles import examples
from plantar.errors import BadInput
from plantar.practice import (
    audit,
    chart,
    clients,
    courses,
    csv_export,
    fhir_bundle,
    screenings,
    timeline,
    visits,
)
from plantar.practice.db import Database
from plantar.practice.errors import Forbidden, NotFound
from plantar.practice.models import User
from plantar.practice.schemas import (
    AddendumCreate,
    ClientCreate,
    ClientUpdate,
    CourseCreate,
    CourseUpdate,
    FindingCreate,
    IntakeCreate,
    VisitCreate,
    VisitUpdate,
    parse_input,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_it_stores_a_client_record_with_consent_time(db: Database, alice: User) -> None:
    data = ClientCreate(
        name="Maria Ivanova",
        date_of_birth=date(1980, 5, 17),
        contact="+7 900 000-00-00",
        notes="prefers light pressure",
        consent=True,
    )
    with db.transaction() as session:
        created = clients.create_client(session, owner=alice, data=data, now=T0)
    with db.transaction() as session:
        shown = clients.get_client(session, owner=alice, client_id=created.id)
    assert shown == created
    assert (shown.name, shown.date_of_birth, shown.consent_given) == (
        "Maria Ivanova",
        date(1980, 5, 17),
        True,
    )
    assert shown.consent_at == T0


def test_it_stamps_consent_when_given_later_and_clears_it_when_withdrawn(
    db: Database, alice: User
) -> None:
    later = datetime(2025, 4, 1, tzinfo=UTC)
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="K"), now=T0)
        assert client.consent_at is None
        given_ = clients.update_client(
            session, owner=alice, client_id=client.id, data=ClientUpdate(consent=True), now=later
        )
        assert given_.consent_at == later
        withdrawn = clients.update_client(
            session, owner=alice, client_id=client.id, data=ClientUpdate(consent=False)
        )
        assert withdrawn.consent_at is None
        assert withdrawn.name == "K"  # untouched fields stay


def test_it_clears_an_optional_field_sent_as_null_but_never_the_name(
    db: Database, alice: User
) -> None:
    with db.transaction() as session:
        client = clients.create_client(
            session, owner=alice, data=ClientCreate(name="L", date_of_birth=date(1990, 1, 1))
        )
        cleared = clients.update_client(
            session, owner=alice, client_id=client.id, data=ClientUpdate(date_of_birth=None)
        )
        assert cleared.date_of_birth is None
    with pytest.raises(BadInput, match="name"), db.transaction() as session:
        clients.update_client(
            session, owner=alice, client_id=client.id, data=ClientUpdate(name=None)
        )


def test_it_lists_and_searches_only_the_owners_clients(
    db: Database, alice: User, bob: User
) -> None:
    with db.transaction() as session:
        for name in ("Zoya", "Anna", "Anton"):
            clients.create_client(session, owner=alice, data=ClientCreate(name=name))
        clients.create_client(session, owner=bob, data=ClientCreate(name="Anastasia"))
    with db.transaction() as session:
        assert [c.name for c in clients.list_clients(session, owner=alice)] == [
            "Anna",
            "Anton",
            "Zoya",
        ]
        assert [c.name for c in clients.list_clients(session, owner=alice, search="an")] == [
            "Anna",
            "Anton",
        ]
        assert [c.name for c in clients.list_clients(session, owner=bob)] == ["Anastasia"]
        assert clients.list_clients(session, owner=alice, search="%") == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "N", "date_of_birth": "1880-01-01"}, "date_of_birth"),
        ({"name": "N", "date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"name": "N", "date_of_birth": "17.05.1980"}, "date_of_birth"),
        ({"name": "N", "age": 40}, "age"),
        ({"name": "N", "consent": "maybe"}, "consent"),
        ({"name": "Nul\x00"}, "name"),
        ({"name": "N", "notes": "a\x00b"}, "notes"),
    ],
)
def test_it_names_the_field_of_a_bad_client(data: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_input(ClientCreate, data)
    assert caught.value.field == field
    assert caught.value.message.startswith(f"{field}: ")


@given(pain=st.integers(min_value=-1000, max_value=1000))
@settings(max_examples=examples(60))
def test_it_accepts_exactly_the_pain_scores_from_0_to_10(pain: int) -> None:
    if 0 <= pain <= 10:
        assert parse_input(VisitCreate, {"pain_before": pain}).pain_before == pain
    else:
        with pytest.raises(BadInput, match="pain_before"):
            parse_input(VisitCreate, {"pain_before": pain})


@given(name=st.text(max_size=200))
@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_it_stores_any_valid_name_exactly_and_refuses_the_rest_by_field(
    db: Database, alice: User, name: str
) -> None:
    def controls(text: str) -> bool:
        return any(unicodedata.category(ch) == "Cc" for ch in text)

    def visible(text: str) -> bool:  # a letter, digit, punctuation or symbol (an unassigned
        return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)  # code point is not)

    error: BadInput | None = None
    try:
        data = parse_input(ClientCreate, {"name": name})
    except BadInput as exc:
        error = exc
    if error is not None:
        assert error.field == "name"
        assert not name.strip() or controls(name) or not visible(name)
        return
    assert data.name
    assert data.name in name
    assert not controls(data.name)
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=data)
    with db.transaction() as session:
        assert clients.get_client(session, owner=alice, client_id=client.id).name == data.name


# Isolation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    client_id: int
    visit_id: int
    signed_visit_id: int
    course_id: int
    finding_id: int


@pytest.fixture
def alices_record(db: Database, alice: User) -> Record:
    """A client of Alice's with everything a record can hold."""
    with db.transaction() as session:
        client = clients.create_client(
            session, owner=alice, data=ClientCreate(name="Alice's client")
        )
        visit = visits.create_visit(
            session, owner=alice, client_id=client.id, data=VisitCreate(held_at=T0)
        )
        finding = chart.add_finding(
            session,
            owner=alice,
            visit_id=visit.id,
            data=FindingCreate(target="arch", side="left", kind="pain", intensity=6),
        )
        screenings.record_intake(session, owner=alice, visit_id=visit.id, data=IntakeCreate())
        signed = visits.create_visit(
            session, owner=alice, client_id=client.id, data=VisitCreate(duration_minutes=30)
        )
        visits.sign_visit(session, owner=alice, visit_id=signed.id, confirmed=visits.SIGNING_GAPS)
        course = courses.create_course(
            session,
            owner=alice,
            client_id=client.id,
            data=CourseCreate(title="Ten sessions", sessions_planned=10),
        )
    return Record(client.id, visit.id, signed.id, course.id, finding.id)


Operation = Callable[[Session, User, Record], object]

OPERATIONS: dict[str, Operation] = {
    "get client": lambda s, u, r: clients.get_client(s, owner=u, client_id=r.client_id),
    "update client": lambda s, u, r: clients.update_client(
        s, owner=u, client_id=r.client_id, data=ClientUpdate(name="mine now")
    ),
    "list visits": lambda s, u, r: visits.list_visits(s, owner=u, client_id=r.client_id),
    "create visit": lambda s, u, r: visits.create_visit(
        s, owner=u, client_id=r.client_id, data=VisitCreate()
    ),
    "get visit": lambda s, u, r: visits.get_visit(s, owner=u, visit_id=r.visit_id),
    "update visit": lambda s, u, r: visits.update_visit(
        s, owner=u, visit_id=r.visit_id, data=VisitUpdate(subjective="x")
    ),
    "sign visit": lambda s, u, r: visits.sign_visit(
        s, owner=u, visit_id=r.visit_id, confirmed=visits.SIGNING_GAPS
    ),
    "add addendum": lambda s, u, r: visits.add_addendum(
        s, owner=u, visit_id=r.signed_visit_id, data=AddendumCreate(text="x", reason="y")
    ),
    "read chart": lambda s, u, r: chart.list_findings(s, owner=u, visit_id=r.visit_id),
    "add finding": lambda s, u, r: chart.add_finding(
        s,
        owner=u,
        visit_id=r.visit_id,
        data=FindingCreate(target="heel", side="right", kind="pain"),
    ),
    "remove finding": lambda s, u, r: chart.remove_finding(
        s, owner=u, visit_id=r.visit_id, finding_id=r.finding_id
    ),
    "record intake": lambda s, u, r: screenings.record_intake(
        s, owner=u, visit_id=r.visit_id, data=IntakeCreate()
    ),
    "screening alert": lambda s, u, r: screenings.screening_alert(
        s, owner=u, client_id=r.client_id
    ),
    "previous intake": lambda s, u, r: screenings.previous_intake(
        s, owner=u, client_id=r.client_id
    ),
    "list courses": lambda s, u, r: courses.list_courses(s, owner=u, client_id=r.client_id),
    "get course": lambda s, u, r: courses.get_course(s, owner=u, course_id=r.course_id),
    "create course": lambda s, u, r: courses.create_course(
        s, owner=u, client_id=r.client_id, data=CourseCreate(title="x", sessions_planned=1)
    ),
    "update course": lambda s, u, r: courses.update_course(
        s, owner=u, course_id=r.course_id, data=CourseUpdate(title="x"), expected_version=1
    ),
    "redeem session": lambda s, u, r: courses.redeem_session(s, owner=u, course_id=r.course_id),
    "timeline": lambda s, u, r: timeline.client_timeline(s, owner=u, client_id=r.client_id),
    "fhir export": lambda s, u, r: fhir_bundle.export_client_fhir(
        s, owner=u, client_id=r.client_id
    ),
    "csv export": lambda s, u, r: csv_export.export_client_csv(s, owner=u, client_id=r.client_id),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_it_hides_another_practitioners_records_as_not_found(
    db: Database, alices_record: Record, bob: User, operation: str
) -> None:
    with pytest.raises(NotFound) as theirs, db.transaction() as session:
        OPERATIONS[operation](session, bob, alices_record)
    missing = Record(*(n + 10_000 for n in vars(alices_record).values()))
    with pytest.raises(NotFound) as absent, db.transaction() as session:
        OPERATIONS[operation](session, bob, missing)
    # Same kind of error and the same wording: nothing tells "exists, not yours" apart.
    assert type(theirs.value) is type(absent.value)
    assert theirs.value.message.replace(str(theirs.value.record_id), "N") == (
        absent.value.message.replace(str(absent.value.record_id), "N")
    )


def test_it_leaves_the_owners_record_untouched_by_the_other_practitioner(
    db: Database, alice: User, alices_record: Record, bob: User
) -> None:
    for operation in OPERATIONS.values():
        with pytest.raises(NotFound), db.transaction() as session:
            operation(session, bob, alices_record)
    with db.transaction() as session:
        assert clients.get_client(session, owner=alice, client_id=alices_record.client_id).name == (
            "Alice's client"
        )
        assert (
            courses.get_course(
                session, owner=alice, course_id=alices_record.course_id
            ).sessions_done
            == 0
        )
        assert len(chart.list_findings(session, owner=alice, visit_id=alices_record.visit_id)) == 1


# Audit log ------------------------------------------------------------------------------------


def test_it_logs_who_read_and_changed_which_client(db: Database, alice: User, admin: User) -> None:
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="Audited"))
        clients.get_client(session, owner=alice, client_id=client.id)
        clients.update_client(
            session, owner=alice, client_id=client.id, data=ClientUpdate(notes="n")
        )
    with db.transaction() as session:
        events = audit.read_log(session, actor=admin, client_id=client.id)
    assert [(e.action, e.entity, e.actor_id) for e in reversed(events)] == [
        ("create", "client", alice.id),
        ("read", "client", alice.id),
        ("update", "client", alice.id),
    ]
    assert events[0].detail == "notes"


def test_it_leaves_no_audit_event_for_a_change_that_was_rolled_back(
    db: Database, alice: User, admin: User
) -> None:
    def failing_request() -> None:
        with db.transaction() as session:
            clients.create_client(session, owner=alice, data=ClientCreate(name="Never saved"))
            raise RuntimeError("the request failed after the write")

    with pytest.raises(RuntimeError):
        failing_request()
    with db.transaction() as session:
        assert audit.read_log(session, actor=admin) == []
        assert clients.list_clients(session, owner=alice) == []


def test_it_lets_only_the_admin_read_the_audit_log(db: Database, alice: User) -> None:
    with pytest.raises(Forbidden), db.transaction() as session:
        audit.read_log(session, actor=alice)


def test_it_logs_the_admins_reading_of_the_log_too(db: Database, admin: User) -> None:
    with db.transaction() as session:
        audit.read_log(session, actor=admin)
    with db.transaction() as session:
        events = audit.read_log(session, actor=admin)
    assert [(e.action, e.entity) for e in events] == [("read", "audit_log")]


def test_it_has_no_code_path_that_changes_or_deletes_an_audit_event() -> None:
    import inspect

    source = inspect.getsource(audit)
    assert "update(" not in source
    assert "delete(" not in source
