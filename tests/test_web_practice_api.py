"""The practice journal's JSON API on SQLite and PostgreSQL: login, cookies and CSRF, rate
limiting, clients and their records, 404 for another practitioner's, 422 naming the field,
exports, the audit log and the personal journal."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from plantar.practice.columns import utcnow
from plantar.practice.db import Database
from plantar.practice.models import LoginSession, User
from plantar.practice.settings import load_settings
from plantar.web.app import create_app
from practice_fixtures import PASSWORD  # the personas' password

if TYPE_CHECKING:
    from web_practice_support import Records, Visitor


# Logging in --------------------------------------------------------------------------------------


def test_it_logs_in_with_a_session_cookie_and_a_csrf_token(app: FastAPI, alice: User) -> None:
    http = TestClient(app)
    response = http.post("/api/v1/login", json={"email": "Alice@Example.org", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert len(body["csrf_token"]) >= 32
    assert body["user"] == {"id": alice.id, "email": "alice@example.org", "role": "practitioner"}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("plantar_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie
    assert "Secure" not in cookie  # plain http on loopback: the browser would drop it
    assert response.headers["cache-control"] == "no-store"
    me = http.get("/api/v1/me").json()
    assert me["csrf_token"] == body["csrf_token"]


def test_the_cookie_is_secure_when_served_over_https(app: FastAPI, alice: User) -> None:
    http = TestClient(app, base_url="https://testserver")
    response = http.post("/api/v1/login", json={"email": alice.email, "password": PASSWORD})
    assert "Secure" in response.headers["set-cookie"]


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alice@example.org", "not the password"),
        ("nobody@example.org", PASSWORD),
        ("nobody@example.org", "not the password"),
    ],
)
def test_a_failed_login_gets_one_generic_401(
    app: FastAPI, alice: User, email: str, password: str
) -> None:
    response = TestClient(app).post("/api/v1/login", json={"email": email, "password": password})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong email or password."}
    assert "set-cookie" not in response.headers


def test_logins_are_rate_limited_with_429_even_for_the_right_password(
    app: FastAPI, alice: User
) -> None:
    http = TestClient(app)
    for _ in range(5):
        failed = http.post("/api/v1/login", json={"email": alice.email, "password": "guess"})
        assert failed.status_code == 401
    response = http.post("/api/v1/login", json={"email": alice.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.json()["detail"]
    assert 0 < int(response.headers["retry-after"]) <= 15 * 60


def test_logging_out_ends_the_session_on_the_server(as_alice: Visitor) -> None:
    stolen = as_alice.http.cookies.get("plantar_session")
    response = as_alice.post("/api/v1/logout")
    assert response.status_code == 204
    replay = TestClient(as_alice.http.app, cookies={"plantar_session": stolen})
    assert replay.get("/api/v1/clients").status_code == 401


def test_an_idle_session_is_logged_off(as_alice: Visitor, db: Database) -> None:
    with db.transaction() as session:
        session.execute(update(LoginSession).values(last_seen_at=utcnow() - timedelta(hours=2)))
    response = as_alice.get("/api/v1/clients")
    assert response.status_code == 401
    assert response.json()["detail"] == "Your session has ended; please log in again."
    assert 'plantar_session=""' in response.headers["set-cookie"]  # the cookie is cleared


GETS = ["/api/v1/me", "/api/v1/clients", "/api/v1/prices", "/api/v1/audit", "/api/v1/journal"]


@pytest.mark.parametrize("path", GETS)
def test_without_a_login_every_call_is_401(app: FastAPI, path: str) -> None:
    response = TestClient(app).get(path)
    assert response.status_code == 401


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_a_state_changing_call_without_the_csrf_token_is_403_and_changes_nothing(
    as_alice: Visitor, token: str | None
) -> None:
    headers = {} if token is None else {"X-CSRF-Token": token}
    response = as_alice.http.post("/api/v1/clients", json={"name": "Anna"}, headers=headers)
    assert response.status_code == 403
    assert "reload" in response.json()["detail"]
    assert as_alice.get("/api/v1/clients").json() == []


def test_without_a_secret_the_journal_is_off_and_opens_no_database(tmp_path: Path) -> None:
    target = tmp_path / "never.sqlite3"
    settings = load_settings({"PLANTAR_ENV": "prod"}, db=f"sqlite:///{target}")
    http = TestClient(create_app(settings=settings))
    response = http.post("/api/v1/login", json={"email": "a@example.org", "password": PASSWORD})
    assert response.status_code == 404
    assert "PLANTAR_SECRET" in response.json()["detail"]
    assert http.get("/login").status_code == 404
    assert not target.exists()


# Clients and isolation ---------------------------------------------------------------------------


def test_a_client_is_created_with_its_id_and_listed_only_for_its_owner(
    as_alice: Visitor, as_bob: Visitor
) -> None:
    response = as_alice.post("/api/v1/clients", {"name": "Anna", "consent": True})
    assert response.status_code == 201
    created = response.json()
    assert created["name"] == "Anna"
    assert created["consent_given"] is True
    assert created["consent_at"] is not None
    assert as_alice.get(f"/api/v1/clients/{created['id']}").json() == created
    assert [c["id"] for c in as_alice.get("/api/v1/clients").json()] == [created["id"]]
    assert as_bob.get("/api/v1/clients").json() == []


ALICES = [
    "/api/v1/clients/{client}",
    "/api/v1/clients/{client}/alert",
    "/api/v1/clients/{client}/intake/last",
    "/api/v1/clients/{client}/visits",
    "/api/v1/clients/{client}/courses",
    "/api/v1/clients/{client}/timeline",
    "/api/v1/clients/{client}/fhir",
    "/api/v1/clients/{client}/csv",
    "/api/v1/visits/{visit}",
    "/api/v1/visits/{visit}/intakes",
    "/api/v1/visits/{visit}/chart",
    "/api/v1/courses/{course}",
]


def _fill(path: str, records: Records) -> str:
    return path.format(**{k: getattr(records, k) for k in ("client", "visit", "course")})


def _missing(path: str) -> str:
    return path.format(client=999_999, visit=999_999, course=999_999)


@pytest.mark.parametrize("path", ALICES)
def test_another_practitioner_gets_404_exactly_as_for_a_missing_record(
    as_alice: Visitor, as_bob: Visitor, records: Records, path: str
) -> None:
    assert as_alice.get(_fill(path, records)).status_code == 200
    theirs = as_bob.get(_fill(path, records))
    missing = as_bob.get(_missing(path))
    assert theirs.status_code == missing.status_code == 404
    # The same words, but for the id asked about: nothing tells the record exists.
    assert re.sub(r"\d+", "N", theirs.text) == re.sub(r"\d+", "N", missing.text)


CHANGES: list[tuple[str, str, dict[str, Any]]] = [
    ("PATCH", "/api/v1/clients/{client}", {"name": "Renamed"}),
    ("POST", "/api/v1/clients/{client}/visits", {}),
    ("POST", "/api/v1/clients/{client}/courses", {"title": "More", "sessions_planned": 2}),
    ("PATCH", "/api/v1/visits/{visit}", {"subjective": "changed"}),
    ("POST", "/api/v1/visits/{visit}/sign", {}),
    ("POST", "/api/v1/visits/{visit}/intake", {}),
    ("POST", "/api/v1/visits/{visit}/chart", {"target": "heel", "side": "left", "kind": "pain"}),
    ("DELETE", "/api/v1/visits/{visit}/chart/{finding}", {}),
    ("POST", "/api/v1/visits/{signed_visit}/addenda", {"reason": "x", "text": "y"}),
    ("POST", "/api/v1/courses/{course}/sessions", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), CHANGES)
def test_another_practitioner_cannot_change_any_record(
    as_alice: Visitor,
    as_bob: Visitor,
    records: Records,
    method: str,
    path: str,
    body: dict[str, Any],
) -> None:
    before = as_alice.get(f"/api/v1/clients/{records.client}/timeline").json()
    url = path.format(**records.__dict__)
    response = as_bob.call(method, url, json=body, headers={"If-Match": "1"})
    assert response.status_code == 404
    assert as_alice.get(f"/api/v1/clients/{records.client}/timeline").json() == before
    assert as_alice.get(f"/api/v1/visits/{records.visit}/chart").json()[0]["id"] == records.finding
    assert as_alice.get(f"/api/v1/clients/{records.client}").json()["name"] == "Pyotr"


# Bad input ---------------------------------------------------------------------------------------

CLIENTS, VISITS = "/api/v1/clients", "/api/v1/clients/{client}/visits"
INTAKE, CHART = "/api/v1/visits/{visit}/intake", "/api/v1/visits/{visit}/chart"
COURSES, PRICES, JOURNAL = "/api/v1/clients/{client}/courses", "/api/v1/prices", "/api/v1/journal"
ARCH = {"target": "arch", "side": "left", "kind": "pain"}
DONE = {"started_at": "2025-03-01T10:00:00Z", "duration_seconds": 60}
CLEARED = {
    "conditions": ["hypertension"],
    "answered": True,
    "cleared": ["hypertension"],
    "cleared_by": "Dr Irina Sokolova",
    "cleared_on": "2025-02-20",
    "clearance_note": "Blood pressure controlled; gentle massage is fine.",
}
BAD: list[tuple[str, Any, str]] = [
    (CLIENTS, {}, "name"),
    (CLIENTS, {"name": ""}, "name"),
    (CLIENTS, {"name": "Anna", "colour": "red"}, "colour"),
    (CLIENTS, {"name": "Anna", "date_of_birth": "1800-01-01"}, "date_of_birth"),
    (CLIENTS, {"name": "Anna", "consent": "perhaps"}, "consent"),
    (CLIENTS, ["Anna"], "body"),
    (VISITS, {"pain_before": 11}, "pain_before"),
    (VISITS, {"style": "swedish"}, "style"),
    (VISITS, {"price": "-5"}, "price"),
    (VISITS, {"held_at": "2025-03-01T10:00"}, "held_at"),
    (INTAKE, {"conditions": ["flu"]}, "conditions"),
    (INTAKE, {"age": -1}, "age"),
    (INTAKE, CLEARED | {"cleared_by": None}, "cleared_by"),
    (INTAKE, CLEARED | {"cleared_by": "x" * 201}, "cleared_by"),
    (INTAKE, CLEARED | {"cleared_on": "2999-01-01"}, "cleared_on"),
    (INTAKE, CLEARED | {"cleared_on": "yesterday"}, "cleared_on"),
    (INTAKE, CLEARED | {"clearance_note": "x" * 2001}, "clearance_note"),
    (INTAKE, CLEARED | {"cleared": []}, "cleared"),
    (CHART, ARCH | {"target": "nowhere"}, "target"),
    (CHART, ARCH | {"side": "middle"}, "side"),
    (CHART, ARCH | {"view": "top"}, "view"),
    (CHART, ARCH | {"kind": "itch"}, "kind"),
    (CHART, ARCH | {"intensity": 11}, "intensity"),
    (COURSES, {"title": "T", "sessions_planned": 0}, "sessions_planned"),
    (PRICES, {"service": "Foot", "amount": "-1"}, "amount"),
    (PRICES, {"service": "Foot", "amount": "1", "currency": "rub"}, "currency"),
    (JOURNAL, DONE | {"duration_seconds": 0}, "duration_seconds"),
    (JOURNAL, DONE | {"plan_request": {"minutes": "ten"}}, "plan_request.minutes"),
    (JOURNAL, DONE | {"plan_request": {"goals": ["sleepy"], "minutes": 10}}, "goals"),
]


@pytest.mark.parametrize(("path", "body", "field"), BAD)
def test_bad_input_is_422_naming_the_field_and_saves_nothing(
    as_alice: Visitor, records: Records, path: str, body: Any, field: str
) -> None:
    before = as_alice.get(f"/api/v1/clients/{records.client}/timeline").json()
    response = as_alice.call("POST", path.format(**records.__dict__), json=body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith(f"{field}:"), detail
    assert as_alice.get(f"/api/v1/clients/{records.client}/timeline").json() == before
    assert [c["name"] for c in as_alice.get("/api/v1/clients").json()] == ["Pyotr"]


def test_malformed_json_and_unreadable_bodies_are_422(as_alice: Visitor) -> None:
    for raw in (b"{not json", b"\xff\xfe\x00"):
        response = as_alice.call(
            "POST", "/api/v1/clients", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422
        assert response.json()["field"] == "body"


def test_a_wrong_password_is_never_echoed(app: FastAPI) -> None:
    response = TestClient(app).post("/api/v1/login", json={"email": "a@b.c", "password": 12345})
    assert response.status_code == 422
    assert response.json()["field"] == "password"
    assert "12345" not in response.text


# Session records ---------------------------------------------------------------------------------


def test_a_signed_note_is_locked_and_changes_become_addenda(
    as_alice: Visitor, records: Records
) -> None:
    url = f"/api/v1/visits/{records.signed_visit}"
    locked = as_alice.call("PATCH", url, json={"subjective": "rewritten"})
    assert locked.status_code == 409
    assert "addendum" in locked.json()["detail"]
    assert as_alice.post(f"{url}/sign").status_code == 409
    assert (
        as_alice.post(
            f"{url}/chart", {"target": "heel", "side": "left", "kind": "pain"}
        ).status_code
        == 409
    )
    visit = as_alice.get(url).json()
    assert visit["subjective"] == ""
    assert [a["text"] for a in visit["addenda"]] == ["pain was 3"]


def test_an_unsigned_note_is_edited_and_its_price_keeps_the_currency(
    as_alice: Visitor, records: Records
) -> None:
    url = f"/api/v1/visits/{records.visit}"
    response = as_alice.call("PATCH", url, json={"pain_after": 2, "price": "1500.5"})
    assert response.status_code == 200
    assert response.json()["pain_after"] == 2
    assert response.json()["price"] == "1500.50"
    assert response.json()["currency"] == "RUB"


def test_the_intake_alert_and_the_last_answers_are_served(
    as_alice: Visitor, records: Records
) -> None:
    alert = as_alice.get(f"/api/v1/clients/{records.client}/alert").json()
    assert alert["verdict"] in ("adapt", "avoid")
    last = as_alice.get(f"/api/v1/clients/{records.client}/intake/last").json()
    assert last["answers"]["conditions"] == ["varicose_veins"]
    assert last["answers"]["lesion_zones"] == []


def test_a_charted_lesion_feeds_the_next_screening(as_alice: Visitor, records: Records) -> None:
    lesion = {"target": "heel", "side": "right", "kind": "lesion", "comment": "blister"}
    assert as_alice.post(f"/api/v1/visits/{records.visit}/chart", lesion).status_code == 201
    screened = as_alice.post(f"/api/v1/visits/{records.visit}/intake", {}).json()
    assert screened["answers"]["lesion_zones"] == ["heel"]
    assert screened["verdict"] == "adapt"


def test_the_api_stores_a_doctors_clearance_that_turns_avoid_into_adapt(
    as_alice: Visitor, records: Records
) -> None:
    url = f"/api/v1/visits/{records.visit}/intake"
    avoided = as_alice.post(url, {"conditions": ["hypertension"], "answered": True})
    assert avoided.status_code == 201, avoided.text
    assert avoided.json()["verdict"] == "avoid"
    assert avoided.json()["clearance_note"] is None
    response = as_alice.post(url, CLEARED)
    assert response.status_code == 201, response.text
    cleared = response.json()
    assert cleared["verdict"] == "adapt"
    clearance = ("cleared", "cleared_by", "cleared_on", "clearance_note")
    assert {k: cleared[k] for k in clearance} == {k: CLEARED[k] for k in clearance}
    assert cleared["answers"]["answered"] is True
    assert any("a doctor has cleared massage" in n for n in cleared["screening"]["notes"])
    listed = as_alice.get(f"/api/v1/visits/{records.visit}/intakes").json()
    assert listed[-1] == cleared


@pytest.mark.parametrize(
    ("conditions", "cleared"),
    [
        (["thrombosis", "hypertension"], "thrombosis"),  # absolute
        (["cold_pale_foot", "hypertension"], "cold_pale_foot"),  # an emergency
        (["hypertension"], "cancer"),  # not present
    ],
)
def test_the_api_refuses_a_clearance_screening_cannot_grant_with_422_naming_cleared(
    as_alice: Visitor, records: Records, conditions: list[str], cleared: str
) -> None:
    url = f"/api/v1/visits/{records.visit}/intake"
    before = as_alice.get(f"/api/v1/visits/{records.visit}/intakes").json()
    response = as_alice.post(url, CLEARED | {"conditions": conditions, "cleared": [cleared]})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "cleared"
    assert response.json()["detail"].startswith(f"cleared: {cleared!r}")
    assert "one of: hypertension" in response.json()["detail"]  # the valid one
    assert as_alice.get(f"/api/v1/visits/{records.visit}/intakes").json() == before


def test_course_terms_change_only_against_the_version_read(
    as_alice: Visitor, records: Records
) -> None:
    url = f"/api/v1/courses/{records.course}"
    course = as_alice.get(url).json()
    missing = as_alice.call("PATCH", url, json={"sessions_planned": 12})
    assert missing.status_code == 422
    assert missing.json()["field"] == "If-Match"
    changed = as_alice.call(
        "PATCH", url, json={"sessions_planned": 12}, headers={"If-Match": f'"{course["version"]}"'}
    )
    assert changed.status_code == 200
    stale = as_alice.call(
        "PATCH", url, json={"title": "Old view"}, headers={"If-Match": str(course["version"])}
    )
    assert stale.status_code == 409
    assert as_alice.get(url).json()["title"] == "Ten sessions"


def test_redeeming_a_course_session_shows_progress_and_balance(
    as_alice: Visitor, records: Records
) -> None:
    response = as_alice.post(
        f"/api/v1/courses/{records.course}/sessions", {"visit_id": records.visit}
    )
    assert response.status_code == 200
    course = response.json()
    assert (course["sessions_done"], course["sessions_left"]) == (1, 9)
    assert course["remaining_balance"] == "13500.00"
    assert as_alice.get(f"/api/v1/visits/{records.visit}").json()["course_id"] == records.course


def test_the_price_list_compares_with_the_articles_salon_price(as_alice: Visitor) -> None:
    response = as_alice.post("/api/v1/prices", {"service": "Foot massage 30 min", "amount": "1500"})
    assert response.status_code == 201
    listed = as_alice.get("/api/v1/prices").json()
    reference = listed["salon_reference"]
    assert reference["currency"] == "RUB"
    item = listed["items"][0]
    assert item["vs_salon"] == pytest.approx(1500 / float(reference["amount_min"]), abs=0.01)
    assert as_alice.call("DELETE", f"/api/v1/prices/{item['id']}").status_code == 204
    assert as_alice.get("/api/v1/prices").json()["items"] == []


def test_the_timeline_has_the_pain_of_each_region(as_alice: Visitor, records: Records) -> None:
    timeline = as_alice.get(f"/api/v1/clients/{records.client}/timeline").json()
    assert [p["intensity"] for p in timeline["pain_series"]["arch"]] == [7]
    assert len(timeline["visits"]) == 2


# Exports, audit, journal -------------------------------------------------------------------------


def test_the_fhir_export_is_a_bundle_with_loinc_pain_scores(
    as_alice: Visitor, records: Records
) -> None:
    response = as_alice.get(f"/api/v1/clients/{records.client}/fhir")
    assert response.headers["content-type"] == "application/fhir+json"
    assert "attachment" in response.headers["content-disposition"]
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle"
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Encounter", "Observation", "QuestionnaireResponse"} <= kinds
    codes = [
        c["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        for c in e["resource"]["code"]["coding"]
    ]
    assert "72514-3" in codes


def test_the_csv_export_has_one_row_per_visit(as_alice: Visitor, records: Records) -> None:
    response = as_alice.get(f"/api/v1/clients/{records.client}/csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2
    assert {r["pain_by_region"] for r in rows} == {"arch:7", ""}


def test_only_the_admin_reads_the_audit_log_of_reads_and_changes(
    as_alice: Visitor, as_admin: Visitor, records: Records
) -> None:
    assert as_alice.get("/api/v1/audit").status_code == 403
    as_alice.get(f"/api/v1/clients/{records.client}")
    events = as_admin.get(f"/api/v1/audit?client_id={records.client}").json()
    assert {e["actor_id"] for e in events} == {as_alice.user_id}
    assert {"create", "read", "sign", "addendum"} <= {e["action"] for e in events}
    assert as_admin.get("/api/v1/audit?limit=0").status_code == 422
    assert as_admin.get("/api/v1/audit?limit=ten").json()["field"] == "limit"


def test_a_finished_guided_session_is_saved_to_my_journal(as_alice: Visitor) -> None:
    body = {
        "started_at": "2025-03-01T21:00:00+03:00",
        "duration_seconds": 901,
        "plan_request": {"goals": ["sleep"], "minutes": 15, "time_of_day": "evening"},
        "pain_before": 4,
        "pain_after": 2,
        "note": "slept well",
    }
    response = as_alice.post("/api/v1/journal", body)
    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved["duration_minutes"] == 16
    assert datetime.fromisoformat(saved["held_at"]) == datetime(2025, 3, 1, 18, tzinfo=UTC)
    assert saved["plan"]["plan"]["steps"]
    assert saved["subjective"] == "slept well"
    assert [e["id"] for e in as_alice.get("/api/v1/journal").json()] == [saved["id"]]
    assert as_alice.get("/api/v1/clients").json() == []  # the journal is not a client


def test_the_openapi_document_describes_the_practice_api(app: FastAPI) -> None:
    paths = TestClient(app).get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/login", "/api/v1/clients", "/api/v1/clients/{client_id}"} <= set(paths)
    assert "201" in paths["/api/v1/clients"]["post"]["responses"]
    assert "404" in paths["/api/v1/clients/{client_id}"]["get"]["responses"]


@pytest.mark.parametrize("path", ["/api/v1/clients/{id}", "/practice/clients/{id}"])
def test_an_id_too_large_for_any_record_is_bad_input_not_a_crash(
    as_alice: Visitor, path: str
) -> None:
    response = as_alice.get(path.format(id=2**63))
    assert response.status_code == 422
    assert "client_id" in response.text


def test_a_standard_acupoint_can_be_charted_from_the_picker(
    as_alice: Visitor, records: Records
) -> None:
    """KI3 is on the inner edge: the chart's picker offers it there, and a mark on it lands in
    its region (the ankle); a point never drawn on a view is refused there."""
    page = as_alice.get(f"/practice/visits/{records.visit}/chart?view=inner&foot=left").text
    assert '<option value="KI3" ' in page
    assert '<option value="SP6" ' in page
    mark = {"target": "KI3", "side": "left", "view": "inner", "kind": "tension", "intensity": 4}
    made = as_alice.post(f"/api/v1/visits/{records.visit}/chart", mark)
    assert made.status_code == 201, made.text
    assert made.json()["region"] == "ankle"
    elsewhere = {**mark, "view": "sole"}
    refused = as_alice.post(f"/api/v1/visits/{records.visit}/chart", elsewhere)
    assert refused.status_code == 422
