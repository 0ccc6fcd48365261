"""Planning a visit is a use case of ``practice``: the page and ``POST /api/v1/visits/{id}/plan``
both call it, the record's answers always win, and the stored plan is a typed, bounded
document that is read back, exported and restored as it was written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan
from plantar.practice.db import Database
from plantar.practice.plan_document import MAX_BYTES, MAX_DEPTH, UsedPlan, read_plan
from practice_fixtures import (
    backup_of,
    journal_rows,
    plan_document,  # a real plan, as the product stores it
    restore_from,
)

pytestmark = pytest.mark.usefixtures("records")


def _plan(as_alice: Any, visit: int, body: Any) -> Any:
    return as_alice.call("POST", f"/api/v1/visits/{visit}/plan", json=body)


def test_the_api_plans_a_visit_with_the_intakes_answers_not_the_bodys(
    as_alice: Any, records: Any, kb: KnowledgeBase
) -> None:
    # The records' intake says varicose veins; the body claims no condition at all.
    response = _plan(
        as_alice, records.visit, {"goals": ["fatigue"], "minutes": 20, "conditions": []}
    )
    assert response.status_code == 200, response.text
    stored = response.json()["plan"]
    assert stored["request"]["conditions"] == ["varicose_veins"]
    assert stored["request"]["performer"] == "therapist"
    expected = plan(read_plan(stored).request or PlanRequest(), kb)
    assert stored["plan"] == json.loads(json.dumps(UsedPlan(plan=expected).document()["plan"]))
    assert stored["plan"]["screening"]["verdict"] != "ok"  # veins adapt the massage
    # Read back through GET: the same document.
    assert as_alice.get(f"/api/v1/visits/{records.visit}").json()["plan"] == stored


def test_the_page_and_the_api_store_the_same_plan(as_alice: Any, records: Any) -> None:
    by_api = _plan(as_alice, records.visit, {"goals": ["fatigue"], "minutes": 20}).json()["plan"]
    page = as_alice.form(
        f"/practice/visits/{records.visit}/plan", {"goals": "fatigue", "minutes": "20"}
    )
    assert page.status_code == 303, page.text
    by_page = as_alice.get(f"/api/v1/visits/{records.visit}").json()["plan"]
    assert by_page == by_api
    shown = as_alice.get(f"/practice/visits/{records.visit}/plan").text
    assert by_api["plan"]["title"] in shown


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"goals": ["sleepy"], "minutes": 20}, "goals"),
        ({"goals": ["sleep"], "minutes": 999}, "minutes"),
        ({"goals": ["sleep"], "minutes": "ten"}, "minutes"),
        ({"goals": ["sleep"], "minutes": 20, "colour": "red"}, "colour"),
        ([1, 2], "body"),
    ],
)
def test_a_bad_plan_request_is_422_naming_the_field_and_stores_nothing(
    as_alice: Any, records: Any, body: Any, field: str
) -> None:
    response = _plan(as_alice, records.visit, body)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert as_alice.get(f"/api/v1/visits/{records.visit}").json()["plan"] is None


def test_a_signed_visit_is_not_planned_and_anothers_visit_is_not_found(
    as_alice: Any, as_bob: Any, records: Any
) -> None:
    body = {"goals": ["sleep"], "minutes": 15}
    assert _plan(as_alice, records.signed_visit, body).status_code == 409
    assert _plan(as_bob, records.visit, body).status_code == 404


def _nested(levels: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for _ in range(levels):
        document = {"a": document}
    return document


@pytest.mark.parametrize(
    ("plan_field", "field"),
    [
        (_nested(300), "plan"),
        ({"plan": {"total_seconds": "long"}}, "plan.plan.total_seconds"),
        ({"routine": "x" * (MAX_BYTES + 1)}, "plan"),
        ({"steps": []}, "plan.steps"),  # not a field of a stored plan
        ({"unread": "{}"}, "plan.unread"),  # only the database's reader sets it
    ],
)
def test_a_stored_plan_is_a_bounded_typed_document(
    as_alice: Any, records: Any, plan_field: dict[str, Any], field: str
) -> None:
    response = as_alice.call("PATCH", f"/api/v1/visits/{records.visit}", json={"plan": plan_field})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert as_alice.get(f"/api/v1/visits/{records.visit}").json()["plan"] is None


def test_the_depth_limit_leaves_room_for_every_real_plan() -> None:
    document = plan_document()
    assert read_plan(document).document() == document
    assert MAX_DEPTH >= 2 * 6


def test_a_plan_stored_before_plans_were_typed_is_kept_shown_and_restored(
    db: Database, as_alice: Any, records: Any, second_database: Database
) -> None:
    legacy = {"routine": "some_routine", "steps": [{"technique": "stroking", "seconds": 60}]}
    cast = "CAST(:plan AS JSONB)" if db.dialect == "postgresql" else ":plan"
    with db.engine.begin() as connection:  # as an earlier version wrote it
        connection.execute(
            text(f"UPDATE visits SET plan = {cast} WHERE id = :id"),
            {"plan": json.dumps(legacy), "id": records.visit},
        )
    assert as_alice.get(f"/api/v1/visits/{records.visit}").json()["plan"] == legacy
    page = as_alice.get(f"/practice/visits/{records.visit}/plan")
    assert page.status_code == 200
    assert "kept unchanged" in page.text
    first = backup_of(db)
    assert json.dumps(legacy, sort_keys=True, separators=(",", ":")).encode() in first
    restore_from(second_database, first)
    assert journal_rows(backup_of(second_database)) == journal_rows(first)


@pytest.mark.parametrize(
    ("plan_field", "field"),
    [
        ({"routine": "\ud800"}, "plan"),  # a lone surrogate: not text JSON can carry
        ({"routine": "a\x00b"}, "plan"),  # PostgreSQL cannot store a NUL
        ({"request": {"goals": ["sleep\x00"]}}, "plan"),
    ],
)
def test_text_a_database_cannot_hold_is_422_not_500(
    as_alice: Any, records: Any, plan_field: dict[str, Any], field: str
) -> None:
    body = json.dumps({"plan": plan_field}).encode()  # sent as raw JSON, escapes and all
    response = as_alice.call(
        "PATCH",
        f"/api/v1/visits/{records.visit}",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


def test_a_field_a_plan_does_not_have_is_named_not_dropped(as_alice: Any, records: Any) -> None:
    document = plan_document()
    document["plan"]["steps"][0]["pressure"] = 3
    response = as_alice.call("PATCH", f"/api/v1/visits/{records.visit}", json={"plan": document})
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("plan.plan.steps[0].pressure: not a field")


def test_a_legacy_plan_with_keys_this_version_lacks_is_kept_whole(
    db: Database, as_alice: Any, records: Any
) -> None:
    legacy = json.loads(json.dumps(plan_document()))
    legacy["plan"]["legacy_note"] = "written by an older version"
    cast = "CAST(:plan AS JSONB)" if db.dialect == "postgresql" else ":plan"
    with db.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE visits SET plan = {cast} WHERE id = :id"),
            {"plan": json.dumps(legacy), "id": records.visit},
        )
    assert as_alice.get(f"/api/v1/visits/{records.visit}").json()["plan"] == legacy
