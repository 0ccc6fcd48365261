"""Bad input to the planner: every unknown or out-of-range value is named with the valid ones."""

from __future__ import annotations

from typing import Any

import pytest

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan

GOOD: dict[str, Any] = {"goals": ("sleep",), "minutes": 15}


@pytest.mark.parametrize(
    ("change", "field", "named", "listed"),
    [
        ({"goals": ("sleeep",)}, "goals", "sleeep", "sleep"),
        ({"goals": ()}, "goals", "None", "relaxation"),
        ({"minutes": 0}, "minutes", "0", "from 1 to 180"),
        ({"minutes": -5}, "minutes", "-5", "from 1 to 180"),
        ({"minutes": 181}, "minutes", "181", "from 1 to 180"),
        ({"minutes": None}, "minutes", "None", "from 1 to 180"),
        ({"style": "swedish"}, "style", "swedish", "reflexology"),
        ({"performer": "robot"}, "performer", "robot", "therapist"),
        ({"time_of_day": "noon"}, "time_of_day", "noon", "evening"),
        ({"painful_zones": ("elbow",)}, "painful_zones", "elbow", "heel"),
        ({"equipment": ("rowing_machine",)}, "equipment", "rowing_machine", "massage_mat"),
        ({"routine": "routine_nope"}, "routine", "routine_nope", "routine_self"),
        ({"conditions": ("flu_like",)}, "conditions", "flu_like", "fever"),
        ({"age": -1}, "age", "-1", "0 to 120"),
    ],
)
def test_it_rejects_a_bad_value_naming_it_and_the_valid_ones(
    kb: KnowledgeBase, change: dict[str, Any], field: str, named: str, listed: str
) -> None:
    with pytest.raises(BadInput) as caught:
        plan(PlanRequest(**{**GOOD, **change}), kb)
    assert caught.value.field == field
    assert named in caught.value.message
    assert listed in caught.value.message


@pytest.mark.parametrize("minutes", [1, 2, 15, 180])
def test_it_accepts_every_whole_minute_from_1_to_180(kb: KnowledgeBase, minutes: int) -> None:
    result = plan(PlanRequest(goals=("relaxation",), minutes=minutes), kb)
    assert result.steps
    assert 0.9 * minutes * 60 <= result.total_seconds <= minutes * 60


def test_a_routine_needs_neither_goals_nor_minutes(kb: KnowledgeBase) -> None:
    result = plan(PlanRequest(routine="routine_self"), kb)
    assert result.routine == "routine_self"
    assert result.steps
    assert result.total_seconds == sum(step.seconds for step in result.steps)


def test_a_painful_zone_may_be_a_fine_zone_as_well_as_a_region(kb: KnowledgeBase) -> None:
    zone = kb.ids("zones")[0]
    result = plan(PlanRequest(goals=("sleep",), minutes=10, painful_zones=(zone,)), kb)
    assert result.steps
