"""POST /api/v1/screen and /api/v1/plan: the CLI's shapes and data, 422 with its messages;
and the safety, plan and player pages built on the same functions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from starlette.datastructures import QueryParams

from plantar.footmap.spot import spotted
from plantar.guide.outline import outline
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Routine
from plantar.planner import PlanRequest, plan
from plantar.web.app import create_app
from plantar.web.forms import Form
from plantar.web.verdict import prose

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def cli_args(body: dict[str, Any]) -> list[str]:
    """The CLI flags for an API body: plural lists become repeated singular flags."""
    singular = {
        "conditions": "--condition",
        "lesion_zones": "--lesion-zone",
        "goals": "--goal",
        "painful_zones": "--painful-zone",
        "equipment": "--equipment",
    }
    args: list[str] = []
    for key, value in body.items():
        if isinstance(value, list):
            for item in value:
                args += [singular[key], str(item)]
        else:
            args += ["--" + key.replace("_", "-"), str(value)]
    return args


SCREEN_BODIES = [
    {},
    {"conditions": ["pregnancy"], "age": 34},
    {"conditions": ["fever", "varicose_veins"]},
    {"conditions": ["diabetes"], "style": "acupressure", "performer": "self"},
    {"lesion_zones": ["heel"], "minutes_since_meal": 20},
    {"conditions": ["calf_swelling_one_side"]},
]


LANGUAGES = ("en", "ru")  # the same data in either language (DESIGN.md, "Language")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("body", SCREEN_BODIES)
def test_screen_returns_the_same_data_as_the_cli(
    client: TestClient, run: Run, body: dict[str, Any], lang: str
) -> None:
    # Accept-Language (not ?lang=, which a cookie would keep for the module's other tests)
    api = client.post("/api/v1/screen", json=body, headers={"Accept-Language": lang})
    cli = run("--lang", lang, "screen", *cli_args(body), "--json")
    assert api.status_code == 200
    assert api.json() == json.loads(cli.output)
    assert cli.exit_code == (3 if api.json()["verdict"] in ("postpone", "avoid") else 0)


PLAN_BODIES = [
    {"goals": ["sleep"], "minutes": 15},
    {"goals": ["fatigue", "leg_pain"], "minutes": 20, "time_of_day": "evening"},
    {"goals": ["relaxation"], "minutes": 10, "performer": "partner", "painful_zones": ["heel"]},
    {"goals": ["sleep"], "minutes": 15, "conditions": ["fever"]},
    {"routine": "routine_self"},
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("body", PLAN_BODIES)
def test_plan_returns_the_same_data_as_the_cli(
    client: TestClient, run: Run, body: dict[str, Any], lang: str
) -> None:
    api = client.post("/api/v1/plan", json=body, headers={"Accept-Language": lang})
    cli = run("--lang", lang, "plan", *cli_args(body), "--json")
    assert api.status_code == 200, api.text
    assert api.json() == json.loads(cli.output)
    if lang == "ru":  # said in Russian, not only the same
        assert re.search("[а-яё]", api.json()["title"].lower()), api.json()["title"]


@pytest.mark.parametrize(
    ("path", "body", "flags", "named"),
    [
        ("/api/v1/screen", {"conditions": ["flu"]}, ["screen", "--condition", "flu"], "'flu'"),
        ("/api/v1/screen", {"age": -3}, ["screen", "--age", "-3"], "-3"),
        ("/api/v1/screen", {"style": "swedish"}, ["screen", "--style", "swedish"], "'swedish'"),
        (
            "/api/v1/plan",
            {"goals": ["sleepy"], "minutes": 15},
            ["plan", "--goal", "sleepy", "--minutes", "15"],
            "'sleepy'",
        ),
        (
            "/api/v1/plan",
            {"goals": ["sleep"], "minutes": 500},
            ["plan", "--goal", "sleep", "--minutes", "500"],
            "500",
        ),
    ],
)
def test_bad_input_is_422_with_the_cli_message(
    client: TestClient, run: Run, path: str, body: dict[str, Any], flags: list[str], named: str
) -> None:
    api = client.post(path, json=body)
    cli = run(*flags, "--json")
    assert api.status_code == 422
    detail = api.json()["detail"]
    assert named in detail
    assert cli.exit_code == 2
    # The same words; each names the field its own way (the JSON field, the command's flag).
    field, said = detail.split(": ", 1)
    shown = " ".join(cli.output.split())
    assert said in shown
    assert flags[1] + ": " + said in shown or field + ": " + said in shown


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"age": "old"}, "age"),
        ({"colour": "red"}, "colour"),
        ({"conditions": "fever"}, "conditions"),
    ],
)
def test_a_body_of_the_wrong_shape_is_422_naming_the_field(
    client: TestClient, body: dict[str, Any], named: str
) -> None:
    response = client.post("/api/v1/screen", json=body)
    assert response.status_code == 422
    assert named in response.json()["detail"]


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/screen", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_the_openapi_document_describes_both_bodies(client: TestClient) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {"Intake", "Screening", "PlanRequest", "Plan"} <= set(schemas)


def test_the_safety_page_lists_plain_questions(client: TestClient) -> None:
    page = client.get("/safety").text
    assert 'name="conditions" value="thrombosis"' in page
    assert "?" in page  # the questions are questions, not ids


def test_the_safety_page_shows_each_reason_and_its_source(client: TestClient) -> None:
    page = client.get("/safety", params={"asked": 1, "conditions": "fever"}).text
    assert "POSTPONE" in page
    assert "/library/seed:contraindications-general" in page


def test_the_safety_page_re_renders_bad_input_with_422(client: TestClient) -> None:
    response = client.get("/safety", params={"asked": 1, "age": "200"})
    assert response.status_code == 422
    assert "age: 200 is not valid" in response.text


def test_the_plan_page_shows_steps_and_the_player_link(client: TestClient) -> None:
    page = client.get("/plan", params={"goals": "sleep", "minutes": 15}).text
    assert 'class="steps"' in page
    assert "/player?goals=sleep&amp;minutes=15" in page


def test_the_player_page_embeds_the_session_cues(client: TestClient) -> None:
    page = client.get("/player", params={"goals": "sleep", "minutes": 15}).text
    start = page.index('<script id="session-data" type="application/json">') + 50
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["steps"]
    assert all(step["cue"] and step["seconds"] > 0 for step in data["steps"])
    assert any(step["switch_foot"] for step in data["steps"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/map.svg?view=sole&highlight=liver&pain=heel=6",
        "/api/v1/map.svg?routine=routine_acupressure",
        "/api/v1/map.svg?plan=1&goals=sleep&minutes=15",
        "/api/v1/demo/pressing.svg?direction=counterclockwise",
    ],
)
def test_maps_and_demos_are_svg(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg")


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/api/v1/map.svg?view=bottom", "'bottom'"),
        ("/api/v1/map.svg?pain=heel=11", "11"),
        ("/api/v1/map.svg?highlight=kneecap", "'kneecap'"),
        ("/api/v1/map.svg?routine=routine_none", "'routine_none'"),
        ("/api/v1/demo/juggling.svg", "'juggling'"),
        ("/api/v1/spot/kneecap.svg", "'kneecap'"),
    ],
)
def test_a_bad_map_value_is_422_naming_it(client: TestClient, path: str, named: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert named in response.json()["detail"]


@pytest.mark.parametrize("path", ["/map", "/map?compare=1", "/map?view=sole&goal=sleep"])
def test_the_map_explorer_renders(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert 'data-kind="zone"' in response.text


# The plan a person reads in a minute (issue 13, item 2) ---------------------------------

SLEEP = {"goals": "sleep", "minutes": 15, "answered": 1}


def _plan_page(client: TestClient, **params: Any) -> str:
    response = client.get("/plan", params=params)
    assert response.status_code == 200, response.text[:300]
    return response.text


def test_the_plan_page_writes_each_foot_once_and_says_to_repeat(
    client: TestClient, kb: KnowledgeBase
) -> None:
    result = plan(PlanRequest(goals=("sleep",), minutes=15, answered=True), kb)
    page = _plan_page(client, **SLEEP)
    parts = outline(result)
    assert page.count('<li class="step ') == sum(len(p.steps) for p in parts)
    assert page.count('<li class="step ') < len(result.steps)
    assert "Repeat these steps on the right foot." in page
    assert "Left foot, then the right foot" in page
    # Durations as people say them, never "1 min 5 s".
    assert re.search(r"\d+ min \d+ s", page) is None
    assert "about a minute" in page
    assert "about 15 minutes".capitalize() in page


def test_every_reminder_is_on_the_plan_page_once_the_essentials_first(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for params in (
        SLEEP,
        {**SLEEP, "conditions": "diabetes"},
        {"routine": "routine_self", "answered": 1},
    ):
        request = Form.of(QueryParams(params)).plan_request()
        result = plan(request, kb)
        page = _plan_page(client, **params)
        for reminder in result.reminders:
            if reminder in result.screening.notes:
                continue  # the verdict box says those (test_web_checked)
            assert page.count(str(prose(reminder))) == 1, reminder
        assert len(result.essentials) <= 5
        more = page.index('<details class="more"')
        for essential in result.essentials:
            assert page.index(str(prose(essential))) < more, essential
        for rest in result.more():
            assert page.index(str(prose(rest))) > more, rest


def test_each_step_has_a_picture_that_loads(client: TestClient) -> None:
    page = _plan_page(client, **SLEEP)
    pictures = re.findall(r'<img class="step-picture" src="([^"]+)" alt="([^"]+)"', page)
    assert len(pictures) == page.count('<li class="step ')
    assert any(src == "/api/v1/spot/LR3.svg" for src, _ in pictures)  # a point: where it is
    for src, alt in set(pictures):
        response = client.get(src)
        assert response.status_code == 200, src
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert alt.startswith(("Where ", "How: ")), alt


def test_every_place_on_the_map_has_a_small_spot_picture(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for target in spotted(kb):
        response = client.get(f"/api/v1/spot/{target}.svg")
        assert response.status_code == 200, target
        assert len(response.content) < 6_000, (target, len(response.content))
        assert f"Where: {escape(kb.title(target))}" in response.text
    # A place of one foot only is drawn on that foot.
    liver = client.get("/api/v1/spot/zone_western_liver.svg").text
    assert "(sole of the right foot)" in liver
    assert "scale(-1 1)" in liver


def test_the_plan_stays_editable_beside_the_result(client: TestClient) -> None:
    page = _plan_page(client, **{**SLEEP, "minutes": 20, "painful_zones": "heel"})
    form = page[page.index('<details class="change') :]
    assert "<summary>Change this plan</summary>" in form
    assert re.search(r'name="goals" value="sleep"\s+checked', form)
    assert re.search(r'name="minutes" value="20"\s+checked', form)
    assert re.search(r'name="painful_zones" value="heel"\s+checked', form)
    assert 'name="answered" value="1"' in form  # the safety answers ride along
    typed = _plan_page(client, **{**SLEEP, "minutes": 45})
    form = typed[typed.index('<details class="change') :]
    assert 'value="45"' in form
    assert not re.search(r'name="minutes" value="\d+"\s+checked', form)


def test_the_plan_form_offers_minute_presets_and_the_home_routines(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = _plan_page(client)
    presets = re.findall(r'type="radio" name="minutes" value="(\d+)"', page)
    assert presets == ["5", "10", "15", "20", "30"]
    assert re.search(r'name="minutes" value="15"\s+checked', page)  # the default
    offered = re.findall(r'<option value="(routine_[a-z0-9_]+)"', page)
    home = [r.id for r in kb.all(Routine) if {"self", "partner"} & set(r.performers)]
    assert offered == home
    assert "routine_salon" not in offered
    routine = _plan_page(client, routine="routine_self", minutes=10, answered=1)
    assert "Evening self-massage of the feet" in routine
    assert re.search(r'<option value="routine_self"\s+selected', routine)
