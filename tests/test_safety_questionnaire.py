"""The questionnaire: plain-language questions from the data, answers parsed strictly."""

from __future__ import annotations

import re

import pytest

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition
from plantar.safety import Intake, screen
from plantar.safety.questionnaire import (
    Answers,
    parse_minutes,
    parse_places,
    parse_years,
    parse_yes_no,
    questions,
)
from plantar.safety.rulebook import rulebook


def test_it_asks_about_every_condition_a_person_can_answer_once(kb: KnowledgeBase) -> None:
    book = rulebook(kb)
    asked = [q.key for q in questions(kb) if q.answer == "yes_no"]
    # Every condition a person can answer, except those only ever implied by other answers.
    assert sorted(asked) == sorted(c for c in book.askable if book.conditions[c].ask)
    assert len(asked) == len(set(asked))
    for cid in set(book.askable) - set(asked):
        assert book.conditions[cid].implied_by, cid


def test_it_asks_warning_signs_first_and_emergencies_before_them_all(kb: KnowledgeBase) -> None:
    asked = questions(kb)
    groups = [q.group for q in asked]
    assert groups == sorted(groups, key=["warning", "today", "long_standing", "about"].index)
    warnings = [kb.get(Condition, q.key) for q in asked if q.group == "warning"]
    assert all(c.red_flag for c in warnings)
    assert warnings[0].urgency == "emergency"
    assert [q.key for q in asked[-2:]] == ["age", "minutes_since_meal"]


def test_its_questions_are_plain_language_not_ids(kb: KnowledgeBase) -> None:
    for question in questions(kb):
        assert question.text.endswith("?") or question.text.endswith(".)"), question.text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", question.text), question.text
        assert question.text[0].isupper()


def test_it_stops_at_an_emergency_and_asks_where_a_lesion_is(kb: KnowledgeBase) -> None:
    by_key = {q.key: q for q in questions(kb)}
    assert by_key["cold_pale_foot"].stops
    assert not by_key["fever"].stops
    assert by_key["skin_lesion"].where
    assert not by_key["pregnancy"].where


@pytest.mark.parametrize(
    ("raw", "answer"),
    [("y", True), ("YES", True), (" n ", False), ("no", False), ("?", True), ("not sure", True)],
)
def test_it_counts_not_sure_as_yes(raw: str, answer: bool) -> None:
    assert parse_yes_no(raw) is answer


@pytest.mark.parametrize("raw", ["", "maybe", "1"])
def test_it_rejects_an_answer_that_is_not_yes_or_no(raw: str) -> None:
    with pytest.raises(BadInput, match="not sure"):
        parse_yes_no(raw)


def test_it_parses_age_and_minutes_and_lets_them_be_skipped() -> None:
    assert parse_years("42") == 42
    assert parse_years("") is None
    assert parse_minutes(" 15 ") == 15
    assert parse_minutes("") is None
    with pytest.raises(BadInput, match="from 0 to 120"):
        parse_years("200")
    with pytest.raises(BadInput, match="0 or more"):
        parse_minutes("-3")
    with pytest.raises(BadInput, match="'forty'"):
        parse_years("forty")


def test_it_reads_places_by_id_or_title(kb: KnowledgeBase) -> None:
    assert parse_places(kb, "heel, toes and Ankle") == ("heel", "toes", "ankle")
    assert parse_places(kb, "") == ()
    with pytest.raises(BadInput, match="lesion_zones: 'knee'"):
        parse_places(kb, "heel, knee")


def test_its_answers_join_what_the_flags_gave(kb: KnowledgeBase) -> None:
    answers = Answers(conditions=["pregnancy"], lesion_zones=["heel"], age=30)
    intake = answers.intake(Intake(conditions=("diabetes", "pregnancy"), style="relaxing"))
    assert intake.conditions == ("diabetes", "pregnancy")
    assert intake.lesion_zones == ("heel",)
    assert (intake.age, intake.style) == (30, "relaxing")
    assert intake.answered
    # Diabetes with damaged skin on the heel is a diabetic foot wound: not a massage to adapt.
    result = screen(intake, kb)
    assert result.verdict == "avoid"
    assert result.checked
    assert result.findings[0].condition == "diabetic_foot_wound"
