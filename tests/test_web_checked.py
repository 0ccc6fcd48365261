"""The web pages and the printout for a safety check done or not (DESIGN.md "Screening: checked
or not", "Plan: goals and warnings"): never an OK for a check that was not done, the answers
carried from page to page, the warnings above the steps, goals with their evidence, and one
set of urgency words with a number to call."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from pypdf import PdfReader

from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan
from plantar.planner.catalogue import catalogue
from plantar.safety import advice
from plantar.web.app import create_app

Run = Callable[..., Result]
SLEEP = {"goals": "sleep", "minutes": 15}
# Goals whose best evidence is only a belief: the plan warns about them.
WEAK = {"goals": ["sleep", "digestion"], "minutes": 15}
OK_TITLE = f"OK: {advice.HEADLINES['ok']}"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


class Forms(HTMLParser):
    """Every form of a page: its action and what it would send as it stands (hidden fields,
    ticked boxes, chosen radios, filled numbers), in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "class": a.get("class", ""), "f": []})
        elif tag == "input" and self.forms and "name" in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("value", "") != "":
                self.forms[-1]["f"].append((a["name"], a["value"]))


def forms_of(page: str) -> list[dict[str, Any]]:
    parser = Forms()
    parser.feed(page)
    return parser.forms


def questionnaire(page: str) -> list[tuple[str, str]]:
    (form,) = [f for f in forms_of(page) if "questionnaire" in f["class"]]
    fields: list[tuple[str, str]] = form["f"]
    return fields


def href(page: str, text: str) -> str:
    """The query of the link whose text is ``text``."""
    found = re.search(r'<a[^>]*href="([^"]*)"[^>]*>\s*' + re.escape(text), page)
    assert found, f"no link {text!r}"
    return unescape(found.group(1))


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def verdict_box(page: str) -> str:
    start = page.index('<section class="verdict')
    return page[start : page.index("</section>", start)]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


# 1. "Not checked" is not "OK" -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/plan", "/player"])
def test_an_unchecked_plan_shows_no_ok_and_links_to_the_safety_check(
    client: TestClient, path: str
) -> None:
    page = client.get(path, params={**SLEEP, "age": 40}).text
    assert "verdict-ok" not in page
    assert OK_TITLE not in page
    assert "verdict-not_checked" in page
    assert advice.NOT_CHECKED_HEADLINE in page
    link = href(page, "Answer the safety questions")
    assert urlsplit(link).path == "/safety"
    assert query_of(link) == {"age": ["40"]}  # what was given, ready to be completed


@pytest.mark.parametrize("path", ["/plan", "/player"])
def test_a_checked_plan_with_nothing_found_shows_ok(client: TestClient, path: str) -> None:
    page = client.get(path, params={**SLEEP, "answered": 1}).text
    assert "verdict-ok" in page
    assert OK_TITLE in page
    assert advice.NOT_CHECKED_HEADLINE not in page
    assert "Answer the safety questions" not in page


def test_the_safety_result_is_ok_only_when_the_questions_were_answered(
    client: TestClient,
) -> None:
    answered = client.get("/safety", params={"asked": 1, "answered": 1, "age": 40}).text
    assert OK_TITLE in verdict_box(answered)
    named_only = client.get("/safety", params={"asked": 1, "age": 40}).text
    assert "verdict-ok" not in named_only
    assert advice.NOT_CHECKED_HEADLINE in verdict_box(named_only)


def test_the_safety_form_says_it_was_answered(client: TestClient) -> None:
    fields = questionnaire(client.get("/safety").text)
    assert ("answered", "1") in fields
    assert ("asked", "1") in fields


def test_an_unchecked_finding_keeps_its_verdict_and_still_links_to_the_check(
    client: TestClient,
) -> None:
    page = client.get("/plan", params={**SLEEP, "conditions": "varicose_veins"}).text
    box = verdict_box(page)
    assert "verdict-adapt" in box
    assert "Answer the safety questions" in box


def test_the_printout_never_says_ok_for_a_check_not_done(kb: KnowledgeBase) -> None:
    from plantar.guide.printout import plan_pdf

    unchecked = pdf_text(plan_pdf(plan(PlanRequest(goals=("sleep",), minutes=15), kb), kb))
    assert "screening: not checked" in unchecked
    assert "screening: ok" not in unchecked
    assert " ".join(advice.NOT_CHECKED_HEADLINE.split()) in unchecked
    assert "the safety check page" in unchecked  # where to do it
    checked = plan(PlanRequest(goals=("sleep",), minutes=15, answered=True), kb)
    text = pdf_text(plan_pdf(checked, kb))
    assert "screening: ok" in text
    assert advice.HEADLINES["ok"] in text


@pytest.mark.parametrize("answered", ["maybe", "2"])
@pytest.mark.parametrize("path", ["/safety", "/plan", "/player", "/api/v1/plan.pdf"])
def test_a_bad_answered_value_is_422_naming_it(
    client: TestClient, path: str, answered: str
) -> None:
    response = client.get(path, params={**SLEEP, "asked": 1, "answered": answered})
    assert response.status_code == 422
    assert f"answered: {answered!r} is not valid" in unescape(response.text)


# 2. The answers travel: safety -> plan -> player and PDF; one can be changed ----------------

ANSWERS = {
    "conditions": ["osteoporosis", "varicose_veins"],
    "lesion_zones": ["heel"],
    "age": ["67"],
    "minutes_since_meal": ["90"],
}


def test_the_answers_are_carried_from_the_safety_check_to_the_player_and_the_pdf(
    client: TestClient,
) -> None:
    result = client.get("/safety", params={"asked": 1, "answered": 1, **ANSWERS}).text
    to_plan = query_of(href(result, "Plan a session with these answers"))
    assert to_plan == {**ANSWERS, "answered": ["1"]}

    plan_form = client.get("/plan", params=to_plan).text
    (form,) = [f for f in forms_of(plan_form) if f["action"] == "/plan"]
    sent: dict[str, list[str]] = {}
    for name, value in form["f"]:
        sent.setdefault(name, []).append(value)
    for name, values in {**ANSWERS, "answered": ["1"]}.items():
        assert sent[name] == values, name
    assert "Your safety answers are included" in plan_form
    assert "Osteoporosis" in plan_form  # titles, not ids

    sent |= {"goals": ["sleep"], "minutes": ["15"]}
    plan_page = client.get("/plan", params=sent).text
    for link in ("Start guided session", "Download PDF"):
        carried = query_of(href(plan_page, link))
        for name, values in {**ANSWERS, "answered": ["1"]}.items():
            assert carried[name] == values, (link, name)
    assert "verdict-not_checked" not in plan_page


def test_the_result_keeps_the_answers_and_one_can_be_changed_alone(client: TestClient) -> None:
    first = client.get("/safety", params={"asked": 1, "answered": 1, **ANSWERS}).text
    fields = questionnaire(first)
    for name, values in ANSWERS.items():
        assert sorted(v for n, v in fields if n == name) == values, name
    # Untick varicose veins only, and send the form as it stands.
    changed = [f for f in fields if f != ("conditions", "varicose_veins")]
    second = client.get("/safety", params=changed).text
    kept = questionnaire(second)
    assert ("conditions", "varicose_veins") not in kept
    assert ("conditions", "osteoporosis") in kept
    assert ("lesion_zones", "heel") in kept
    assert ("age", "67") in kept
    assert ("minutes_since_meal", "90") in kept
    assert ("answered", "1") in kept
    findings = second[second.index('<section class="verdict') : second.index('id="your-answers"')]
    assert "Varicose" not in findings
    assert "Osteoporosis" in findings
    to_plan = query_of(href(second, "Plan a session with these answers"))
    assert to_plan["conditions"] == ["osteoporosis"]
    assert to_plan["lesion_zones"] == ["heel"]


def test_a_style_or_performer_given_survives_the_safety_page(client: TestClient) -> None:
    page = client.get(
        "/safety", params={"asked": 1, "answered": 1, "style": "classical", "performer": "partner"}
    ).text
    fields = questionnaire(page)
    assert ("style", "classical") in fields
    assert ("performer", "partner") in fields


# 3. Warnings above the steps; goals with their evidence ------------------------------------


def test_the_plan_page_shows_the_warnings_above_the_first_step(
    client: TestClient, kb: KnowledgeBase
) -> None:
    expected = plan(PlanRequest(goals=("sleep", "digestion"), minutes=15), kb)
    assert len(expected.warnings) >= 2  # the check not done and a traditional goal
    page = client.get("/plan", params=WEAK).text
    first_step = page.index('<ol class="steps"')
    for warning in expected.warnings:
        plain = warning.split("`")[0]  # code spans are marked up
        assert 0 <= page.index(plain) < first_step, warning
    start = page.index('class="warnings"')
    warnings = page[start : page.index("</section>", start)]
    assert "<details" not in warnings  # never folded away


def test_the_player_shows_the_warnings_before_start(client: TestClient, kb: KnowledgeBase) -> None:
    expected = plan(PlanRequest(goals=("sleep", "digestion"), minutes=15), kb)
    page = client.get("/player", params=WEAK).text
    start = page.index('id="pause"')
    for warning in expected.warnings:
        assert 0 <= page.index(warning.split("`")[0]) < start, warning


def test_the_printout_has_the_warnings_before_the_first_step(kb: KnowledgeBase) -> None:
    from plantar.guide.printout import plan_pdf

    result = plan(PlanRequest(goals=("sleep", "digestion"), minutes=15), kb)
    text = pdf_text(plan_pdf(result, kb))
    first = text.index(f"1. {result.steps[0].title}")
    for warning in result.warnings:
        assert 0 <= text.index(" ".join(warning.replace("`", "").split())) < first, warning
    assert "Digestion (traditional)" in text


def test_the_plan_form_shows_each_goals_best_evidence_next_to_it(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = client.get("/plan").text
    cat = catalogue(kb)
    for goal in kb.ids("goals"):
        level = cat.best_evidence(goal)
        found = re.search(
            rf'value="{goal}"[^>]*>\s*<span>[^<]*<span class="badge badge-(\w+)"[^>]*>(\w+)<',
            page,
        )
        assert found, goal
        assert found.groups() == (level, level), goal  # the label itself, never softened


def test_the_plan_lists_its_goals_with_their_evidence(client: TestClient) -> None:
    page = client.get("/plan", params=WEAK).text
    goals = page[page.index('class="plan-goals"') : page.index('<section class="verdict')]
    assert re.search(r"Better sleep[^<]*<span class=\"badge badge-supported\"", goals)
    digestion = r"Digestion[^<]*<span class=\"badge badge-traditional\"[^>]*>traditional<"
    assert re.search(digestion, goals)


def test_no_note_is_said_twice_on_the_plan_page(client: TestClient) -> None:
    page = client.get("/plan", params={**WEAK, "conditions": "diabetes"}).text
    assert page.count("The safety questions were not answered") == 1


# 4. A condition implied by a combination says which answers made it ------------------------


def test_a_combined_finding_names_the_answers_behind_it(client: TestClient) -> None:
    page = client.get(
        "/safety",
        params={
            "asked": 1,
            "answered": 1,
            "conditions": ["diabetes", "skin_lesion"],
            "lesion_zones": "heel",
        },
    ).text
    assert "From your answers: diabetes with damaged skin on the foot" in page
    assert "verdict-avoid" in verdict_box(page)


# 5. Urgency: one vocabulary, a number to call ---------------------------------------------


def test_the_footer_uses_the_emergency_words_and_offers_the_number(client: TestClient) -> None:
    page = client.get("/").text
    footer = page[page.index('<footer class="disclaimer"') :]
    assert advice.URGENCY_ADVICE["emergency"] in footer
    assert '<a class="call" href="tel:112">Call 112</a>' in footer


def test_an_emergency_verdict_offers_a_tap_to_call_link(client: TestClient) -> None:
    page = client.get(
        "/safety", params={"asked": 1, "answered": 1, "conditions": "cold_pale_foot"}
    ).text
    box = verdict_box(page)
    assert advice.URGENCY_ADVICE["emergency"] in box
    assert '<a class="button call" href="tel:112">Call 112</a>' in box
    assert box.count(advice.URGENCY_ADVICE["emergency"]) == 1


def test_an_urgent_verdict_says_it_in_the_same_words(client: TestClient) -> None:
    page = client.get(
        "/safety",
        params={"asked": 1, "answered": 1, "conditions": ["diabetes", "skin_lesion"]},
    ).text
    box = verdict_box(page)
    assert advice.URGENCY_ADVICE["urgent"] in box
    assert "tel:" not in box  # the number is for an emergency only


def test_plantar_emergency_number_changes_the_number_everywhere(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    monkeypatch.setenv("PLANTAR_EMERGENCY_NUMBER", "+44 999")
    page = client.get(
        "/safety", params={"asked": 1, "answered": 1, "conditions": "cold_pale_foot"}
    ).text
    assert '<a class="button call" href="tel:+44999">Call +44 999</a>' in verdict_box(page)
    assert '<a class="call" href="tel:+44999">Call +44 999</a>' in page
    assert "tel:112" not in page
    from plantar.guide.printout import plan_pdf

    stopped = plan(PlanRequest(goals=("sleep",), minutes=15, conditions=("cold_pale_foot",)), kb)
    assert "Call +44 999" in pdf_text(plan_pdf(stopped, kb))


# 7. The JSON API: checked and warnings, the same data as the CLI ----------------------------


@pytest.mark.parametrize("answered", [False, True])
def test_the_plan_api_returns_checked_and_warnings_as_the_cli_does(
    client: TestClient, run: Run, answered: bool
) -> None:
    body: dict[str, Any] = {"goals": ["sleep", "digestion"], "minutes": 15}
    flags = ["plan", "--goal", "sleep", "--goal", "digestion", "--minutes", "15", "--json"]
    if answered:
        body["answered"] = True
        flags.append("--answered")
    api = client.post("/api/v1/plan", json=body)
    assert api.status_code == 200
    data = api.json()
    assert data == json.loads(run(*flags).output)
    assert data["screening"]["checked"] is answered
    assert any("traditional" in w for w in data["warnings"])
    assert (advice.NOT_CHECKED_NOTE in data["warnings"]) is not answered
