"""``plantar plan`` and ``plantar guide`` on the command line: JSON, text, exit statuses."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgspec
import pytest
from click.testing import Result

from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan

Run = Callable[..., Result]


def _json(result: Result) -> dict[str, Any]:
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_plan_json_is_the_design_shape_and_the_same_as_the_library(
    run: Run, kb: KnowledgeBase
) -> None:
    result = run(
        "plan", "--goal", "sleep", "--goal", "stress", "--minutes", "20", "--time-of-day",
        "evening", "--painful-zone", "heel", "--equipment", "massage_mat", "--json",
    )  # fmt: skip
    assert result.exit_code == 0
    data = _json(result)
    assert list(data)[:4] == ["screening", "total_seconds", "steps", "reminders"]
    assert data["total_seconds"] == sum(s["seconds"] for s in data["steps"])
    same = plan(
        PlanRequest(
            goals=("sleep", "stress"),
            minutes=20,
            time_of_day="evening",
            painful_zones=("heel",),
            equipment=("massage_mat",),
        ),
        kb,
    )
    assert data == json.loads(msgspec.json.encode(same))


def test_plan_text_reads_as_a_session_a_person_can_follow(run: Run) -> None:
    result = run("plan", "--goal", "sleep", "--minutes", "15")
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("Before you start", "Get ready", "Left foot", "Right foot", "Rest"):
        assert heading in out
    assert out.index("Left foot") < out.index("Right foot") < out.index("Rest")
    assert "The same steps as on the left foot" in out
    assert "Why:" in out
    assert "plantar guide" in out
    assert "not medical advice" in out


@pytest.mark.parametrize(
    "args",
    [
        ("--condition", "fever"),
        ("--minutes-since-meal", "15"),
        ("--condition", "thrombosis"),
        ("--condition", "pregnancy", "--style", "thai"),
    ],
)
def test_plan_exits_3_with_no_steps_when_massage_is_not_advised(
    run: Run, args: tuple[str, ...]
) -> None:
    result = run("plan", "--goal", "sleep", "--minutes", "15", *args, "--json")
    assert result.exit_code == 3
    data = _json(result)
    assert data["steps"] == []
    assert data["screening"]["verdict"] in ("postpone", "avoid")
    assert data["reminders"]
    text = run("plan", "--goal", "sleep", "--minutes", "15", *args)
    assert text.exit_code == 3
    assert "Left foot" not in text.stdout


@pytest.mark.parametrize(
    ("args", "named", "listed"),
    [
        (("--goal", "slep", "--minutes", "15"), "'slep'", "sleep"),
        (("--goal", "sleep", "--minutes", "0"), "0", "from 1 to 180"),
        (("--goal", "sleep", "--minutes", "181"), "181", "from 1 to 180"),
        (("--goal", "sleep"), "minutes", "from 1 to 180"),
        (("--minutes", "15"), "goal", "relaxation"),
        (("--goal", "sleep", "--minutes", "15", "--style", "swedish"), "'swedish'", "thai"),
        (("--goal", "sleep", "--minutes", "15", "--performer", "cat"), "'cat'", "partner"),
        (("--goal", "sleep", "--minutes", "15", "--painful-zone", "knee"), "'knee'", "heel"),
        (("--goal", "sleep", "--minutes", "15", "--equipment", "sauna"), "'sauna'", "massage_mat"),
        (("--routine", "routine_zzz"), "'routine_zzz'", "routine_self"),
        (("--goal", "sleep", "--minutes", "15", "--condition", "flu"), "'flu'", "fever"),
        (("--goal", "sleep", "--minutes", "15", "--time-of-day", "noon"), "'noon'", "evening"),
    ],
)
@pytest.mark.parametrize("command", ["plan", "guide"])
def test_bad_input_exits_2_naming_the_value_and_the_valid_ones(
    run: Run, command: str, args: tuple[str, ...], named: str, listed: str
) -> None:
    result = run(command, *args)
    assert result.exit_code == 2
    assert named in result.stderr
    assert listed in result.stderr
    assert "Traceback" not in result.stderr


def test_a_routine_plan_names_its_routine(run: Run) -> None:
    result = run("plan", "--routine", "routine_self", "--minutes", "12", "--json")
    assert result.exit_code == 0
    data = _json(result)
    assert data["routine"] == "routine_self"
    assert 0.9 * 720 <= data["total_seconds"] <= 720


def test_guide_without_a_terminal_prints_each_step_as_it_begins(run: Run) -> None:
    result = run("guide", "--goal", "relaxation", "--minutes", "2", "--speed", "600", "--quiet")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("Get ready") < out.index("Start with the left foot")
    assert out.index("Start with the left foot") < out.index("switch to the right foot")
    assert "Session complete" in out
    assert "Afterwards:" in out


def test_guide_exits_3_and_says_why_when_massage_is_not_advised(run: Run) -> None:
    result = run("guide", "--goal", "sleep", "--minutes", "15", "--condition", "fever")
    assert result.exit_code == 3
    assert "Fever" in result.stdout or "temperature" in result.stdout.lower()


@pytest.mark.parametrize("speed", ["0", "-2"])
def test_guide_rejects_a_speed_that_is_not_positive(run: Run, speed: str) -> None:
    result = run("guide", "--goal", "sleep", "--minutes", "5", "--speed", speed)
    assert result.exit_code == 2
    assert "speed" in result.stderr
