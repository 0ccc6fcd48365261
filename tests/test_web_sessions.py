"""POST /api/v1/screen and /api/v1/plan: the CLI's shapes and data, 422 with its messages;
and the safety, plan and player pages built on the same functions."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from plantar.web.app import create_app

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


@pytest.mark.parametrize("body", SCREEN_BODIES)
def test_screen_returns_the_same_data_as_the_cli(
    client: TestClient, run: Run, body: dict[str, Any]
) -> None:
    api = client.post("/api/v1/screen", json=body)
    cli = run("screen", *cli_args(body), "--json")
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


@pytest.mark.parametrize("body", PLAN_BODIES)
def test_plan_returns_the_same_data_as_the_cli(
    client: TestClient, run: Run, body: dict[str, Any]
) -> None:
    api = client.post("/api/v1/plan", json=body)
    cli = run("plan", *cli_args(body), "--json")
    assert api.status_code == 200, api.text
    assert api.json() == json.loads(cli.output)


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
