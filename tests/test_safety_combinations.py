"""Combinations, ages and sensitivities, "checked", and a doctor's clearance: each case a user
ran into, screened as the knowledge base means it (issue "Safety you can trust")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition
from plantar.planner import PlanRequest, plan
from plantar.safety import Intake, screen
from plantar.safety.advice import NOT_CHECKED_NOTE, badge

VIGOROUS_STYLES = {"thai", "therapeutic"}


def _screen(kb: KnowledgeBase, **fields: object) -> object:
    return screen(Intake(**fields), kb)  # type: ignore[arg-type]


# --- combinations ----------------------------------------------------------------------------


def test_diabetes_with_damaged_skin_on_the_heel_is_a_diabetic_foot_wound(kb: KnowledgeBase) -> None:
    result = screen(Intake(conditions=("diabetes", "skin_lesion"), lesion_zones=("heel",)), kb)
    assert result.verdict == "avoid"
    assert result.see_doctor
    assert result.urgency == "urgent"
    first = result.findings[0]
    assert first.condition == "diabetic_foot_wound"
    assert first.because == ["diabetes", "skin_lesion"]
    assert first.because_text == "diabetes with damaged skin on the foot"
    # A lesion alone, whose place is known, is still "massage the rest".
    assert screen(Intake(lesion_zones=("heel",)), kb).verdict == "adapt"


def test_a_lesion_zone_alone_implies_damaged_skin_and_with_diabetes_the_wound(
    kb: KnowledgeBase,
) -> None:
    result = screen(Intake(conditions=("diabetes",), lesion_zones=("toes",)), kb)
    assert result.findings[0].condition == "diabetic_foot_wound"


def test_red_hot_skin_with_a_fever_is_a_spreading_infection_and_urgent(kb: KnowledgeBase) -> None:
    result = screen(Intake(conditions=("cellulitis", "fever")), kb)
    assert (result.verdict, result.urgency, result.see_doctor) == ("avoid", "urgent", True)
    assert result.findings[0].condition == "spreading_infection"
    assert result.findings[0].because_text == "red, hot, swollen skin with a fever"
    wound = screen(Intake(conditions=("fever",), lesion_zones=("arch",)), kb)
    assert wound.findings[0].condition == "spreading_infection"


@pytest.mark.parametrize(
    "other", ["bleeding", "calf_swelling_one_side", "unexplained_swelling", "hypertension"]
)
def test_pregnancy_with_a_warning_sign_is_a_complicated_pregnancy(
    kb: KnowledgeBase, other: str
) -> None:
    result = screen(Intake(conditions=("pregnancy", other)), kb)
    assert "pregnancy_complications" in [f.condition for f in result.findings]
    assert result.verdict == "avoid"
    assert result.urgency in ("urgent", "emergency")


def test_diabetes_with_numb_feet_names_the_nerve_damage_and_keeps_heat_away(
    kb: KnowledgeBase,
) -> None:
    result = screen(Intake(conditions=("diabetes", "numbness")), kb)
    assert "diabetic_neuropathy" in [f.condition for f in result.findings]
    assert {"heat", "vigorous", "weight_bearing"} <= set(result.rules_out)
    assert not VIGOROUS_STYLES & set(result.allowed_styles)
    assert result.max_intensity == "light"
    assert result.urgency == "soon"


def test_an_implication_is_listed_with_the_conditions_that_made_it(kb: KnowledgeBase) -> None:
    for condition in kb.records("conditions"):
        assert isinstance(condition, Condition)
        for implication in condition.implied_by:
            result = screen(Intake(conditions=tuple(implication.when)), kb)
            found = {f.condition: f for f in result.findings}
            assert condition.id in found, (condition.id, implication.when)
            # At least as cautious as every part, and it says why in words.
            assert found[condition.id].because_text is not None
            parts = [screen(Intake(conditions=(c,)), kb) for c in implication.when]
            assert all(result.see_doctor >= p.see_doctor for p in parts)


# --- age and sensitivity ---------------------------------------------------------------------


def test_a_baby_does_not_massage_themself(kb: KnowledgeBase) -> None:
    with pytest.raises(BadInput) as caught:
        screen(Intake(age=0, performer="self"), kb)
    assert caught.value.field == "performer"
    assert "partner or therapist" in caught.value.message
    with pytest.raises(BadInput, match="performer"):
        plan(PlanRequest(goals=("relaxation",), minutes=10, age=0), kb)


def test_a_babys_massage_is_short_light_stroking_by_someone_else(kb: KnowledgeBase) -> None:
    result = plan(PlanRequest(goals=("relaxation",), minutes=30, age=0, performer="partner"), kb)
    assert result.screening.max_minutes == 10
    assert result.total_seconds <= 600
    assert any("Shortened to 10 minutes" in w for w in result.warnings)
    assert {s.intensity for s in result.steps} == {"light"}
    # The screening's own notes say "no incense": what the plan itself advises must not.
    advised = [r for r in result.reminders if r not in result.screening.notes]
    text = " ".join([*(s.instruction for s in result.steps), *advised]).lower()
    for forbidden in ("incense", "candle", "glass of plain warm water", "bend one knee"):
        assert forbidden not in text, forbidden
    # Spoken to the person giving it.
    assert result.steps[0].instruction.startswith("Let the person you massage lie")


def test_a_child_is_never_massaged_firmly_and_not_for_long(kb: KnowledgeBase) -> None:
    result = plan(PlanRequest(goals=("flat_feet",), minutes=40, age=5, performer="therapist"), kb)
    assert result.screening.max_intensity == "medium"
    assert result.screening.max_minutes == 20
    assert result.steps
    assert all(s.intensity != "firm" for s in result.steps)
    assert result.total_seconds <= 20 * 60


def test_an_older_person_gets_no_firm_pressure_and_no_mat(kb: KnowledgeBase) -> None:
    result = plan(
        PlanRequest(
            goals=("fatigue",),
            minutes=20,
            age=80,
            performer="therapist",
            equipment=("massage_mat",),
        ),
        kb,
    )
    assert all(s.intensity != "firm" for s in result.steps)
    assert "weight_bearing" in result.screening.rules_out
    assert not any(s.technique == "mat_walking" for s in result.steps)


@pytest.mark.parametrize("condition", ["numbness", "anticoagulants", "osteoporosis"])
def test_sensitive_conditions_are_light_and_without_vigorous_styles(
    kb: KnowledgeBase, condition: str
) -> None:
    result = screen(Intake(conditions=(condition,)), kb)
    assert result.max_intensity == "light"
    assert not VIGOROUS_STYLES & set(result.allowed_styles)
    assert "vigorous" in result.rules_out
    assert screen(Intake(conditions=(condition,), style="thai"), kb).verdict == "avoid"


def test_a_located_lesion_rules_out_vigorous_styles(kb: KnowledgeBase) -> None:
    result = screen(Intake(lesion_zones=("ball",)), kb)
    assert not VIGOROUS_STYLES & set(result.allowed_styles)
    assert "vigorous" in result.rules_out


def test_every_age_and_sensitivity_rule_cites_its_sources(kb: KnowledgeBase) -> None:
    ids = ["infant", "child", "older_age", "numbness", "anticoagulants", "osteoporosis"]
    for cid in ids:
        condition = kb.get(Condition, cid)
        assert any(s.startswith("web:") or s.startswith("E") for s in condition.sources), cid


# --- checked or not --------------------------------------------------------------------------


def test_an_unanswered_check_is_ok_but_never_shown_as_ok(kb: KnowledgeBase) -> None:
    result = screen(Intake(), kb)
    assert (result.verdict, result.checked) == ("ok", False)
    assert badge(result.verdict, result.checked) == "not_checked"
    assert result.notes[0] == NOT_CHECKED_NOTE
    answered = screen(Intake(answered=True), kb)
    assert answered.checked
    assert badge(answered.verdict, answered.checked) == "ok"
    assert NOT_CHECKED_NOTE not in answered.notes


def test_a_plan_without_the_safety_questions_warns_first(kb: KnowledgeBase) -> None:
    unchecked = plan(PlanRequest(goals=("sleep",), minutes=15), kb)
    assert unchecked.warnings[0] == NOT_CHECKED_NOTE
    checked = plan(PlanRequest(goals=("sleep",), minutes=15, answered=True), kb)
    assert NOT_CHECKED_NOTE not in checked.warnings


# --- honest goals ------------------------------------------------------------------------


@pytest.mark.parametrize("goal", ["haemorrhoids", "obesity", "incontinence", "allergies"])
def test_a_goal_the_evidence_contradicts_says_so_above_the_steps(
    kb: KnowledgeBase, goal: str
) -> None:
    result = plan(PlanRequest(goals=(goal,), minutes=10, answered=True), kb)
    (entry,) = result.goals
    assert entry.id == goal
    if entry.evidence == "refuted":
        assert any("the evidence contradicts" in w for w in result.warnings)
    else:
        assert entry.evidence == "traditional"
        assert any("traditional belief" in w for w in result.warnings)


def test_a_recovery_plan_asks_about_the_injury_first(kb: KnowledgeBase) -> None:
    result = plan(PlanRequest(goals=("recovery",), minutes=10), kb)
    assert any("fracture or an operation" in w for w in result.warnings)
    answered = plan(PlanRequest(goals=("recovery",), minutes=10, answered=True), kb)
    assert not any("fracture or an operation" in w for w in answered.warnings)
    broken = plan(PlanRequest(goals=("recovery",), minutes=10, conditions=("fracture",)), kb)
    assert not broken.advised


# --- a doctor's clearance --------------------------------------------------------------------


def test_a_doctors_clearance_turns_a_relative_contraindication_into_adapt(
    kb: KnowledgeBase,
) -> None:
    before = screen(Intake(conditions=("hypertension",)), kb)
    assert before.verdict == "avoid"
    after = screen(Intake(conditions=("hypertension",), cleared=("hypertension",)), kb)
    assert after.verdict == "adapt"
    assert after.findings[0].cleared
    assert any("a doctor has cleared massage" in n for n in after.notes)
    # What the condition rules out still applies.
    assert after.max_intensity == before.max_intensity


@pytest.mark.parametrize(
    ("conditions", "cleared"),
    [
        (("thrombosis",), "thrombosis"),  # absolute
        (("cold_pale_foot",), "cold_pale_foot"),  # an emergency
        (("hypertension",), "cancer"),  # not present
        (("fever",), "fever"),  # temporary: wait, no doctor can clear it away
    ],
)
def test_a_clearance_is_refused_where_it_cannot_apply(
    kb: KnowledgeBase, conditions: tuple[str, ...], cleared: str
) -> None:
    with pytest.raises(BadInput) as caught:
        screen(Intake(conditions=conditions, cleared=(cleared,)), kb)
    assert caught.value.field == "cleared"
    assert repr(cleared) in caught.value.message


# --- the CLI ---------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plantar", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent,
    )


def test_the_cli_screens_the_diabetic_heel_as_avoid_and_exits_3() -> None:
    done = _cli(
        "screen", "--condition", "diabetes", "--condition", "skin_lesion",
        "--lesion-zone", "heel", "--json",
    )  # fmt: skip
    assert done.returncode == 3
    data = json.loads(done.stdout)
    assert (data["verdict"], data["urgency"], data["checked"]) == ("avoid", "urgent", False)


def test_the_cli_refuses_self_massage_for_a_baby_naming_the_performer() -> None:
    done = _cli("plan", "--goal", "relaxation", "--minutes", "10", "--age", "0")
    assert done.returncode == 2
    assert "performer: 'self'" in done.stderr
    assert "partner or therapist" in done.stderr


def test_the_cli_takes_answered_and_cleared() -> None:
    done = _cli(
        "screen", "--condition", "hypertension", "--cleared", "hypertension", "--answered",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert (data["verdict"], data["checked"]) == ("adapt", True)
    bad = _cli("screen", "--condition", "thrombosis", "--cleared", "thrombosis")
    assert bad.returncode == 2
    assert "cleared: 'thrombosis'" in bad.stderr


def test_the_questionnaire_does_not_ask_what_other_answers_imply(kb: KnowledgeBase) -> None:
    from plantar.safety.questionnaire import questions

    keys = {q.key for q in questions(kb)}
    assert "spreading_infection" not in keys
    assert "diabetic_neuropathy" not in keys
    assert {"diabetes", "numbness", "cellulitis", "fever", "diabetic_foot_wound"} <= keys


def test_a_cleared_finding_no_longer_sends_the_person_to_a_doctor(kb: KnowledgeBase) -> None:
    cleared = screen(Intake(conditions=("hypertension",), cleared=("hypertension",)), kb)
    assert not cleared.see_doctor
    assert cleared.urgency == "none"
    # Another finding that needs a doctor still says so.
    both = screen(Intake(conditions=("hypertension", "diabetes"), cleared=("hypertension",)), kb)
    assert both.see_doctor
    assert [f.condition for f in both.findings if f.see_doctor] == ["diabetes"]
