"""The article's rules in concrete plans: each case a person would recognise."""

from __future__ import annotations

import msgspec
import pytest

from plantar.guide.timeline import segments
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Exercise, Routine
from plantar.planner import Plan, PlanRequest, plan
from plantar.planner.catalogue import catalogue


def _plan(kb: KnowledgeBase, **fields: object) -> Plan:
    base: dict[str, object] = {"goals": ("sleep",), "minutes": 15}
    return plan(PlanRequest(**{**base, **fields}), kb)  # type: ignore[arg-type]


def _exercises(result: Plan) -> set[str]:
    return {s.exercise for s in result.steps if s.exercise}


def test_it_keeps_the_design_json_shape(kb: KnowledgeBase) -> None:
    data = msgspec.to_builtins(_plan(kb))
    assert list(data)[:4] == ["screening", "total_seconds", "steps", "reminders"]
    assert {"verdict", "see_doctor", "findings", "avoid_zones", "allowed_styles", "notes"} <= set(
        data["screening"]
    )
    for step in data["steps"]:
        assert list(step)[:9] == [
            "order", "phase", "foot", "technique", "target", "seconds", "intensity",
            "direction", "instruction",
        ]  # fmt: skip
        assert step["phase"] in ("prepare", "warm_up", "main", "points", "finish")
        assert step["foot"] in ("left", "right", "both", "none")
        assert step["target"] is None or kb.find(step["target"]) is not None
        assert kb.find(step["technique"]) is not None


def test_preparation_reminders_come_from_the_articles_rules(kb: KnowledgeBase) -> None:
    reminders = " ".join(_plan(kb).reminders).lower()
    for words in ("hour", "warm water", "washed", "cushion", "warm the hands"):
        assert words in reminders
    prepare = _plan(kb).steps[0]
    assert prepare.phase == "prepare"
    assert prepare.foot == "none"
    assert "oil" in prepare.instruction
    assert "towel or blanket" in prepare.instruction
    assert "an hour since the last meal" in prepare.instruction
    assert "warm water" in prepare.instruction


def test_a_mat_routine_gets_ready_by_the_mat_not_with_oil(kb: KnowledgeBase) -> None:
    prepare = plan(PlanRequest(routine="routine_mat", minutes=12), kb).steps[0]
    assert "massage mat" in prepare.instruction
    assert "oil" not in prepare.instruction


def test_a_session_ends_with_rest_and_the_articles_aftercare(kb: KnowledgeBase) -> None:
    result = _plan(kb)
    rest = result.steps[-1]
    assert rest.title == "Rest"
    assert "lie down quietly" in rest.instruction
    assert result.aftercare
    assert result.aftercare[0] in rest.instruction


def test_every_instruction_says_how_many_times_and_how_hard(kb: KnowledgeBase) -> None:
    for step in _plan(kb, minutes=40, performer="partner").steps:
        if step.exercise is None:
            continue
        assert step.times is not None
        assert f"about {step.times} " in step.instruction
        assert "pressure" in step.instruction.lower()
        assert "{" not in step.instruction


def test_points_are_pressed_clockwise_but_a_sore_place_counterclockwise(
    kb: KnowledgeBase,
) -> None:
    calm = _plan(kb, style="acupressure", minutes=30)
    points = [s for s in calm.steps if s.phase == "points"]
    assert points
    assert all(s.direction == "clockwise" for s in points)
    assert all("clockwise" in s.instruction for s in points)
    sore = _plan(kb, style="acupressure", minutes=30, painful_zones=("top",))
    on_top = [s for s in sore.steps if s.target == "LR3"]
    assert on_top
    assert all(s.direction == "counterclockwise" for s in on_top)
    assert all("counterclockwise" in s.instruction for s in on_top)
    assert any("sore" in r for r in sore.reminders)


def test_a_sore_place_gets_gentle_work_of_its_own(kb: KnowledgeBase) -> None:
    result = _plan(kb, painful_zones=("heel",))
    heel = [s for s in result.steps if s.target == "heel"]
    assert heel, "the sore heel is worked gently"
    assert all(s.direction == "counterclockwise" and s.intensity == "light" for s in heel)


def test_a_sore_ankle_is_not_rotated(kb: KnowledgeBase) -> None:
    result = _plan(kb, goals=("arthrosis",), minutes=30, painful_zones=("ankle",))
    assert "ex_foot_rotation" not in _exercises(result)
    assert "ex_foot_rotation" in _exercises(_plan(kb, goals=("arthrosis",), minutes=30))


def test_pregnancy_means_light_pressure_and_no_point_work(kb: KnowledgeBase) -> None:
    result = _plan(kb, conditions=("pregnancy",), performer="therapist", minutes=30)
    assert result.screening.verdict == "adapt"
    assert result.steps
    assert all(s.intensity == "light" for s in result.steps)
    assert not any(s.phase == "points" for s in result.steps)


def test_pregnancy_keeps_off_the_points_its_sources_name_and_says_so_aloud(
    kb: KnowledgeBase,
) -> None:
    """A step over the ankle stays, light, and says "Do not press KI3 and BL60" in its words
    and in its spoken cue; the points themselves are never a step."""
    result = _plan(kb, goals=("arthrosis", "sleep"), conditions=("pregnancy",), minutes=30)
    cued = {seg.step.order: seg.cue() for seg in segments(result)}
    ankle = [s for s in result.steps if s.target == "ankle"]
    assert ankle  # the place around the points is still massaged
    for step in ankle:
        assert "Do not press KI3 and BL60: pass lightly over them." in step.instruction
        assert cued[step.order].endswith("Do not press KI3 and BL60.")
    whole = [s for s in result.steps if s.target is None and s.foot != "none"]
    assert whole
    for step in whole:
        assert "KI3, LR1, SP1, SP6, BL60, BL67 and stomach point (step 8)" in step.caution
    kept = {"SP6", "BL60", "BL67", "SP1", "LR1", "KI3", "zone_article_stomach"}
    assert kept <= set(result.screening.avoid_zones)
    assert not {s.target for s in result.steps} & kept
    # Without the condition nothing is said of them.
    assert not any("Do not press" in s.instruction for s in _plan(kb, minutes=30).steps)


def test_self_massage_is_light_and_a_therapist_may_press_firmly(kb: KnowledgeBase) -> None:
    own = _plan(kb, goals=("hallux_valgus",), minutes=40, performer="self")
    assert {s.intensity for s in own.steps} == {"light"}
    pro = _plan(kb, goals=("hallux_valgus",), minutes=40, performer="therapist")
    assert "firm" in {s.intensity for s in pro.steps}


def test_evening_sessions_calm_and_morning_ones_may_stimulate(kb: KnowledgeBase) -> None:
    def effects(result: Plan) -> set[str]:
        return {kb.get(Exercise, e).effect for e in _exercises(result)}

    evening = _plan(kb, goals=("energy",), minutes=30, time_of_day="evening")
    morning = _plan(kb, goals=("energy",), minutes=30, time_of_day="morning")
    assert "stimulating" not in effects(evening)
    assert "stimulating" in effects(morning)
    assert any("evening" in r.lower() for r in evening.reminders)


def test_a_lesion_is_kept_off_and_the_whole_foot_steps_go_around_it(kb: KnowledgeBase) -> None:
    result = _plan(kb, minutes=30, lesion_zones=("arch",))
    cat = catalogue(kb)
    assert result.screening.verdict == "adapt"
    for step in result.steps:
        assert step.target is None or cat.region_of[step.target] != "arch"
    whole = [s for s in result.steps if s.target is None and s.exercise]
    assert whole
    assert all("Do not touch the arch" in s.instruction for s in whole)


def test_a_style_narrows_the_blocks_to_that_style(kb: KnowledgeBase) -> None:
    result = _plan(kb, style="classical", minutes=30)
    for exercise in _exercises(result):
        styles = kb.get(Exercise, exercise).styles
        assert not styles or "classical" in styles
    assert not any(s.phase == "points" for s in result.steps)


def test_the_mat_is_used_when_the_person_has_one(kb: KnowledgeBase) -> None:
    result = _plan(kb, goals=("fatigue",), minutes=30, equipment=("massage_mat",))
    mat = [s for s in result.steps if s.exercise == "ex_mat_walking"]
    assert len(mat) == 1
    assert mat[0].foot == "both"
    assert result.steps.index(mat[0]) == 1  # right after getting ready, before the feet
    assert "ex_mat_walking" not in _exercises(_plan(kb, goals=("fatigue",), minutes=30))


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"conditions": ("fever",)}, "postpone"),
        ({"minutes_since_meal": 20}, "postpone"),
        ({"conditions": ("thrombosis",)}, "avoid"),
        ({"conditions": ("pregnancy",), "style": "acupressure"}, "avoid"),
    ],
)
def test_when_massage_is_not_advised_there_are_no_steps_and_it_says_why(
    kb: KnowledgeBase, fields: dict[str, object], verdict: str
) -> None:
    result = _plan(kb, **fields)
    assert result.screening.verdict == verdict
    assert result.steps == []
    assert result.total_seconds == 0
    assert not result.advised
    assert len(result.reminders) >= 2


def test_why_names_the_goal_and_is_honest_about_points(kb: KnowledgeBase) -> None:
    result = _plan(kb, style="acupressure", minutes=20)
    main = [s for s in result.steps if s.phase == "main"]
    assert main
    assert all("sleep" in s.why.lower() for s in main if s.goals)
    for step in result.steps:
        if step.phase == "points" and step.goals:
            assert "traditional" in step.why.lower()
            assert "No trial shows" in step.why


@pytest.mark.parametrize("routine_id", ["routine_self", "routine_acupressure", "routine_algorithm"])
def test_a_routine_runs_as_it_is_and_scales_to_the_minutes(
    kb: KnowledgeBase, routine_id: str
) -> None:
    routine = kb.get(Routine, routine_id)
    natural = plan(PlanRequest(routine=routine_id), kb)
    body = [s for s in natural.steps if s.phase != "prepare" and s.foot != "none"]
    feet = 2 if routine.per_foot else 1
    assert len(body) == len(routine.steps) * feet
    assert [s.technique for s in body[: len(routine.steps)]] == [s.technique for s in routine.steps]
    for minutes in (5, 30, 90):
        scaled = plan(PlanRequest(routine=routine_id, minutes=minutes), kb)
        assert 0.9 * minutes * 60 <= scaled.total_seconds <= minutes * 60
        assert scaled.routine == routine_id


def test_a_routine_is_still_screened_in_its_own_style(kb: KnowledgeBase) -> None:
    assert plan(PlanRequest(routine="routine_self", conditions=("fever",)), kb).steps == []
    # Pregnancy rules out acupressure: the acupressure routine is not advised at all...
    points = plan(PlanRequest(routine="routine_acupressure", conditions=("pregnancy",)), kb)
    assert points.screening.verdict == "avoid"
    assert points.steps == []
    # ...while the relaxing self-massage is, lightly, and without the sore place's pulling.
    adapted = plan(
        PlanRequest(routine="routine_self", conditions=("pregnancy",), painful_zones=("toes",)),
        kb,
    )
    assert adapted.screening.verdict == "adapt"
    assert adapted.steps
    assert all(s.intensity == "light" for s in adapted.steps)
    assert not any(s.target == "toes" for s in adapted.steps)  # pulling and sliding are not circles
    assert any("left out" in r for r in adapted.reminders)


def test_a_routine_leaves_out_point_work_when_the_screening_forbids_it(kb: KnowledgeBase) -> None:
    result = plan(
        PlanRequest(routine="routine_acupressure", style="relaxing", conditions=("diabetes",)), kb
    )
    cat = catalogue(kb)
    assert result.screening.no_point_work
    assert result.steps
    assert not any(s.target in cat.points for s in result.steps)


@pytest.mark.parametrize("routine", ["routine_self", "routine_acupressure", "routine_algorithm"])
def test_a_routine_keeps_off_a_region_that_holds_a_lesion(kb: KnowledgeBase, routine: str) -> None:
    # A lesion in one zone of the arch: a routine's step "on the arch" would touch it.
    zone = next(z.id for z in kb.records("zones") if z.region == "arch")  # type: ignore[attr-defined]
    result = plan(PlanRequest(routine=routine, lesion_zones=(zone,)), kb)
    assert all(step.target != "arch" for step in result.steps)
    assert all(step.target != zone for step in result.steps)


def test_why_never_shows_only_the_best_evidence_of_a_goal(kb: KnowledgeBase) -> None:
    # Arthritis: the general pain claim has small trials, the arthritis claim only tradition.
    result = _plan(kb, goals=("arthritis",), minutes=10)
    serving = [s.why for s in result.steps if "Serves your goals" in s.why]
    assert serving
    assert all("a traditional belief" in why for why in serving)


def test_a_routine_says_that_goals_given_with_it_do_not_change_it(kb: KnowledgeBase) -> None:
    result = plan(PlanRequest(routine="routine_self", goals=("sleep",)), kb)
    assert any("runs as it stands" in r and "goals" in r for r in result.reminders)
    plain = plan(PlanRequest(routine="routine_self"), kb)
    assert not any("runs as it stands" in r for r in plain.reminders)
