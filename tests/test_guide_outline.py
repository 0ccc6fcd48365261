"""The plan as a person reads it: each foot's block once with "repeat on the other foot"."""

from __future__ import annotations

import msgspec
import pytest

from plantar.guide.outline import Part, outline, unsaid_aftercare
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Goal, Routine
from plantar.planner import Plan, PlanRequest, Step, plan

KB = load()
GOALS = [g.id for g in KB.all(Goal)]
ROUTINES = [r.id for r in KB.all(Routine)]


def _plans() -> list[Plan]:
    found = [
        plan(PlanRequest(goals=(g,), minutes=m, answered=True), KB)
        for g in GOALS
        for m in (5, 15, 40)
    ]
    found += [
        plan(PlanRequest(routine=r, answered=True, equipment=("massage_mat",)), KB)
        for r in ROUTINES
    ]
    return found


PLANS = _plans()


def _unfold(parts: list[Part]) -> list[tuple[str, str, str | None, int, str]]:
    """Every step the outline stands for, in order, as (foot, technique, target, seconds,
    instruction): a repeated part twice, the second time on its second foot."""
    done = []
    for part in parts:
        for foot in part.feet[:2] if part.repeated else [None]:
            for s in part.steps:
                done.append((foot or s.foot, s.technique, s.target, s.seconds, s.instruction))
    return done


@pytest.mark.parametrize("result", PLANS, ids=lambda p: p.title)
def test_the_outline_stands_for_every_step_and_every_second(result: Plan) -> None:
    parts = outline(result)
    steps = [(s.foot, s.technique, s.target, s.seconds, s.instruction) for s in result.steps]
    assert _unfold(parts) == steps
    assert sum(p.seconds for p in parts) == result.total_seconds


def test_a_free_plan_writes_each_foot_once_and_says_to_repeat() -> None:
    result = plan(PlanRequest(goals=("sleep",), minutes=15, answered=True), KB)
    parts = outline(result)
    assert [p.heading for p in parts] == ["", "Left foot, then the right foot", ""]
    feet = parts[1]
    assert feet.repeated
    assert feet.repeat == "Repeat these steps on the right foot."
    assert {s.foot for s in feet.steps} == {"left"}
    assert len(feet.steps) * 2 + 2 == len(result.steps)


def _step(foot: str, seconds: int, order: int) -> Step:
    return Step(
        order=order,
        phase="main",
        foot=foot,  # type: ignore[arg-type]
        technique="rubbing",
        target=None,
        seconds=seconds,
        intensity="light",
        direction="none",
        instruction="Rub.",
        title="Rub",
        why="",
    )


def test_feet_whose_steps_differ_stay_apart() -> None:
    base = plan(PlanRequest(goals=("sleep",), minutes=15, answered=True), KB)
    # The right foot's step is longer: written out for each foot, nothing folded.
    result = msgspec.structs.replace(base, steps=[_step("left", 30, 1), _step("right", 40, 2)])
    parts = outline(result)
    assert [(p.feet, p.repeated) for p in parts] == [(("left",), False), (("right",), False)]
    assert [p.heading for p in parts] == ["Left foot", "Right foot"]
    same = msgspec.structs.replace(base, steps=[_step("left", 30, 1), _step("right", 30, 2)])
    assert [p.feet for p in outline(same)] == [("left", "right")]


def test_the_rest_step_says_the_aftercare_so_it_is_not_listed_again() -> None:
    result = plan(PlanRequest(goals=("sleep",), minutes=15, answered=True), KB)
    assert result.aftercare
    assert unsaid_aftercare(result) == []
    without_rest = msgspec.structs.replace(result, steps=result.steps[:-1])
    assert unsaid_aftercare(without_rest) == result.aftercare


def test_essentials_are_few_and_every_reminder_is_shown_once(kb: KnowledgeBase) -> None:
    for result in PLANS:
        assert 1 <= len(result.essentials) <= 5, result.title
        shown = [
            *result.screening.notes,
            *result.warnings,
            *result.about,
            *result.essentials,
            *result.more(),
        ]
        assert set(result.reminders) <= set(shown), result.title
        assert len(result.more()) == len(set(result.more()))
