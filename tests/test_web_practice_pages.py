"""The practice journal's pages on SQLite and PostgreSQL: logging in by form, CSRF on every
form, 404 for another practitioner's pages, forms that come back with the message next to
the field and nothing saved, and a first visit end to end."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from plantar.practice.models import User
from practice_fixtures import PASSWORD  # the personas' password

if TYPE_CHECKING:
    from web_practice_support import Records, Visitor

FIELD_ERROR = re.compile(r'<span class="field-error" id="err-([a-z_]+)">([^<]+)</span>')


def field_errors(page: str) -> dict[str, str]:
    return {field: html.unescape(text) for field, text in FIELD_ERROR.findall(page)}


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


# Logging in --------------------------------------------------------------------------------------


def test_a_page_needs_a_login_and_comes_back_after_it(app: FastAPI, alice: User) -> None:
    http = TestClient(app, follow_redirects=False)
    sent = http.get("/practice/prices")
    assert sent.status_code == 303
    assert sent.headers["location"] == "/login?next=/practice/prices"
    form = http.get(sent.headers["location"])
    assert form.status_code == 200
    assert 'name="next" value="/practice/prices"' in form.text
    done = http.post(
        "/login",
        data={
            "email": alice.email,
            "password": PASSWORD,
            "csrf_token": csrf_of(form.text),
            "next": "/practice/prices",
        },
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/practice/prices"
    page = http.get("/practice/prices")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert "Log out" in page.text


def test_a_wrong_password_shows_the_generic_message(app: FastAPI, alice: User) -> None:
    http = TestClient(app, follow_redirects=False)
    token = csrf_of(http.get("/login").text)
    for email in (alice.email, "nobody@example.org"):
        response = http.post(
            "/login", data={"email": email, "password": "wrong one", "csrf_token": token}
        )
        assert response.status_code == 401
        assert "Wrong email or password." in response.text
        assert "plantar_session" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_the_login_form_refuses_a_missing_or_forged_token(
    app: FastAPI, alice: User, token: str
) -> None:
    http = TestClient(app, follow_redirects=False)
    http.get("/login")
    response = http.post(
        "/login", data={"email": alice.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 403
    assert "plantar_session" not in response.headers.get("set-cookie", "")


def test_the_login_page_is_rate_limited_too(app: FastAPI, alice: User) -> None:
    http = TestClient(app, follow_redirects=False)
    token = csrf_of(http.get("/login").text)
    form = {"email": alice.email, "csrf_token": token}
    for _ in range(5):
        assert http.post("/login", data=form | {"password": "guess"}).status_code == 401
    response = http.post("/login", data=form | {"password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
def test_after_login_it_never_goes_to_another_site(app: FastAPI, alice: User, target: str) -> None:
    http = TestClient(app, follow_redirects=False)
    token = csrf_of(http.get("/login").text)
    response = http.post(
        "/login",
        data={"email": alice.email, "password": PASSWORD, "csrf_token": token, "next": target},
    )
    assert response.headers["location"] == "/practice"


def test_logging_out_by_form_ends_the_session(as_alice: Visitor) -> None:
    assert "Log out?" in as_alice.get("/logout").text
    response = as_alice.form("/logout", {})
    assert response.headers["location"] == "/login?out=1"
    assert as_alice.get("/practice").status_code == 303


# CSRF and isolation ------------------------------------------------------------------------------

FORMS: list[tuple[str, dict[str, Any]]] = [
    ("/practice/clients", {"name": "Anna"}),
    ("/practice/clients/{client}/edit", {"name": "Renamed"}),
    ("/practice/clients/{client}/visits", {}),
    ("/practice/clients/{client}/courses", {"title": "More", "sessions_planned": "2"}),
    ("/practice/visits/{visit}", {"subjective": "changed"}),
    ("/practice/visits/{visit}/intake", {}),
    ("/practice/visits/{visit}/chart", {"target": "heel", "side": "left", "kind": "pain"}),
    ("/practice/visits/{visit}/chart/{finding}/delete", {}),
    ("/practice/visits/{visit}/plan", {"goals": "sleep", "minutes": "10"}),
    ("/practice/visits/{visit}/sign", {}),
    ("/practice/visits/{visit}/course", {"course_id": "{course}"}),
    ("/practice/visits/{signed_visit}/addenda", {"reason": "x", "text": "y"}),
    ("/practice/prices", {"service": "Foot", "amount": "100"}),
]


def _timeline(visitor: Visitor, records: Records) -> Any:
    return visitor.get(f"/api/v1/clients/{records.client}/timeline").json()


@pytest.mark.parametrize(("path", "data"), FORMS)
def test_every_form_without_its_csrf_token_is_403_and_changes_nothing(
    as_alice: Visitor, records: Records, path: str, data: dict[str, Any]
) -> None:
    before = _timeline(as_alice, records)
    url = path.format(**records.__dict__)
    sent = {k: v.format(**records.__dict__) for k, v in data.items()}
    response = as_alice.http.post(url, data=sent | {"csrf_token": "stale"})
    assert response.status_code == 403
    assert "reload" in response.text
    assert _timeline(as_alice, records) == before
    assert len(as_alice.get("/api/v1/clients").json()) == 1
    assert as_alice.get("/api/v1/prices").json()["items"] == []


PAGES = [
    "/practice/clients/{client}",
    "/practice/clients/{client}/edit",
    "/practice/clients/{client}/timeline",
    "/practice/visits/{visit}",
    "/practice/visits/{visit}/intake",
    "/practice/visits/{visit}/chart",
    "/practice/visits/{visit}/plan",
    "/practice/visits/{signed_visit}",
]


@pytest.mark.parametrize("path", PAGES)
def test_another_practitioner_gets_404_for_each_page(
    as_alice: Visitor, as_bob: Visitor, records: Records, path: str
) -> None:
    url = path.format(**records.__dict__)
    assert as_alice.get(url).status_code == 200
    theirs = as_bob.get(url)
    assert theirs.status_code == 404
    assert "Pyotr" not in theirs.text
    assert as_bob.get(re.sub(r"/\d+", "/999999", url, count=1)).status_code == 404


@pytest.mark.parametrize(("path", "data"), [f for f in FORMS if "{" in f[0]])
def test_another_practitioner_cannot_submit_any_form_of_the_record(
    as_alice: Visitor, as_bob: Visitor, records: Records, path: str, data: dict[str, Any]
) -> None:
    before = _timeline(as_alice, records)
    sent = {k: v.format(**records.__dict__) for k, v in data.items()}
    response = as_bob.form(path.format(**records.__dict__), sent)
    assert response.status_code == 404
    assert _timeline(as_alice, records) == before
    assert as_alice.get(f"/api/v1/clients/{records.client}").json()["name"] == "Pyotr"


def test_a_client_of_another_practitioner_is_not_listed(
    as_alice: Visitor, as_bob: Visitor, records: Records
) -> None:
    assert "Pyotr" in as_alice.get("/practice").text
    assert "Pyotr" not in as_bob.get("/practice").text


# Forms with problems -----------------------------------------------------------------------------

PROBLEMS: list[tuple[str, dict[str, str], dict[str, str]]] = [
    ("/practice/clients", {"name": ""}, {"name": "Please fill this in."}),
    (
        "/practice/clients",
        {"name": "Anna", "date_of_birth": "2999-01-01"},
        {"date_of_birth": "must be between 1900-01-01 and today"},
    ),
    ("/practice/clients/{client}/edit", {"name": "x" * 201}, {"name": "at most 200 characters"}),
    (
        "/practice/clients/{client}/courses",
        {"title": "", "sessions_planned": "0"},
        {"title": "Please fill", "sessions_planned": "greater than 0"},
    ),
    ("/practice/visits/{visit}", {"pain_after": "11"}, {"pain_after": "less than or equal to 10"}),
    ("/practice/visits/{visit}", {"style": "swedish"}, {"style": "'swedish' is not valid"}),
    ("/practice/visits/{visit}/intake", {"age": "200"}, {"age": "from 0 to 120"}),
    ("/practice/visits/{visit}/intake", {"age": "old"}, {"age": "valid integer"}),
    (
        "/practice/visits/{visit}/intake",
        {"conditions": "hypertension", "cleared": "hypertension", "cleared_on": "2025-02-20"},
        {"cleared_by": "name of the doctor"},
    ),
    (
        "/practice/visits/{visit}/intake",
        {"conditions": "hypertension", "cleared": "hypertension", "cleared_by": "Dr A"},
        {"cleared_on": "date of the doctor's clearance"},
    ),
    (
        "/practice/visits/{visit}/intake",
        {"cleared_by": "Dr A", "cleared_on": "2025-02-20"},
        {"cleared": "at least one"},
    ),
    (
        "/practice/visits/{visit}/chart",
        {"target": "nowhere", "side": "left", "kind": "pain"},
        {"target": "'nowhere' is not valid"},
    ),
    (
        "/practice/visits/{visit}/chart",
        {"target": "zone_western_liver", "side": "left", "kind": "pain"},
        {"side": "is on the right foot"},
    ),
    ("/practice/visits/{signed_visit}/addenda", {"text": "x"}, {"reason": "Please fill"}),
    ("/practice/prices", {"service": "Foot"}, {"amount": "Please fill"}),
]


@pytest.mark.parametrize(("path", "data", "expected"), PROBLEMS)
def test_a_form_with_problems_comes_back_with_each_message_by_its_field_and_saves_nothing(
    as_alice: Visitor,
    records: Records,
    path: str,
    data: dict[str, str],
    expected: dict[str, str],
) -> None:
    before = _timeline(as_alice, records)
    response = as_alice.form(path.format(**records.__dict__), data)
    assert response.status_code == 422, response.text
    shown = field_errors(response.text)
    for field, words in expected.items():
        assert words.lower() in shown.get(field, "").lower(), (field, shown)
    assert "nothing was saved" in response.text
    assert f'aria-describedby="err-{next(iter(expected))}"' in response.text
    assert _timeline(as_alice, records) == before
    assert [c["name"] for c in as_alice.get("/api/v1/clients").json()] == ["Pyotr"]
    assert as_alice.get("/api/v1/prices").json()["items"] == []


def test_what_was_typed_is_shown_again_but_never_the_token_twice(as_alice: Visitor) -> None:
    response = as_alice.form(
        "/practice/clients", {"name": "", "contact": "+7 900 000 00 00", "notes": "left knee"}
    )
    assert 'value="+7 900 000 00 00"' in response.text
    assert ">left knee</textarea>" in response.text


# A first visit, end to end -----------------------------------------------------------------------


def _location(response: Any) -> str:
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def test_a_first_and_a_second_visit_by_the_pages(as_alice: Visitor) -> None:
    client = _location(
        as_alice.form(
            "/practice/clients", {"name": "Anna", "date_of_birth": "1980-05-01", "consent": "on"}
        )
    )
    page = as_alice.get(client).text
    assert "Given" in page  # consent, with its time
    assert "Last screening" not in page

    intake = _location(as_alice.form(f"{client}/visits", {}))
    assert intake.endswith("/intake")
    assert "First visit" in as_alice.get(intake).text
    screened = as_alice.form(intake, {"conditions": "varicose_veins", "style": "classical"})
    assert "#verdict" in _location(screened)
    assert "Next: foot chart" in as_alice.get(intake).text
    visit = intake.removesuffix("/intake")

    marked = as_alice.form(
        f"{visit}/chart",
        {"target": "arch", "side": "left", "view": "sole", "kind": "pain", "intensity": "7"},
    )
    chart = as_alice.get(_location(marked)).text
    assert 'data-id="arch"' in chart
    assert "url(#pain-hatch)" in chart  # the pain overlay of the foot map
    assert "Arch</strong>, left foot (sole): Pain 7/10" in chart

    plan_page = as_alice.get(f"{visit}/plan").text
    assert 'name="painful_zones" value="arch" checked' in plan_page
    assert 'type="hidden" name="conditions" value="varicose_veins"' in plan_page
    as_alice.form(
        f"{visit}/plan",
        {
            "goals": "fatigue",
            "minutes": "20",
            "painful_zones": "arch",
            "conditions": "varicose_veins",
            "performer": "therapist",
        },
    )
    record = as_alice.get(visit).text
    assert "Open it in the guided player" in record

    saved = as_alice.form(
        visit,
        {"pain_before": "7", "pain_after": "3", "subjective": "tired", "duration_minutes": "40"},
    )
    assert _location(saved).endswith("?saved=1")
    assert _location(as_alice.form(f"{visit}/sign", {})) == visit
    signed = as_alice.get(visit).text
    assert "Save the note" not in signed
    assert "Add the addendum" in signed
    assert as_alice.form(visit, {"subjective": "rewritten"}).status_code == 409

    client_page = as_alice.get(client).text
    assert "Last screening: ADAPT" in client_page or "Last screening: AVOID" in client_page

    second = _location(as_alice.form(f"{client}/visits", {}))
    asked = as_alice.get(second).text
    assert "Anything changed since last time?" in asked
    assert 'value="varicose_veins" checked' in asked

    timeline = as_alice.get(f"{client}/timeline").text
    assert "Arch (foot chart)" in timeline
    assert "Pain reported before the session" in timeline
    assert "<circle" in timeline


# A doctor's clearance ----------------------------------------------------------------------------

CLEARANCE = {
    "conditions": "hypertension",
    "cleared": "hypertension",
    "cleared_by": "Dr Irina Sokolova",
    "cleared_on": "2025-02-20",
    "clearance_note": "Blood pressure controlled; gentle massage is fine.",
}


def _words(page: str) -> str:
    """The page's text as a reader sees it: no tags, one space between words."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))


def _new_visit(as_alice: Visitor) -> tuple[int, str]:
    client = as_alice.created("/api/v1/clients", {"name": "Vera"})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {"style": "classical"})
    return client, f"/practice/visits/{visit}"


def _intakes(as_alice: Visitor, visit: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = as_alice.get(
        f"/api/v1{visit.removeprefix('/practice')}/intakes"
    ).json()
    return found


def test_the_intake_page_offers_a_doctors_clearance_that_adapts_and_the_visit_page_shows_it(
    as_alice: Visitor,
) -> None:
    client, visit = _new_visit(as_alice)
    first = as_alice.get(f"{visit}/intake").text
    assert (
        "<legend>Doctor's clearance</legend>" not in first
    )  # nothing screened yet: nothing to clear
    _location(as_alice.form(f"{visit}/intake", {"conditions": "hypertension"}))
    (avoided,) = _intakes(as_alice, visit)
    assert avoided["verdict"] == "avoid"
    assert avoided["answers"]["answered"] is True  # the page asks every question
    assert avoided["screening"]["checked"] is True
    offered = as_alice.get(f"{visit}/intake").text
    assert "<legend>Doctor's clearance</legend>" in offered
    assert 'name="cleared" value="hypertension" >' in offered  # offered, not ticked

    _location(as_alice.form(f"{visit}/intake", CLEARANCE))
    cleared = _intakes(as_alice, visit)[-1]
    assert cleared["verdict"] == "adapt"
    assert (cleared["cleared"], cleared["cleared_by"]) == (["hypertension"], "Dr Irina Sokolova")
    again = as_alice.get(f"{visit}/intake").text
    assert "ADAPT" in again
    assert "High blood pressure: a doctor has cleared massage" in again
    assert 'name="cleared" value="hypertension" checked' in again  # screening again keeps it
    assert 'value="Dr Irina Sokolova"' in again

    record = as_alice.get(visit).text
    shown = _words(record)
    assert (
        "Doctor's clearance: High blood pressure cleared for massage by Dr Irina Sokolova" in shown
    )
    assert '<time datetime="2025-02-20">20 Feb 2025</time>' in record
    assert "Note: Blood pressure controlled; gentle massage is fine." in shown

    nxt = as_alice.created(f"/api/v1/clients/{client}/visits", {})
    asked = as_alice.get(f"/practice/visits/{nxt}/intake").text
    hint = "At the last visit High blood pressure was cleared by Dr Irina Sokolova on 20 Feb 2025"
    assert hint in _words(asked)
    assert 'name="cleared" value="hypertension" checked' not in asked  # asked, not carried


@pytest.mark.parametrize(
    ("conditions", "cleared"),
    [
        (["thrombosis", "hypertension"], "thrombosis"),  # absolute
        (["cold_pale_foot", "hypertension"], "cold_pale_foot"),  # an emergency
        (["hypertension"], "cancer"),  # not present
    ],
)
def test_a_clearance_screening_refuses_comes_back_on_the_form_with_its_message_and_saves_nothing(
    as_alice: Visitor, conditions: list[str], cleared: str
) -> None:
    _, visit = _new_visit(as_alice)
    response = as_alice.form(
        f"{visit}/intake", CLEARANCE | {"conditions": conditions, "cleared": cleared}
    )
    assert response.status_code == 422, response.text
    message = field_errors(response.text)["cleared"]
    assert message.startswith(f"{cleared!r} is not valid")
    assert "one of: hypertension" in message
    assert "nothing was saved" in response.text
    assert 'value="Dr Irina Sokolova"' in response.text  # what was typed is shown again
    assert _intakes(as_alice, visit) == []


def test_the_audit_log_page_is_the_admins(
    as_alice: Visitor, as_admin: Visitor, records: Records
) -> None:
    assert as_alice.get("/practice/audit").status_code == 403
    page = as_admin.get(f"/practice/audit?client_id={records.client}")
    assert page.status_code == 200
    assert "alice@example.org" in page.text
    assert as_admin.get("/practice/audit?client_id=abc").status_code == 422


def test_a_course_is_planned_and_counted_from_the_pages(
    as_alice: Visitor, records: Records
) -> None:
    counted = as_alice.form(
        f"/practice/visits/{records.visit}/course", {"course_id": str(records.course)}
    )
    assert _location(counted).endswith("#course")
    page = as_alice.get(f"/practice/clients/{records.client}").text
    assert "1 of 10 sessions" in page
    assert "13500.00 RUB" in page


def test_the_price_list_page_shows_the_salon_reference(as_alice: Visitor) -> None:
    as_alice.form("/practice/prices", {"service": "Foot massage", "amount": "1500"})
    page = as_alice.get("/practice/prices").text
    assert "the article's salon price" in page
    assert "Foot massage" in page


def test_the_player_offers_the_journal_with_its_plan_request(app: FastAPI) -> None:
    page = TestClient(app).get("/player?goals=sleep&minutes=15").text
    assert "data-journal" in page
    found = re.search(r'data-plan-request="([^"]+)"', page)
    assert found is not None
    assert "&#34;goals&#34;:[&#34;sleep&#34;]" in found.group(1)


def test_my_journal_page_lists_saved_sessions(as_alice: Visitor) -> None:
    as_alice.post(
        "/api/v1/journal",
        {"started_at": "2025-03-01T10:00:00Z", "duration_seconds": 600, "note": "calm"},
    )
    page = as_alice.get("/practice/journal").text
    assert "10 min" in page
    assert "calm" in page
