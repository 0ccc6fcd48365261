"""Properties that hold for every intake: conservative, deterministic, consistent."""

from __future__ import annotations

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from hypothesis_profiles import examples
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Condition
from plantar.safety import Intake, screen
from plantar.safety.rulebook import rulebook
from plantar.safety.verdicts import INTENSITY_RANK, VERDICT_RANK

# Hypothesis draws from the real data; the session's `kb` fixture is the same cached object.
KB: KnowledgeBase = load()
BOOK = rulebook(KB)
PLACES = sorted(BOOK.inside)

INFANT = next(d.rule.value for d in BOOK.derived if d.condition.needs_other_performer)

intakes = st.builds(
    Intake,
    conditions=st.lists(st.sampled_from(BOOK.askable), max_size=6).map(tuple),
    age=st.none() | st.integers(0, 120),
    style=st.none() | st.sampled_from(BOOK.styles),
    performer=st.none() | st.sampled_from(("self", "partner", "therapist")),
    minutes_since_meal=st.none() | st.integers(0, 600),
    lesion_zones=st.lists(st.sampled_from(PLACES), max_size=3).map(tuple),
    answered=st.booleans(),
    # A baby does not massage themself: that intake is bad input (tested in test_safety_age).
).filter(lambda i: not (i.performer == "self" and i.age is not None and i.age < (INFANT or 0)))


@settings(max_examples=examples(300))
@given(intakes, st.sampled_from(BOOK.askable))
def test_adding_a_condition_never_makes_the_verdict_milder(intake: Intake, extra: str) -> None:
    before = screen(intake, KB)
    after = screen(msgspec.structs.replace(intake, conditions=(*intake.conditions, extra)), KB)
    assert VERDICT_RANK[after.verdict] >= VERDICT_RANK[before.verdict]
    assert INTENSITY_RANK[after.max_intensity] <= INTENSITY_RANK[before.max_intensity]
    assert set(after.allowed_styles) <= set(before.allowed_styles)


@given(intakes, st.randoms(use_true_random=False))
def test_the_result_is_deterministic_whatever_the_order_of_conditions(
    intake: Intake, random: object
) -> None:
    shuffled = list(intake.conditions)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    first = msgspec.json.encode(screen(intake, KB))
    assert msgspec.json.encode(screen(intake, KB)) == first
    again = msgspec.structs.replace(intake, conditions=tuple(shuffled))
    assert msgspec.json.encode(screen(again, KB)) == first


@settings(max_examples=examples(300))
@given(intakes)
def test_allowed_styles_never_contain_a_style_a_finding_rules_out(intake: Intake) -> None:
    result = screen(intake, KB)
    for finding in result.findings:
        condition = KB.get(Condition, finding.condition)
        assert not set(result.allowed_styles) & set(condition.rules_out_styles)
        # A style that does what the finding rules out (Thai, therapeutic: vigorous) goes too.
        for style in result.allowed_styles:
            assert not set(BOOK.style_records[style].properties) & set(condition.rules_out)
    if intake.style is not None:
        assert result.allowed_styles in ([], [intake.style])


@settings(max_examples=examples(300))
@given(intakes)
def test_ok_never_has_a_finding_and_a_finding_is_never_ok(intake: Intake) -> None:
    result = screen(intake, KB)
    assert (result.verdict == "ok") == (not result.findings)
    assert all(f.verdict != "ok" for f in result.findings)


@given(intakes)
def test_the_verdict_is_the_worst_finding_and_the_doctor_flag_any(intake: Intake) -> None:
    result = screen(intake, KB)
    if result.findings:
        worst = max(VERDICT_RANK[f.verdict] for f in result.findings)
        # Only one thing is worse than every finding: no style is left to do safely.
        assert VERDICT_RANK[result.verdict] == worst or not result.allowed_styles
    assert result.see_doctor == any(f.see_doctor for f in result.findings)
    assert set(intake.lesion_zones) <= set(result.avoid_zones)
    if result.verdict in ("postpone", "avoid"):
        assert result.allowed_styles == []
