"""Bad bytes get a clear 422 naming the field, never a 500, on both engines: ids made of
non-ASCII digits or thousands of digits, NUL where PostgreSQL cannot store it, numbers JSON
in PostgreSQL cannot hold, invisible names, out-of-range counts; and messages keep their case."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from practice_fixtures import plan_document

if TYPE_CHECKING:
    from web_practice_support import Records, Visitor

LONG = "9" * 5000


ARABIC_ONE, ARABIC_TWO = "\u0661", "\u0662"  # digits to str.isdigit() and int(), not to us


@pytest.mark.parametrize(
    "version", [ARABIC_ONE + ARABIC_TWO, f'"{ARABIC_ONE}"', LONG, f'"{LONG}"', "W/", "-1", "0"]
)
def test_an_if_match_that_is_no_version_is_422(
    as_alice: Visitor, records: Records, version: str
) -> None:
    answer = as_alice.call(
        "PATCH",
        f"/api/v1/courses/{records.course}",
        json={"title": "Ten more"},
        headers={"If-Match": version.encode()},  # as UTF-8 bytes, as a client may send it
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "If-Match"
    assert len(answer.text) < 1000  # the 5,000 digits are not said back whole


@pytest.mark.parametrize("course_id", [ARABIC_ONE, ARABIC_TWO * 2, LONG, "1e3", " "])
def test_a_form_id_that_is_no_id_is_422_on_the_page(
    as_alice: Visitor, records: Records, course_id: str
) -> None:
    answer = as_alice.form(f"/practice/visits/{records.visit}/course", {"course_id": course_id})
    assert answer.status_code == 422, answer.text[:300]
    assert "one of the client" in answer.text


@pytest.mark.parametrize("where", ["/api/v1/clients", "/practice"])
def test_a_nul_in_the_search_is_422(as_alice: Visitor, where: str) -> None:
    answer = as_alice.get(where, params={"q": "Pyo\x00tr"})
    assert answer.status_code == 422, answer.text[:300]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_plan_with_a_number_json_cannot_hold_is_422(
    as_alice: Visitor, records: Records, number: str
) -> None:
    document = plan_document()
    document["plan"]["total_seconds"] = 12345  # type: ignore[index]
    raw = json.dumps({"plan": document}).replace("12345", number)
    answer = as_alice.call(
        "PATCH",
        f"/api/v1/visits/{records.visit}",
        content=raw.encode(),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text[:300]
    assert answer.json()["field"] == "plan"
    assert "finite numbers" in answer.json()["detail"]


@pytest.mark.parametrize(
    "name", ["\u200b\u200b", "\u202e", "\u2066\u2069", "\u200d", "\ufeff", "\u00ad"]
)
def test_a_name_of_invisible_characters_only_is_422(as_alice: Visitor, name: str) -> None:
    answer = as_alice.post("/api/v1/clients", {"name": name, "consent": True})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "name"
    assert "invisible" in answer.json()["detail"]


def test_a_name_with_a_joiner_inside_is_fine(as_alice: Visitor) -> None:
    made = as_alice.post("/api/v1/clients", {"name": "Anna \u200dK", "consent": True})
    assert made.status_code == 201, made.text


def test_minutes_since_the_meal_beyond_a_week_is_422_not_a_broken_export(
    as_alice: Visitor, records: Records
) -> None:
    answer = as_alice.post(f"/api/v1/visits/{records.visit}/intake", {"minutes_since_meal": 2**31})
    assert (answer.status_code, answer.json()["field"]) == (422, "minutes_since_meal")
    export = as_alice.get(f"/api/v1/clients/{records.client}/fhir")
    assert export.status_code == 200


def test_a_validation_message_keeps_the_rules_case(as_alice: Visitor, records: Records) -> None:
    answer = as_alice.call(
        "PATCH", f"/api/v1/visits/{records.visit}", json={"price": 10, "currency": "rub"}
    )
    assert answer.status_code == 422
    assert "^[A-Z]{3}$" in answer.json()["detail"]
