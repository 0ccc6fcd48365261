"""The conditions' data: what the generic engine relies on, checked over every record."""

from __future__ import annotations

import re

import pytest

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, Rule, Source
from plantar.safety.rulebook import LESION_CONDITION
from plantar.safety.verdicts import VERDICT_RANK

DESIGN_CONDITIONS = [
    "thrombosis",
    "thrombophlebitis",
    "varicose_veins",
    "fever",
    "acute_infection",
    "chronic_exacerbation",
    "skin_lesion",
    "skin_disease",
    "acute_mental_disorder",
    "cancer",
    "hypertension",
    "bleeding",
    "menstruation",
    "pregnancy",
    "diabetes",
    "osteoporosis",
    "foot_joint_disease",
]
RED_FLAGS = [
    "calf_swelling_one_side",
    "numbness",
    "anticoagulants",
    "recent_surgery",
    "fracture",
    "gout_flare",
    "peripheral_arterial_disease",
    "cold_pale_foot",
    "diabetic_foot_wound",
]


def _conditions(kb: KnowledgeBase) -> list[Condition]:
    return [c for c in kb.records("conditions") if isinstance(c, Condition)]


def _kinds(kb: KnowledgeBase, condition: Condition) -> set[str]:
    return {kb.get(Source, s).kind for s in condition.sources}


@pytest.mark.parametrize("condition_id", DESIGN_CONDITIONS + RED_FLAGS)
def test_it_holds_every_condition_id_of_the_design_and_the_issue(
    kb: KnowledgeBase, condition_id: str
) -> None:
    condition = kb.get(Condition, condition_id)
    assert condition.red_flag == (condition_id in RED_FLAGS)


def test_every_red_flag_sends_to_a_doctor_citing_practice(kb: KnowledgeBase) -> None:
    for condition in _conditions(kb):
        if condition.red_flag:
            assert condition.see_doctor, condition.id
            assert condition.urgency != "none", condition.id
            assert _kinds(kb, condition) & {"web", "reference"}, condition.id


def test_no_condition_is_ok_and_a_known_place_only_softens_it(kb: KnowledgeBase) -> None:
    for condition in _conditions(kb):
        assert condition.verdict != "ok", condition.id
        if condition.located_verdict is not None:
            assert VERDICT_RANK[condition.located_verdict] < VERDICT_RANK[condition.verdict]
    assert kb.get(Condition, LESION_CONDITION).located_verdict == "adapt"


def test_every_derived_condition_has_thresholds_with_values(kb: KnowledgeBase) -> None:
    derived = [c for c in _conditions(kb) if c.fact is not None]
    assert {c.id for c in derived} == {"recent_meal", "infant", "child", "older_age"}
    for condition in derived:
        thresholds = [r for r in (condition.fact_below, condition.fact_at_least) if r]
        # One bound, or both for a range (a child: at least 1, below 12).
        assert thresholds, condition.id
        for rule_id in thresholds:
            rule = kb.get(Rule, rule_id)
            assert rule.value is not None, condition.id
            assert rule.unit in {"years", "minutes"}
    child = kb.get(Condition, "child")
    assert (child.fact_at_least, child.fact_below) == ("rule_reflex_min_age", "rule_child_max_age")


def test_every_condition_asks_a_yes_no_question_and_cites_the_article(
    kb: KnowledgeBase,
) -> None:
    for condition in _conditions(kb):
        assert condition.question.en.endswith("?"), condition.id
        assert "article" in _kinds(kb, condition), condition.id
        assert condition.effect.en.strip(), condition.id
        if condition.icd10 is not None:
            assert re.fullmatch(r"[A-Z]\d\d(\.\d)?", condition.icd10), condition.id
