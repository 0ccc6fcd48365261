"""Visits: session records, signed notes locked (service layer and database), addenda, the foot
chart checked against the map, and intake screening stored with its verdict."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.practice import chart, clients, screenings, visits
from plantar.practice.db import Database
from plantar.practice.errors import NoteLocked
from plantar.practice.models import User
from plantar.practice.schemas import (
    AddendumCreate,
    ClientCreate,
    FindingCreate,
    IntakeCreate,
    VisitCreate,
    VisitUpdate,
)
from practice_fixtures import plan_document  # a real plan, as the product stores it

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NO_INTAKE = ("no_intake",)  # these visits' notes are written; their intakes are other tests'
SOAP = VisitCreate(
    held_at=T0,
    duration_minutes=45,
    style="classical",
    plan=plan_document(minutes=45),
    subjective="tired feet after work",
    objective="tension in the left arch",
    assessment="responds to light pressure",
    plan_note="repeat in two days",
    pain_before=6,
    pain_after=3,
    price=Decimal("1500.00"),
)


@pytest.fixture
def client_id(db: Database, alice: User) -> int:
    with db.transaction() as session:
        born = date(1985, 6, 1)
        return clients.create_client(
            session, owner=alice, data=ClientCreate(name="Pyotr", date_of_birth=born)
        ).id


@pytest.fixture
def visit_id(db: Database, alice: User, client_id: int) -> int:
    with db.transaction() as session:
        return visits.create_visit(session, owner=alice, client_id=client_id, data=SOAP).id


def test_it_records_a_session_with_soap_note_pain_and_price(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        shown = visits.get_visit(session, owner=alice, visit_id=visit_id)
    assert shown.held_at == T0
    assert (shown.duration_minutes, shown.style, shown.pain_before, shown.pain_after) == (
        45,
        "classical",
        6,
        3,
    )
    assert shown.plan is not None
    assert shown.plan.document() == SOAP.plan
    assert (shown.price, shown.currency) == (Decimal("1500.00"), "RUB")
    assert shown.plan_note == "repeat in two days"


def test_it_uses_the_configured_currency_for_a_price_given_without_one(
    db: Database, alice: User, client_id: int
) -> None:
    with db.transaction() as session:
        visit = visits.create_visit(
            session,
            owner=alice,
            client_id=client_id,
            data=VisitCreate(price=Decimal("20")),
            currency="EUR",
        )
    assert (visit.price, visit.currency) == (Decimal("20.00"), "EUR")


def test_it_refuses_an_unknown_style_naming_the_valid_ones(
    db: Database, alice: User, client_id: int, kb: KnowledgeBase
) -> None:
    with pytest.raises(BadInput) as caught, db.transaction() as session:
        visits.create_visit(
            session, owner=alice, client_id=client_id, data=VisitCreate(style="swedish")
        )
    assert caught.value.field == "style"
    assert all(style in caught.value.message for style in kb.ids("styles"))


def test_it_edits_an_unsigned_note(db: Database, alice: User, visit_id: int) -> None:
    with db.transaction() as session:
        edited = visits.update_visit(
            session,
            owner=alice,
            visit_id=visit_id,
            data=VisitUpdate(pain_after=2, assessment="much better"),
        )
    assert (edited.pain_after, edited.assessment, edited.pain_before) == (2, "much better", 6)


def test_it_locks_a_signed_note_against_every_change(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        signed = visits.sign_visit(
            session, owner=alice, visit_id=visit_id, confirmed=NO_INTAKE, now=T0
        )
    assert (signed.signed_at, signed.signed_by) == (T0, alice.id)
    changes = {
        "edit": lambda s: visits.update_visit(
            s, owner=alice, visit_id=visit_id, data=VisitUpdate(subjective="rewritten")
        ),
        "sign again": lambda s: visits.sign_visit(s, owner=alice, visit_id=visit_id),
        "chart": lambda s: chart.add_finding(
            s,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target="heel", side="left", kind="pain"),
        ),
        "intake": lambda s: screenings.record_intake(
            s, owner=alice, visit_id=visit_id, data=IntakeCreate()
        ),
    }
    for name, change in changes.items():
        with pytest.raises(NoteLocked, match="addendum"), db.transaction() as session:
            change(session)
        with db.transaction() as session:
            after = visits.get_visit(session, owner=alice, visit_id=visit_id)
        assert after.subjective == SOAP.subjective, name
        assert after.signed_at == T0, name


def test_it_keeps_a_signed_note_locked_in_the_database_itself(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id, confirmed=NO_INTAKE)
    for statement in (
        "UPDATE visits SET subjective = 'forged' WHERE id = :id",
        "DELETE FROM visits WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="signed and locked"), db.transaction() as session:
            session.execute(text(statement), {"id": visit_id})


def test_it_adds_dated_addenda_to_a_signed_note_leaving_the_original(
    db: Database, alice: User, visit_id: int
) -> None:
    later = T0 + timedelta(days=1)
    with db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id, confirmed=NO_INTAKE, now=T0)
        visits.add_addendum(
            session,
            owner=alice,
            visit_id=visit_id,
            data=AddendumCreate(text="pain after was 4, not 3", reason="client called back"),
            now=later,
        )
    with db.transaction() as session:
        shown = visits.get_visit(session, owner=alice, visit_id=visit_id)
    assert shown.pain_after == 3  # the signed value stays
    assert [(a.text, a.reason, a.created_at, a.author_id) for a in shown.addenda] == [
        ("pain after was 4, not 3", "client called back", later, alice.id)
    ]


def test_it_refuses_an_addendum_to_an_unsigned_note(
    db: Database, alice: User, visit_id: int
) -> None:
    with pytest.raises(BadInput, match="signed visit"), db.transaction() as session:
        visits.add_addendum(
            session, owner=alice, visit_id=visit_id, data=AddendumCreate(text="x", reason="y")
        )


def test_it_refuses_to_rewrite_an_addendum_in_the_database(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id, confirmed=NO_INTAKE)
        visits.add_addendum(
            session, owner=alice, visit_id=visit_id, data=AddendumCreate(text="x", reason="y")
        )
    with pytest.raises(DBAPIError, match="append-only"), db.transaction() as session:
        session.execute(text("UPDATE addenda SET text = 'forged'"))


# Foot chart -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "view", "region"),
    [("arch", "sole", "arch"), ("heel", "inner", "heel"), ("ankle", None, "ankle")],
)
def test_it_charts_a_finding_in_its_region(
    db: Database,
    alice: User,
    visit_id: int,
    kb: KnowledgeBase,
    target: str,
    view: str | None,
    region: str,
) -> None:
    from plantar.knowledge.schema import Region

    view = view or kb.get(Region, target).views[0]
    with db.transaction() as session:
        finding = chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target=target, side="right", view=view, kind="pain", intensity=7),
        )
    assert (finding.region, finding.side, finding.intensity) == (region, "right", 7)


def test_it_charts_a_reflex_zone_in_the_region_that_holds_it(
    db: Database, alice: User, visit_id: int, kb: KnowledgeBase
) -> None:
    from plantar.knowledge.schema import Zone

    zone = next(z for z in kb.records("zones") if isinstance(z, Zone) and z.foot == "both")
    assert isinstance(zone, Zone)
    with db.transaction() as session:
        finding = chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target=zone.id, side="left", view=zone.view, kind="tension"),
        )
    assert finding.region == zone.region


def test_it_refuses_a_zone_on_the_foot_it_is_not_on(
    db: Database, alice: User, visit_id: int, kb: KnowledgeBase
) -> None:
    from plantar.knowledge.schema import Zone

    one_sided = [z for z in kb.records("zones") if isinstance(z, Zone) and z.foot == "left"]
    if not one_sided:
        pytest.skip("the knowledge base has no zone drawn on the left foot only")
    zone = one_sided[0]
    assert isinstance(zone, Zone)
    with pytest.raises(BadInput, match="left foot"), db.transaction() as session:
        chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target=zone.id, side="right", view=zone.view, kind="pain"),
        )


@pytest.mark.parametrize(
    ("target", "view", "field", "hint"),
    [
        ("archh", "sole", "target", "Did you mean: arch"),
        ("KI3", "sole", "view", "inner"),  # a point, on a view it is not drawn on
        ("nowhere", "sole", "target", "point id"),
        ("arch", "top", "view", "inner"),
    ],
)
def test_it_refuses_a_mark_that_is_not_on_the_map(
    db: Database, alice: User, visit_id: int, target: str, view: str, field: str, hint: str
) -> None:
    with pytest.raises(BadInput) as caught, db.transaction() as session:
        chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target=target, side="left", view=view, kind="pain"),  # type: ignore[arg-type]
        )
    assert caught.value.field == field
    assert hint in caught.value.message


def test_it_removes_a_mark_from_an_unsigned_chart(db: Database, alice: User, visit_id: int) -> None:
    with db.transaction() as session:
        finding = chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target="heel", side="left", kind="callus", intensity=2),
        )
        chart.remove_finding(session, owner=alice, visit_id=visit_id, finding_id=finding.id)
        assert chart.list_findings(session, owner=alice, visit_id=visit_id) == []


# Intake ---------------------------------------------------------------------------------------


def test_it_stores_the_screening_with_its_verdict_and_knowledge_base_version(
    db: Database, alice: User, visit_id: int, kb: KnowledgeBase
) -> None:
    with db.transaction() as session:
        intake = screenings.record_intake(
            session, owner=alice, visit_id=visit_id, data=IntakeCreate(conditions=["fever"])
        )
    assert intake.verdict == "postpone"
    assert intake.screening["verdict"] == "postpone"
    assert {f["condition"] for f in intake.screening["findings"]} >= {"fever"}
    assert intake.kb_version == kb.digest
    assert intake.answers["conditions"] == ["fever"]


def test_it_takes_the_age_from_the_date_of_birth_at_the_visit(db: Database, alice: User) -> None:
    with db.transaction() as session:
        client = clients.create_client(
            session, owner=alice, data=ClientCreate(name="Old", date_of_birth=date(1950, 6, 1))
        )
        visit = visits.create_visit(
            session, owner=alice, client_id=client.id, data=VisitCreate(held_at=T0)
        )
        intake = screenings.record_intake(
            session, owner=alice, visit_id=visit.id, data=IntakeCreate()
        )
    assert intake.answers["age"] == 74  # born 1950-06-01, seen 2025-03-01
    assert intake.verdict != "ok"  # older skin and bones: screening adapts the massage


def test_it_feeds_charted_lesions_to_the_screening(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target="arch", side="left", kind="lesion", comment="blister"),
        )
        intake = screenings.record_intake(
            session, owner=alice, visit_id=visit_id, data=IntakeCreate()
        )
    assert intake.answers["lesion_zones"] == ["arch"]
    assert intake.verdict != "ok"
    assert "arch" in intake.screening["avoid_zones"]


def test_it_stores_nothing_for_an_unknown_condition(
    db: Database, alice: User, visit_id: int
) -> None:
    with pytest.raises(BadInput, match="condition"), db.transaction() as session:
        screenings.record_intake(
            session, owner=alice, visit_id=visit_id, data=IntakeCreate(conditions=["gout"])
        )
    with db.transaction() as session:
        assert screenings.intakes_of_visit(session, owner=alice, visit_id=visit_id) == []


def test_it_alerts_while_the_last_screening_is_not_ok(
    db: Database, alice: User, client_id: int
) -> None:
    with db.transaction() as session:
        first = visits.create_visit(
            session, owner=alice, client_id=client_id, data=VisitCreate(held_at=T0)
        )
        screenings.record_intake(
            session, owner=alice, visit_id=first.id, data=IntakeCreate(conditions=["fever"])
        )
        alert = screenings.screening_alert(session, owner=alice, client_id=client_id)
        assert alert is not None
        assert alert.verdict == "postpone"
        assert screenings.clients_with_alerts(session, owner=alice) == {client_id: "postpone"}
        second = visits.create_visit(
            session,
            owner=alice,
            client_id=client_id,
            data=VisitCreate(held_at=T0 + timedelta(days=3)),
        )
        screenings.record_intake(session, owner=alice, visit_id=second.id, data=IntakeCreate())
        assert screenings.screening_alert(session, owner=alice, client_id=client_id) is None
        assert screenings.clients_with_alerts(session, owner=alice) == {}


def test_it_offers_the_last_answers_to_ask_what_changed(
    db: Database, alice: User, client_id: int
) -> None:
    with db.transaction() as session:
        assert screenings.previous_intake(session, owner=alice, client_id=client_id) is None
        first = visits.create_visit(
            session, owner=alice, client_id=client_id, data=VisitCreate(held_at=T0)
        )
        screenings.record_intake(
            session,
            owner=alice,
            visit_id=first.id,
            data=IntakeCreate(conditions=["varicose_veins"]),
        )
        nxt = T0 + timedelta(days=7)
        previous = screenings.previous_intake(session, owner=alice, client_id=client_id, before=nxt)
    assert previous is not None
    assert previous.answers["conditions"] == ["varicose_veins"]


# A doctor's clearance -------------------------------------------------------------------------

CLEARED_ON = date(2025, 2, 20)


def _cleared(
    conditions: list[str], cleared: list[str], change: dict[str, object] | None = None
) -> IntakeCreate:
    given: dict[str, object] = {
        "conditions": conditions,
        "answered": True,
        "cleared": cleared,
        "cleared_by": "Dr Irina Sokolova",
        "cleared_on": CLEARED_ON,
        "clearance_note": "Blood pressure controlled on medication; gentle massage is fine.",
    }
    return IntakeCreate.model_validate(given | (change or {}))


def test_a_doctors_clearance_turns_hypertension_from_avoid_into_adapt_with_a_note(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        without = screenings.record_intake(
            session,
            owner=alice,
            visit_id=visit_id,
            data=IntakeCreate(conditions=["hypertension"], answered=True),
        )
        cleared = screenings.record_intake(
            session,
            owner=alice,
            visit_id=visit_id,
            data=_cleared(["hypertension"], ["hypertension"]),
        )
    assert without.verdict == "avoid"
    assert (without.cleared, without.cleared_by, without.cleared_on) == ([], None, None)
    assert cleared.verdict == "adapt"
    assert cleared.screening["checked"] is True
    assert cleared.cleared == ["hypertension"]
    assert cleared.cleared_by == "Dr Irina Sokolova"
    assert cleared.cleared_on == CLEARED_ON
    assert "controlled" in (cleared.clearance_note or "")
    (finding,) = cleared.screening["findings"]
    assert (finding["condition"], finding["verdict"], finding["cleared"]) == (
        "hypertension",
        "adapt",
        True,
    )
    assert any("a doctor has cleared massage" in n for n in cleared.screening["notes"])
    with db.transaction() as session:  # and it reads back the same from the database
        stored = screenings.intakes_of_visit(session, owner=alice, visit_id=visit_id)[-1]
    assert stored == cleared


@pytest.mark.parametrize(
    ("conditions", "cleared", "why"),
    [
        (["thrombosis", "hypertension"], "thrombosis", "an absolute contraindication"),
        (["cold_pale_foot", "hypertension"], "cold_pale_foot", "an emergency"),
        (["hypertension"], "cancer", "a condition the intake does not have"),
    ],
)
def test_a_clearance_the_screening_cannot_grant_is_refused_naming_cleared_and_nothing_is_stored(
    db: Database,
    alice: User,
    visit_id: int,
    conditions: list[str],
    cleared: str,
    why: str,
) -> None:
    with pytest.raises(BadInput) as refused, db.transaction() as session:
        screenings.record_intake(
            session, owner=alice, visit_id=visit_id, data=_cleared(conditions, [cleared])
        )
    assert refused.value.field == "cleared", why
    assert refused.value.value == cleared
    assert "one of: hypertension" in refused.value.message  # the one that could be cleared
    with db.transaction() as session:
        assert screenings.intakes_of_visit(session, owner=alice, visit_id=visit_id) == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"cleared_by": None}, "cleared_by", "name of the doctor"),
        ({"cleared_on": None}, "cleared_on", "date of the doctor's clearance"),
        ({"cleared_on": date.today() + timedelta(days=30)}, "cleared_on", "not in the future"),
        ({"cleared": []}, "cleared", "at least one"),
    ],
)
def test_a_clearance_needs_its_conditions_who_and_a_day_not_in_the_future(
    db: Database,
    alice: User,
    visit_id: int,
    change: dict[str, object],
    field: str,
    words: str,
) -> None:
    with pytest.raises(BadInput) as refused, db.transaction() as session:
        screenings.record_intake(
            session,
            owner=alice,
            visit_id=visit_id,
            data=_cleared(["hypertension"], ["hypertension"], change),
        )
    assert refused.value.field == field
    assert words in refused.value.message
    with db.transaction() as session:
        assert screenings.intakes_of_visit(session, owner=alice, visit_id=visit_id) == []


def test_a_clearance_dated_today_in_the_time_zone_furthest_ahead_is_not_in_the_future(
    db: Database, alice: User, visit_id: int
) -> None:
    late_evening = datetime(2025, 3, 1, 23, 0, tzinfo=UTC)  # already 2 March at UTC+14
    with db.transaction() as session:
        intake = screenings.record_intake(
            session,
            owner=alice,
            visit_id=visit_id,
            data=_cleared(["hypertension"], ["hypertension"], {"cleared_on": date(2025, 3, 2)}),
            now=late_evening,
        )
    assert intake.cleared_on == date(2025, 3, 2)


def test_the_database_itself_refuses_half_a_clearance(
    db: Database, alice: User, visit_id: int
) -> None:
    with db.transaction() as session:
        intake = screenings.record_intake(
            session,
            owner=alice,
            visit_id=visit_id,
            data=_cleared(["hypertension"], ["hypertension"]),
        )
    with pytest.raises(DBAPIError), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE intakes SET cleared_on = NULL WHERE id = :id"), {"id": intake.id}
        )


def test_the_clearance_offered_is_for_relative_contraindications_a_clearance_would_soften(
    db: Database, alice: User, visit_id: int, kb: KnowledgeBase
) -> None:
    with db.transaction() as session:
        intake = screenings.record_intake(
            session,
            owner=alice,
            visit_id=visit_id,
            data=IntakeCreate(
                # absolute, emergency, relative `avoid`, relative `adapt`, local
                conditions=["thrombosis", "cold_pale_foot", "hypertension", "diabetes"],
                lesion_zones=["heel"],
                answered=True,
            ),
        )
    assert screenings.clearable_conditions(kb, intake) == ["hypertension"]
