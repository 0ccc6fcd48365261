"""The practice journal's own words in Russian: page titles, form and API error messages,
the pain charts and the FHIR export's displays and narrative, said in the language of the
request (``?lang=ru``, then the ``plantar_lang`` cookie); English stays as it was.

Only the texts the Python of ``plantar.practice`` and ``plantar.web.practice`` says are held
here (the templates' words have tests of their own): a title or a message is Russian when it
has no Latin word of three letters or more once the record's own data (the client's name) is
set aside. Ids, codes and code systems never change.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from plantar import i18n
from plantar.practice.fhir_codes import LOINC, PAIN_CODE, SERVICE_TYPE
from plantar.practice.models import User
from plantar.web.practice.pain_chart import day, pain_charts
from practice_fixtures import PASSWORD

if TYPE_CHECKING:
    from web_practice_support import Records, Visitor

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
FIELD_ERROR = re.compile(r'<span class="field-error" id="err-([a-z_]+)">([^<]+)</span>')


def russian(text: str, *data: str) -> bool:
    """``text`` is said in Russian: Cyrillic, and no Latin word once ``data`` (names, ids the
    record itself holds) is taken out."""
    for said in data:
        text = text.replace(said, "")
    return bool(CYRILLIC.search(text)) and not LATIN_WORD.search(text)


def title_of(page: str) -> str:
    found = TITLE.search(page)
    assert found is not None, "the page has no title"
    return html.unescape(found.group(1)).strip().removesuffix("plantar").strip().rstrip("·").strip()


def field_errors(page: str) -> dict[str, str]:
    return {field: html.unescape(text) for field, text in FIELD_ERROR.findall(page)}


def in_russian(visitor: Visitor) -> None:
    """From now on, the visitor's pages and API calls are in Russian (the cookie keeps it)."""
    assert visitor.get("/practice?lang=ru").status_code == 200
    assert visitor.http.cookies.get("plantar_lang") == "ru"


def in_english(visitor: Visitor) -> None:
    assert visitor.get("/practice?lang=en").status_code == 200


# Page titles ---------------------------------------------------------------------------------

PAGES: list[tuple[str, str]] = [
    ("/practice", "Clients"),
    ("/practice/clients/new", "New client"),
    ("/practice/clients/{client}/edit", "Edit client"),
    ("/practice/clients/{client}/timeline", "Pyotr: timeline"),
    ("/practice/visits/{visit}", "Pyotr: session"),
    ("/practice/visits/{visit}/intake", "Pyotr: intake"),
    ("/practice/visits/{visit}/chart", "Pyotr: foot chart"),
    ("/practice/visits/{visit}/plan", "Pyotr: plan"),
    ("/practice/prices", "Price list"),
    ("/practice/journal", "My journal"),
    ("/practice/account", "Your account"),
    ("/logout", "Log out"),
]


def test_the_practice_pages_are_titled_in_russian(as_alice: Visitor, records: Records) -> None:
    in_russian(as_alice)
    for path, english in PAGES:
        page = as_alice.get(path.format(**records.__dict__))
        assert page.status_code == 200, (path, page.text[:300])
        assert '<html lang="ru">' in page.text
        title = title_of(page.text)
        assert russian(title, "Pyotr"), (path, title)
        assert title != english


def test_the_practice_pages_keep_their_english_titles(as_alice: Visitor, records: Records) -> None:
    in_english(as_alice)
    for path, english in PAGES:
        page = as_alice.get(path.format(**records.__dict__))
        assert page.status_code == 200, path
        assert title_of(page.text) == english


def test_the_login_page_and_its_refusal_are_in_russian(app: FastAPI, alice: User) -> None:
    http = TestClient(app, follow_redirects=False)
    form = http.get("/login?lang=ru")
    assert russian(title_of(form.text)), title_of(form.text)
    api = http.post("/api/v1/login", json={"email": alice.email, "password": "not " + PASSWORD})
    assert api.status_code == 401
    assert api.json()["detail"] == "Неверный адрес электронной почты или пароль."
    out = http.get("/login?out=1")
    assert "Вы вышли" in out.text
    english = http.post(
        "/api/v1/login?lang=en", json={"email": alice.email, "password": "not " + PASSWORD}
    )
    assert english.json() == {"detail": "Wrong email or password."}


# Forms with problems ---------------------------------------------------------------------------


def test_a_form_with_problems_says_them_in_russian(as_alice: Visitor, records: Records) -> None:
    in_russian(as_alice)
    client = as_alice.form("/practice/clients", {"name": ""})
    assert client.status_code == 422
    assert field_errors(client.text)["name"] == "Заполните это поле."
    course = as_alice.form(
        f"/practice/clients/{records.client}/courses", {"title": "", "sessions_planned": "0"}
    )
    assert course.status_code == 422
    errors = field_errors(course.text)
    assert errors["title"] == "Заполните это поле."
    assert errors["sessions_planned"] == "Значение должно быть больше 0."
    visit = as_alice.form(f"/practice/visits/{records.visit}", {"pain_after": "11"})
    assert field_errors(visit.text)["pain_after"] == "Значение должно быть не больше 10."
    intake = as_alice.form(f"/practice/visits/{records.visit}/intake", {"age": "old"})
    assert field_errors(intake.text)["age"] == "Введите целое число."
    name = as_alice.form(f"/practice/clients/{records.client}/edit", {"name": "x" * 201})
    assert field_errors(name.text)["name"] == "Не более 200 символов."
    account = as_alice.form(
        "/practice/account",
        {"current_password": PASSWORD, "password": "a new long passphrase", "again": "other"},
    )
    assert account.status_code == 422
    assert field_errors(account.text)["again"] == "Два новых пароля не совпадают"
    for said in (*field_errors(course.text).values(), field_errors(intake.text)["age"]):
        assert russian(said), said


def test_a_form_with_problems_keeps_pydantics_english(as_alice: Visitor, records: Records) -> None:
    in_english(as_alice)
    course = as_alice.form(
        f"/practice/clients/{records.client}/courses", {"title": "", "sessions_planned": "0"}
    )
    errors = field_errors(course.text)
    assert errors["title"] == "Please fill this in."
    assert errors["sessions_planned"] == "Input should be greater than 0."
    name = as_alice.form(f"/practice/clients/{records.client}/edit", {"name": "x" * 201})
    assert field_errors(name.text)["name"] == "String should have at most 200 characters."


# The API's errors ----------------------------------------------------------------------------


def test_the_apis_refusals_are_in_russian(as_alice: Visitor, records: Records) -> None:
    in_russian(as_alice)
    locked = as_alice.call(
        "PATCH", f"/api/v1/visits/{records.signed_visit}", json={"subjective": "more"}
    )
    assert locked.status_code == 409
    assert locked.json()["detail"].startswith(f"Запись сеанса {records.signed_visit} подписана")
    assert russian(locked.json()["detail"], str(records.signed_visit))
    stale = as_alice.call(
        "PATCH", f"/api/v1/courses/{records.course}", json={"title": "x"}, headers={"If-Match": "7"}
    )
    assert stale.status_code == 409
    assert russian(stale.json()["detail"]), stale.json()
    missing = as_alice.get("/api/v1/clients/999999")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Клиент 999999 не найден"
    forbidden = as_alice.get("/api/v1/users")
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "учётными записями управляет только администратор"
    unversioned = as_alice.call("PATCH", f"/api/v1/courses/{records.course}", json={"title": "x"})
    assert unversioned.status_code == 422
    assert unversioned.json()["field"] == "If-Match"  # a field is an id
    assert "версия курса, которую вы прочитали" in unversioned.json()["detail"]
    assert "the course's version" not in unversioned.json()["detail"]


def test_the_apis_refusals_keep_their_english(as_alice: Visitor, records: Records) -> None:
    in_english(as_alice)
    locked = as_alice.call(
        "PATCH", f"/api/v1/visits/{records.signed_visit}", json={"subjective": "more"}
    )
    assert locked.json()["detail"] == (
        f"visit {records.signed_visit} is signed and locked; add a dated addendum to change it"
    )
    stale = as_alice.call(
        "PATCH", f"/api/v1/courses/{records.course}", json={"title": "x"}, headers={"If-Match": "7"}
    )
    assert stale.json()["detail"] == (
        f"course {records.course} was changed by someone else (version 1, you had 7); "
        "reload it and try again"
    )
    assert as_alice.get("/api/v1/clients/999999").json()["detail"] == "client 999999 not found"
    assert as_alice.get("/api/v1/users").json()["detail"] == "only the admin manages accounts"


# The pain charts -----------------------------------------------------------------------------

MARCH = [datetime(2025, 3, d, 10, 0, tzinfo=UTC) for d in (3, 10, 17, 24, 31)]


def _summary(values: list[int]) -> str:
    series = {"reported": list(zip(MARCH, values, strict=False))}
    return pain_charts(series, {"reported": "Pain"})[0].summary


def test_the_pain_charts_say_their_dates_and_counts_in_russian() -> None:
    with i18n.use("ru"):
        assert day(MARCH[0]) == "3 мар. 2025"
        assert _summary([7]) == "7/10 на одном сеансе."
        assert _summary([7, 3]) == "От 7/10 до 3/10 за 2 сеанса (снижение); максимум 7/10."
        assert _summary([2, 2, 2, 2, 6]) == "От 2/10 до 6/10 за 5 сеансов (рост); максимум 6/10."
    assert day(MARCH[0]) == "3 Mar 2025"
    assert _summary([7, 3]) == "From 7/10 to 3/10 over 2 visits (down); highest 7/10."
    assert _summary([4, 4]) == "From 4/10 to 4/10 over 2 visits (unchanged); highest 4/10."


# The FHIR export -----------------------------------------------------------------------------


def _codings(node: Any) -> list[tuple[str, str]]:
    """Every (system, code) below ``node``, in order."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        if "system" in node and "code" in node:
            found.append((node["system"], node["code"]))
        for value in node.values():
            found.extend(_codings(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_codings(value))
    return found


def _displays(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("display"), str):
            found.append(node["display"])
        for value in node.values():
            found.extend(_displays(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_displays(value))
    return found


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _export(visitor: Visitor, client: int, lang: str) -> dict[str, Any]:
    response = visitor.get(f"/api/v1/clients/{client}/fhir?lang={lang}")
    assert response.status_code == 200, response.text
    bundle: dict[str, Any] = response.json()
    return bundle


def test_a_fhir_export_in_russian_keeps_its_codes_and_says_its_texts_in_russian(
    as_alice: Visitor, records: Records
) -> None:
    english = _export(as_alice, records.client, "en")
    russian_bundle = _export(as_alice, records.client, "ru")
    # Codes and systems are the same, in the same places.
    assert _codings(russian_bundle) == _codings(english)
    assert (LOINC, PAIN_CODE) in _codings(russian_bundle)
    assert any(system == SERVICE_TYPE for system, _ in _codings(russian_bundle))
    # Every display is Russian.
    displays = _displays(russian_bundle)
    assert displays
    for display in displays:
        assert russian(display), display
    # The texts plantar writes (not the client's own notes) are Russian too.
    observations = _resources(russian_bundle, "Observation")
    pain_notes = [o["note"][0]["text"] for o in observations if "note" in o and "bodySite" not in o]
    assert sorted(pain_notes) == ["до сеанса", "до сеанса"]
    chart = next(o for o in observations if "bodySite" in o)
    assert chart["code"]["text"].startswith("карта стопы: ")
    assert russian(chart["code"]["text"]), chart["code"]
    assert russian(chart["bodySite"]["text"]), chart["bodySite"]
    procedure = _resources(russian_bundle, "Procedure")[0]
    assert russian(procedure["code"]["text"]), procedure["code"]
    assert russian(procedure["bodySite"][0]["text"]), procedure["bodySite"]
    assert procedure["bodySite"][0]["coding"][0]["code"] == "arch"  # the id stays the code
    encounter = _resources(russian_bundle, "Encounter")[0]
    assert encounter["class"]["code"] == "AMB"
    condition = _resources(russian_bundle, "Condition")[0]
    assert russian(condition["note"][0]["text"]), condition["note"]


def test_a_fhir_export_in_english_is_as_it_was(as_alice: Visitor, records: Records) -> None:
    bundle = _export(as_alice, records.client, "en")
    displays = set(_displays(bundle))
    assert displays == {
        "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        "Massage Therapy",
        "ambulatory",
    }
    observations = _resources(bundle, "Observation")
    chart = next(o for o in observations if "bodySite" in o)
    assert chart["code"]["text"] == "foot chart: pain"
    assert chart["bodySite"]["text"] == "left arch (sole view)"
    procedure = _resources(bundle, "Procedure")[0]
    assert procedure["code"]["text"] == "foot massage (classical)"
    assert procedure["bodySite"][0]["text"] == "arch"
    assert procedure["note"][0]["text"] == "Subjective: tired feet"
    condition = _resources(bundle, "Condition")[0]
    assert condition["note"][0]["text"] == "reported at intake (self-reported, not a diagnosis)"
