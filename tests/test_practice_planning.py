"""A visit's plan honours the record: the intake's answers and every lesion on the chart."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan
from plantar.practice import chart, clients, screenings, visits
from plantar.practice.db import Database
from plantar.practice.errors import NotFound
from plantar.practice.models import User
from plantar.practice.planning import visit_plan_request
from plantar.practice.schemas import ClientCreate, FindingCreate, IntakeCreate, VisitCreate

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _visit_with_intake(db: Database, owner: User, **answers: object) -> int:
    with db.transaction() as session:
        client = clients.create_client(session, owner=owner, data=ClientCreate(name="Plan"))
        visit = visits.create_visit(
            session, owner=owner, client_id=client.id, data=VisitCreate(held_at=T0)
        )
        screenings.record_intake(
            session, owner=owner, visit_id=visit.id, data=IntakeCreate(**answers)
        )
        return visit.id


def test_a_lesion_charted_after_the_intake_is_kept_off_by_the_plan(
    db: Database, alice: User, kb: KnowledgeBase
) -> None:
    visit_id = _visit_with_intake(db, alice, age=50)
    with db.transaction() as session:
        chart.add_finding(
            session,
            owner=alice,
            visit_id=visit_id,
            data=FindingCreate(target="arch", side="left", kind="lesion", intensity=3),
        )
        wanted = visit_plan_request(
            session,
            owner=alice,
            visit_id=visit_id,
            wanted=PlanRequest(goals=("fatigue",), minutes=20, conditions=("fever",)),
        )
    assert wanted.lesion_zones == ("arch",)
    assert wanted.performer == "therapist"
    assert wanted.conditions == ()  # the intake's answers, not what the form claimed
    assert wanted.age == 50
    made = plan(wanted, kb)
    assert "arch" in made.screening.avoid_zones
    assert all(step.target != "arch" for step in made.steps)


def test_another_practitioners_visit_is_not_found(db: Database, alice: User, bob: User) -> None:
    visit_id = _visit_with_intake(db, alice)
    with db.transaction() as session, pytest.raises(NotFound):
        visit_plan_request(
            session, owner=bob, visit_id=visit_id, wanted=PlanRequest(goals=("sleep",), minutes=10)
        )


def test_a_visit_plan_is_screened_with_the_intakes_doctors_clearance(
    db: Database, alice: User, kb: KnowledgeBase
) -> None:
    visit_id = _visit_with_intake(
        db,
        alice,
        conditions=["hypertension"],
        answered=True,
        cleared=["hypertension"],
        cleared_by="Dr Sokolova",
        cleared_on=date(2025, 2, 20),
    )
    with db.transaction() as session:
        wanted = visit_plan_request(
            session,
            owner=alice,
            visit_id=visit_id,
            wanted=PlanRequest(goals=("fatigue",), minutes=20, cleared=("cancer",)),
        )
    assert (wanted.answered, wanted.cleared) == (True, ("hypertension",))  # the intake's
    made = plan(wanted, kb)
    assert made.screening.verdict == "adapt"
    assert made.screening.checked is True
    assert made.steps  # cleared: an adapted session instead of none
