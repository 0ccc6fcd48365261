"""One "map of a plan" request: ``plantar map`` and ``/api/v1/map.svg`` decode into
``footmap.MapAsk`` and draw by one rule, so the same question gets the same map and the same
refusal on both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from plantar.footmap import MapAsk, PlanOnly, map_of
from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest
from plantar.web.app import create_app
from plantar.web.forms import Form

Run = Callable[..., Result]
ASKED = [
    # (CLI flags, query pairs)
    (["--plan", "--goal", "sleep", "--minutes", "20", "--view", "sole"],
     [("plan", "1"), ("goals", "sleep"), ("minutes", "20"), ("view", "sole")]),
    (["--routine", "routine_acupressure", "--foot", "left", "--view", "sole,top"],
     [("routine", "routine_acupressure"), ("foot", "left"), ("view", "sole,top")]),
    (["--goal", "sleep", "--highlight", "liver", "--pain", "heel=6", "--no-points"],
     [("goal", "sleep"), ("highlight", "liver"), ("pain", "heel=6"), ("points", "0")]),
]  # fmt: skip


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize(("flags", "query"), ASKED)
def test_the_cli_and_the_web_draw_the_same_map_for_the_same_question(
    run: Run, client: TestClient, tmp_path: Path, flags: list[str], query: list[tuple[str, str]]
) -> None:
    target = tmp_path / "map.svg"
    result = run("map", *flags, "-o", str(target))
    assert result.exit_code == 0, result.output
    response = client.get("/api/v1/map.svg?" + urlencode(query))
    assert response.status_code == 200, response.text
    assert response.text == target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flag", "name", "value"),
    [
        ("--minutes", "minutes", "20"),
        ("--condition", "conditions", "fever"),
        ("--time-of-day", "time_of_day", "evening"),
        ("--performer", "performer", "partner"),
    ],
)
def test_a_plan_field_without_the_plan_is_refused_on_both(
    run: Run, client: TestClient, tmp_path: Path, flag: str, name: str, value: str
) -> None:
    result = run("map", flag, value, "-o", str(tmp_path / "map.svg"))
    assert result.exit_code == 2
    assert flag in result.output
    assert "--plan" in result.output
    response = client.get(f"/api/v1/map.svg?{name}={value}")
    assert response.status_code == 422
    assert response.json()["field"] == name
    assert "plan=1" in response.json()["detail"]


def test_the_rule_lives_in_footmap(kb: KnowledgeBase) -> None:
    with pytest.raises(PlanOnly) as caught:
        map_of(kb, MapAsk(shape=PlanRequest(goals=("sleep",), minutes=20)))
    assert (caught.value.field, caught.value.value) == ("minutes", 20)
    drawn = map_of(kb, MapAsk(plan=True, shape=PlanRequest(goals=("sleep",), minutes=20)))
    assert drawn.advised
    assert drawn.request.plan  # the plan's steps are numbered
    assert drawn.request.goals == ()  # ...instead of the goals being highlighted
    web = map_of(kb, Form({"plan": ["1"], "goals": ["sleep"], "minutes": ["20"]}).map_ask())
    assert web.request == drawn.request


def test_a_plan_that_is_not_advised_says_so_on_the_map_page(client: TestClient) -> None:
    page = client.get("/map?plan=1&goals=sleep&minutes=20&conditions=fever")
    assert page.status_code == 200
    assert "No massage now (postpone)" in page.text
