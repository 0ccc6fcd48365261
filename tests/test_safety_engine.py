"""Screening semantics of DESIGN.md: verdict order, lesions, meal time, age, red flags."""

from __future__ import annotations

import msgspec
import pytest

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Rule, Style, Zone
from plantar.safety import Intake, Screening, screen


def _screen(kb: KnowledgeBase, **fields: object) -> Screening:
    return screen(msgspec.convert(fields, Intake), kb)


def _all_styles(kb: KnowledgeBase) -> list[str]:
    return [s.id for s in kb.records("styles") if isinstance(s, Style)]


def test_it_finds_nothing_and_allows_every_style_for_an_empty_intake(kb: KnowledgeBase) -> None:
    result = _screen(kb)
    assert result.verdict == "ok"
    assert result.findings == []
    assert result.see_doctor is False
    assert result.allowed_styles == _all_styles(kb)
    assert result.max_intensity == "firm"
    assert result.notes  # even "ok" says what to watch for


def test_it_lets_the_worst_finding_win_and_lists_it_first(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["pregnancy", "fever", "thrombosis"])
    assert result.verdict == "avoid"
    assert [f.condition for f in result.findings] == ["thrombosis", "fever", "pregnancy"]
    assert [f.verdict for f in result.findings] == ["avoid", "postpone", "adapt"]


def test_it_names_kind_effect_and_sources_in_each_finding(kb: KnowledgeBase) -> None:
    (finding,) = _screen(kb, conditions=["varicose_veins"]).findings
    assert finding.condition == "varicose_veins"
    assert finding.kind == "local"
    assert "light pressure" in finding.effect
    assert "seed:contraindications-general" in finding.sources
    assert "web:werner-pathology" in finding.sources


def test_it_sends_to_a_doctor_when_any_finding_needs_clearance(kb: KnowledgeBase) -> None:
    assert _screen(kb, conditions=["fever"]).see_doctor is False
    assert _screen(kb, conditions=["fever", "diabetes"]).see_doctor is True


def test_it_keeps_off_a_lesion_region_and_every_zone_and_point_inside(kb: KnowledgeBase) -> None:
    result = _screen(kb, lesion_zones=["heel"])
    inside = {z.id for z in kb.records("zones") if isinstance(z, Zone) and z.region == "heel"}
    inside |= {p.id for p in kb.records("points") if isinstance(p, Point) and p.region == "heel"}
    assert result.verdict == "adapt"
    assert result.avoid_zones[0] == "heel"
    assert set(result.avoid_zones) == {"heel", *inside}
    assert [f.condition for f in result.findings] == ["skin_lesion"]
    # Damaged skin rules out vigorous work: the vigorous styles go, the rest stay.
    vigorous = {"thai", "therapeutic"}
    assert result.allowed_styles == [s for s in _all_styles(kb) if s not in vigorous]


def test_it_keeps_off_a_lesion_zone_and_the_points_in_it(kb: KnowledgeBase) -> None:
    zone = next(z for z in kb.records("zones") if isinstance(z, Zone))
    points = {p.id for p in kb.records("points") if isinstance(p, Point) and p.zone == zone.id}
    result = _screen(kb, lesion_zones=[zone.id])
    assert result.verdict == "adapt"
    assert set(result.avoid_zones) == {zone.id, *points}


def test_it_postpones_a_skin_lesion_whose_place_is_not_given(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["skin_lesion"])
    assert result.verdict == "postpone"
    assert result.avoid_zones == []
    assert _screen(kb, conditions=["skin_lesion"], lesion_zones=["toes"]).verdict == "adapt"


def test_it_keeps_off_the_legs_with_varicose_veins(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["varicose_veins"])
    assert result.verdict == "adapt"
    assert {"calf", "shin"} <= set(result.avoid_zones)
    assert result.max_intensity == "light"


@pytest.mark.parametrize(
    ("minutes", "verdict"), [(0, "postpone"), (30, "postpone"), (59, "postpone"), (60, "ok")]
)
def test_it_postpones_until_the_meal_rule_has_passed(
    kb: KnowledgeBase, minutes: int, verdict: str
) -> None:
    assert kb.get(Rule, "rule_meal_wait").value == 60
    result = _screen(kb, minutes_since_meal=minutes)
    assert result.verdict == verdict
    if verdict == "postpone":
        assert [f.condition for f in result.findings] == ["recent_meal"]
        # "about 1 more minute", "about 30 more minutes"
        assert any(f"about {60 - minutes} more minute" in note for note in result.notes)


@pytest.mark.parametrize(
    ("age", "style", "verdict"),
    [
        (0, "reflexology", "avoid"),
        (0, "acupressure", "avoid"),
        (0, "classical", "adapt"),
        # A child (1 to 11): gentler and shorter, but reflexology and a therapeutic massage
        # for a child's flat feet (an indication, not a contraindication) are allowed.
        (1, "reflexology", "adapt"),
        (8, "therapeutic", "adapt"),
        (12, "reflexology", "ok"),
        (40, "acupressure", "ok"),
        (64, "reflexology", "ok"),
        (65, "reflexology", "avoid"),
        (65, "classical", "adapt"),
        (90, "relaxing", "adapt"),
    ],
)
def test_it_applies_the_age_thresholds_of_the_rules(
    kb: KnowledgeBase, age: int, style: str, verdict: str
) -> None:
    assert kb.get(Rule, "rule_reflex_min_age").value == 1
    assert kb.get(Rule, "rule_reflex_max_age").value == 65
    assert _screen(kb, age=age, style=style).verdict == verdict


def test_it_leaves_out_reflex_styles_for_the_elderly_without_a_style(kb: KnowledgeBase) -> None:
    result = _screen(kb, age=70)
    assert result.verdict == "adapt"
    assert "reflexology" not in result.allowed_styles
    assert "acupressure" not in result.allowed_styles
    assert "classical" in result.allowed_styles
    assert result.max_intensity == "medium"


def test_pregnancy_keeps_off_every_point_a_caution_names_and_names_them(
    kb: KnowledgeBase,
) -> None:
    """The points' cautions are the one home of which points: the screening keeps them off,
    its note names each, and the finding says where they are."""
    cautioned = [p for p in kb.all(Point) if any(c.condition == "pregnancy" for c in p.cautions)]
    result = _screen(kb, conditions=["pregnancy"])
    assert {p.id for p in cautioned} <= set(result.avoid_zones)
    note = next(n for n in result.notes if n.startswith("Do not press these points"))
    for point in cautioned:
        assert point.title.en in note
    (finding,) = result.findings
    for code in ("SP6", "BL60", "BL67", "KI3", "SP1", "LR1"):
        assert code in finding.effect
    assert not any(n.startswith("Do not press these points") for n in _screen(kb).notes)


def test_it_rules_out_intense_point_work_in_pregnancy(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["pregnancy"])
    assert result.verdict == "adapt"
    assert result.allowed_styles == ["classical", "relaxing"]
    assert result.no_point_work is True
    assert result.see_doctor is False
    assert _screen(kb, conditions=["pregnancy"], style="acupressure").verdict == "avoid"


def test_it_explains_a_style_that_is_ruled_out(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["pregnancy"], style="thai")
    assert result.allowed_styles == []
    assert any("Thai" in note and "pregnancy" in note for note in result.notes)
    assert not any("doctor" in note for note in result.notes)


@pytest.mark.parametrize(
    ("condition", "urgency", "verdict"),
    [
        ("calf_swelling_one_side", "urgent", "avoid"),
        ("cold_pale_foot", "emergency", "avoid"),
        ("sudden_breathlessness", "emergency", "avoid"),
        ("diabetic_foot_wound", "urgent", "avoid"),
        ("peripheral_arterial_disease", "routine", "avoid"),
        ("recent_surgery", "routine", "avoid"),
        ("fracture", "soon", "avoid"),
        ("gout_flare", "soon", "postpone"),
        ("numbness", "soon", "adapt"),
        ("anticoagulants", "routine", "adapt"),
    ],
)
def test_it_sends_each_red_flag_to_a_doctor_with_its_urgency(
    kb: KnowledgeBase, condition: str, urgency: str, verdict: str
) -> None:
    result = _screen(kb, conditions=[condition])
    assert result.verdict == verdict
    assert result.see_doctor is True
    assert result.urgency == urgency
    assert result.findings[0].red_flag is True


def test_it_says_call_an_ambulance_for_an_emergency(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["cold_pale_foot", "fever"])
    assert "ambulance" in result.notes[0]


def test_it_asks_for_a_doctors_word_on_high_blood_pressure(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["hypertension"])
    assert (result.verdict, result.see_doctor) == ("avoid", True)
    assert "check again without that condition" in " ".join(result.notes)


def test_it_lists_a_condition_named_twice_once(kb: KnowledgeBase) -> None:
    result = _screen(kb, conditions=["fever", "fever"])
    assert [f.condition for f in result.findings] == ["fever"]


def test_its_json_has_the_shape_of_the_design(kb: KnowledgeBase) -> None:
    data = msgspec.to_builtins(_screen(kb, conditions=["diabetes"], lesion_zones=["toes"]))
    assert {"verdict", "see_doctor", "findings", "avoid_zones", "allowed_styles", "notes"} <= set(
        data
    )
    assert {"max_intensity", "no_point_work"} <= set(data)
    for finding in data["findings"]:
        assert {"condition", "kind", "effect", "sources"} <= set(finding)
        assert finding["kind"] in {"absolute", "relative", "local", "temporary"}
        assert all(isinstance(s, str) for s in finding["sources"])


def test_it_loads_the_knowledge_base_itself_when_none_is_given() -> None:
    assert screen(Intake(conditions=("fever",))).verdict == "postpone"
