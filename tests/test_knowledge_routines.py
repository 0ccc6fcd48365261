"""The article's manipulations and routines, as held in techniques.yaml and routines.yaml.

Durations are checked against what the article states (the acupressure technique's "about 30
minutes", the mat's 10-15 minutes, the execution algorithm's per-step minutes) and against what
each routine's own summary promises, so a later edit of a step cannot silently drift.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import CoverageItem, Point, Routine, RoutineStep, Technique, Text

DESIGN_TECHNIQUES = [
    "stroking",
    "rubbing",
    "kneading",
    "vibration",
    "pressing",
    "rotation",
    "stretching",
    "patting",
    "pinching",
]
AGREED_TECHNIQUES = [
    "circular_rubbing",
    "toe_pulling",
    "sliding",
    "flexion",
    "shaking",
    "mat_walking",
    "device_rolling",
]
WARM_UP = {"stroking", "rubbing", "kneading"}
ABOVE_LOWER_LEG = re.compile(r"thigh|buttock|lower back|whole back")
ACUPRESSURE_POINTS = [
    "zone_article_liver",
    "zone_article_respiratory",
    "GB43",
    "zone_article_stomach",
    "KI1",
    "LR3",
    "zone_article_spine",
    "zone_article_sense_organs",
    "zone_article_ovaries",
]


def routine(kb: KnowledgeBase, routine_id: str) -> Routine:
    return kb.get(Routine, routine_id)


def minutes(seconds: int) -> int:
    """Whole minutes, halves rounded up (Python's round() would send 6.5 to 6)."""
    return (seconds + 30) // 60


@pytest.mark.parametrize("technique_id", DESIGN_TECHNIQUES + AGREED_TECHNIQUES)
def test_it_holds_every_agreed_technique(kb: KnowledgeBase, technique_id: str) -> None:
    assert kb.get(Technique, technique_id).id == technique_id


def test_it_says_how_every_technique_is_done(kb: KnowledgeBase) -> None:
    for technique in kb.all(Technique):
        assert technique.hand_parts, technique.id
        assert technique.repetitions is not None, technique.id
        assert len(technique.how.en) > 60, technique.id
        # The foot map draws one animation per technique, named after it.
        assert technique.demo == technique.id


@pytest.mark.parametrize(
    ("technique_id", "direction", "hand_part"),
    [
        ("stroking", "toward_ankle", "palm"),
        ("pressing", "clockwise", "thumb"),
        ("circular_rubbing", "clockwise", "knuckles"),
        ("rubbing", "none", "palm_edge"),
        ("stretching", "none", "palm_heel"),
        ("mat_walking", "none", "foot"),
        ("device_rolling", "none", "device"),
    ],
)
def test_it_gives_each_technique_the_articles_direction_and_hand(
    kb: KnowledgeBase, technique_id: str, direction: str, hand_part: str
) -> None:
    technique = kb.get(Technique, technique_id)
    assert technique.direction == direction
    assert hand_part in technique.hand_parts


def test_it_turns_painful_points_counterclockwise(kb: KnowledgeBase) -> None:
    how = kb.get(Technique, "pressing").how.en.lower()
    assert "clockwise by default" in how
    assert "counterclockwise" in how


def test_it_rotates_the_foot_five_times_each_way(kb: KnowledgeBase) -> None:
    rotation = kb.get(Technique, "rotation")
    assert rotation.repetitions is not None
    assert "5 times" in rotation.repetitions.en
    step = routine(kb, "routine_self").steps[4]
    assert (step.technique, step.repetitions) == ("rotation", 5)


@pytest.mark.parametrize(
    ("routine_id", "steps"),
    [
        ("routine_self", 8),
        ("routine_algorithm", 6),
        # The article's warm-up (stroke, knead, pat) and then its thirteen numbered steps.
        ("routine_acupressure", 3 + 13),
        ("routine_mat", 2),
        ("routine_flat_feet_1", 8),
        ("routine_flat_feet_2", 5),
        ("routine_hallux_valgus", 9),
        ("routine_arthrosis", 6),
        ("routine_partner", 6),
        ("routine_salon", 10),
    ],
)
def test_it_holds_every_routine_of_the_article(
    kb: KnowledgeBase, routine_id: str, steps: int
) -> None:
    assert len(routine(kb, routine_id).steps) == steps


def test_it_takes_about_thirty_minutes_for_the_acupressure_technique(kb: KnowledgeBase) -> None:
    acupressure = routine(kb, "routine_acupressure")
    low, high = acupressure.total_seconds()
    assert low <= 30 * 60 <= high
    # "About": the range stays within a fifth of the stated half hour on either side.
    assert low >= 24 * 60
    assert high <= 36 * 60
    assert acupressure.stated_minutes is not None
    assert "30 minutes" in acupressure.stated_minutes.en


def test_it_takes_ten_to_fifteen_minutes_on_the_mat(kb: KnowledgeBase) -> None:
    assert routine(kb, "routine_mat").total_seconds() == (10 * 60, 15 * 60)


def test_it_keeps_the_minutes_of_the_execution_algorithm(kb: KnowledgeBase) -> None:
    steps = routine(kb, "routine_algorithm").steps
    # Step 1: "up to three minutes" -- a sensible minimum, the stated maximum.
    assert steps[0].seconds_max == 3 * 60
    assert 0 < steps[0].seconds_min < steps[0].seconds_max
    assert "three minutes" in steps[0].text.en
    # Step 2: "within 2 to 5 minutes".
    assert (steps[1].seconds_min, steps[1].seconds_max) == (2 * 60, 5 * 60)


def test_it_states_in_each_summary_the_total_the_steps_add_up_to(kb: KnowledgeBase) -> None:
    checked = 0
    for item in kb.all(Routine):
        stated = re.search(r"about (\d+)-(\d+) minutes", item.summary.en, re.IGNORECASE)
        if stated is None:
            continue
        low, high = item.total_seconds()
        assert (minutes(low), minutes(high)) == (int(stated[1]), int(stated[2])), item.id
        checked += 1
    assert checked >= 7


def test_it_gives_every_step_a_real_minimum(kb: KnowledgeBase) -> None:
    for item in kb.all(Routine):
        for index, step in enumerate(item.steps):
            assert 0 < step.seconds_min <= step.seconds_max, (item.id, index)


def test_it_visits_the_acupressure_points_in_the_articles_order(kb: KnowledgeBase) -> None:
    steps = routine(kb, "routine_acupressure").steps
    point_steps = [step for step in steps if step.technique == "pressing"]
    assert [step.target for step in point_steps] == ACUPRESSURE_POINTS
    # The numbered steps 5-13 come last and in a row, after the warm-up and steps 1-4.
    assert steps[-9:] == point_steps
    for number, step in enumerate(point_steps, start=5):
        assert step.text.en.startswith(f"Step {number}:")


def test_it_agrees_with_the_foot_map_on_which_step_each_point_is(kb: KnowledgeBase) -> None:
    for number, point_id in enumerate(ACUPRESSURE_POINTS, start=5):
        assert kb.get(Point, point_id).article_step == number


def test_it_presses_points_clockwise_by_default(kb: KnowledgeBase) -> None:
    for step in routine(kb, "routine_acupressure").steps:
        if step.technique == "pressing":
            assert step.direction == "clockwise"


def test_it_warms_the_skin_first_with_stroking_kneading_and_patting(kb: KnowledgeBase) -> None:
    steps = routine(kb, "routine_acupressure").steps
    assert [step.technique for step in steps[:3]] == ["stroking", "kneading", "patting"]


@pytest.mark.parametrize(
    "routine_id",
    # Each of these says to warm up first: "first warmed up with rubbing movements" (flat feet
    # 2), "the work begins with warming up the feet" (salon), "rub your feet vigorously" as the
    # algorithm's first step, and the acupressure warm-up.
    ["routine_acupressure", "routine_flat_feet_2", "routine_salon", "routine_algorithm"],
)
def test_it_begins_with_a_warm_up_where_the_article_says_so(
    kb: KnowledgeBase, routine_id: str
) -> None:
    assert routine(kb, routine_id).steps[0].technique in WARM_UP


def test_it_begins_every_hand_massage_with_a_warming_manipulation(kb: KnowledgeBase) -> None:
    for item in kb.all(Routine):
        if item.devices:
            continue
        assert item.steps[0].technique in WARM_UP, item.id


def test_it_keeps_self_massage_light(kb: KnowledgeBase) -> None:
    self_massage = routine(kb, "routine_self")
    assert self_massage.performers == ["self"]
    assert {step.intensity for step in self_massage.steps} == {"light"}
    assert self_massage.per_foot


def test_it_lists_the_mat_for_the_mat_session(kb: KnowledgeBase) -> None:
    for item in kb.all(Routine):
        uses_device = any(s.technique in {"mat_walking", "device_rolling"} for s in item.steps)
        assert uses_device == bool(item.devices), item.id
    assert "massage_mat" in routine(kb, "routine_mat").devices


@pytest.mark.parametrize(
    "routine_id", ["routine_flat_feet_1", "routine_flat_feet_2", "routine_hallux_valgus"]
)
def test_it_targets_nothing_on_the_map_above_the_lower_leg(
    kb: KnowledgeBase, routine_id: str
) -> None:
    steps = routine(kb, routine_id).steps
    above = [step for step in steps if "above the lower leg" in step.text.en]
    assert above
    assert all(step.target is None for step in above)
    # Every step that names the thigh, buttocks or back says so, hence has no map target.
    named = [step for step in steps if ABOVE_LOWER_LEG.search(step.text.en)]
    assert named == above


def test_it_leaves_therapeutic_routines_to_a_therapist(kb: KnowledgeBase) -> None:
    for item in kb.all(Routine):
        if item.style == "therapeutic":
            assert item.performers == ["therapist"], item.id
            assert "seed:therapeutic-consult" in item.sources, item.id


def coverage(kb: KnowledgeBase, section: str) -> list[CoverageItem]:
    return [item for item in kb.all(CoverageItem) if item.section == section]


@pytest.mark.parametrize(
    ("section", "routine_id", "count"),
    [
        ("self-massage scheme (eight steps)", "routine_self", 8),
        ("execution algorithm (six steps)", "routine_algorithm", 6),
        ("acupressure massage technique (thirteen steps)", "routine_acupressure", 13),
    ],
)
def test_it_maps_every_numbered_step_to_its_routine(
    kb: KnowledgeBase, section: str, routine_id: str, count: int
) -> None:
    items = coverage(kb, section)
    assert len(items) == count
    assert all(routine_id in item.held_by for item in items)


def test_it_maps_acupressure_steps_five_to_thirteen_to_their_points(kb: KnowledgeBase) -> None:
    items = coverage(kb, "acupressure massage technique (thirteen steps)")
    for item, point_id in zip(items[4:], ACUPRESSURE_POINTS, strict=True):
        assert point_id in item.held_by


def test_it_maps_the_two_flat_feet_methods(kb: KnowledgeBase) -> None:
    held = [item.held_by for item in coverage(kb, "flat feet methods")]
    assert held == [["routine_flat_feet_1"], ["routine_flat_feet_2"]]


steps_strategy = st.lists(
    st.tuples(st.integers(0, 600), st.integers(0, 600)).map(
        lambda pair: RoutineStep(
            technique="stroking",
            text=Text(en="step", ru="шаг"),
            seconds_min=min(pair),
            seconds_max=max(pair),
        )
    ),
    min_size=1,
    max_size=20,
)


@given(steps=steps_strategy, per_foot=st.booleans())
def test_it_computes_the_total_from_the_steps_for_one_or_both_feet(
    steps: list[RoutineStep], per_foot: bool
) -> None:
    built = Routine(
        id="r",
        title=Text(en="r", ru="р"),
        summary=Text(en="r", ru="р"),
        style="classical",
        performers=["self"],
        per_foot=per_foot,
        steps=steps,
        sources=["seed:self-massage-steps"],
    )
    low, high = built.total_seconds()
    feet = 2 if per_foot else 1
    assert low == feet * sum(step.seconds_min for step in steps)
    assert high == feet * sum(step.seconds_max for step in steps)
    assert 0 <= low <= high
