"""Every contraindication of every list of the article, screened with and without each style.

The expectations are written out here, not read from the data: a change to conditions.yaml
that loosens a verdict or lets a style through fails this table.
"""

from __future__ import annotations

import pytest

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, CoverageItem
from plantar.safety import Intake, screen

STYLES = ("classical", "relaxing", "reflexology", "acupressure", "therapeutic", "thai")

# The article list each item stands in, its passage, and the conditions holding the item.
LIST_SOURCE = {
    "Contraindications (general list)": "seed:contraindications-general",
    "Contraindications (second list)": "seed:contraindications-second",
    "Acupressure contraindications": "seed:contraindications-acupressure",
    "Thai massage contraindications": "seed:contraindications-thai",
    "Thai massage contraindications (temporary)": "seed:contraindications-temporary",
}
LIST_NAME = {
    "Contraindications (general list)": "general",
    "Contraindications (second list)": "second",
    "Acupressure contraindications": "acupressure",
    "Thai massage contraindications": "thai",
    "Thai massage contraindications (temporary)": "thai",
}
GENERAL, SECOND, ACU, THAI, TEMP = LIST_SOURCE
ARTICLE_ITEMS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        GENERAL,
        "any lesions of the skin. Damage includes wounds, burns, ulcers, allergic reactions;",
        ("skin_lesion",),
    ),
    (GENERAL, "infectious diseases occurring in acute form;", ("acute_infection",)),
    (GENERAL, "exacerbation of chronic pathologies;", ("chronic_exacerbation",)),
    (GENERAL, "thrombosis;", ("thrombosis",)),
    (GENERAL, "thrombophlebitis;", ("thrombophlebitis",)),
    (GENERAL, "elevated temperature;", ("fever",)),
    (GENERAL, "mental disorders in the acute stage of their course;", ("acute_mental_disorder",)),
    (GENERAL, "varicose veins;", ("varicose_veins",)),
    (GENERAL, "neoplasms of an oncological nature;", ("cancer",)),
    (GENERAL, "high blood pressure;", ("hypertension",)),
    (GENERAL, "bleeding, including menstruation;", ("bleeding", "menstruation")),
    (GENERAL, "dermatological diseases.", ("skin_disease",)),
    (SECOND, "damaged skin;", ("skin_lesion",)),
    (SECOND, "dermatological diseases out of remission;", ("skin_disease",)),
    (SECOND, "acute infections;", ("acute_infection",)),
    (SECOND, "chronic diseases in the acute stage;", ("chronic_exacerbation",)),
    (SECOND, "hyperthermia;", ("fever",)),
    (SECOND, "high pressure;", ("hypertension",)),
    (SECOND, "pronounced varicose veins;", ("varicose_veins_pronounced",)),
    (SECOND, "thrombophlebitis;", ("thrombophlebitis",)),
    (SECOND, "bleeding;", ("bleeding",)),
    (SECOND, "menstruation;", ("menstruation",)),
    (SECOND, "tumor neoplasms;", ("cancer",)),
    (SECOND, "mental disorders.", ("acute_mental_disorder",)),
    (ACU, "Pregnancy.", ("pregnancy",)),
    (ACU, "Having diabetes of any type.", ("diabetes",)),
    (THAI, "Diseases of the foot joints.", ("foot_joint_disease",)),
    (THAI, "Diabetes.", ("diabetes",)),
    (THAI, "Varicose veins", ("varicose_veins",)),
    (THAI, "Pregnancy.", ("pregnancy",)),
    (THAI, "Oncology.", ("cancer",)),
    (THAI, "Osteoporosis.", ("osteoporosis",)),
    (
        TEMP,
        "Also a temporary contraindication are any chronic diseases of internal organs in the "
        "acute stage, inflammatory processes (ARVI, for example).",
        ("chronic_exacerbation", "acute_infection"),
    ),
]

# condition -> (verdict with no style asked for, styles it rules out)
EXPECTED: dict[str, tuple[str, frozenset[str]]] = {
    # Damaged skin rules out vigorous work, and so the vigorous styles (Thai, therapeutic).
    "skin_lesion": ("postpone", frozenset({"thai", "therapeutic"})),
    "acute_infection": ("postpone", frozenset()),
    "chronic_exacerbation": ("postpone", frozenset()),
    "thrombosis": ("avoid", frozenset()),
    "thrombophlebitis": ("avoid", frozenset()),
    "fever": ("postpone", frozenset()),
    "acute_mental_disorder": ("postpone", frozenset()),
    "varicose_veins": ("adapt", frozenset({"thai", "therapeutic"})),
    "varicose_veins_pronounced": ("avoid", frozenset()),
    "cancer": ("avoid", frozenset()),
    "hypertension": ("avoid", frozenset()),
    "bleeding": ("avoid", frozenset()),
    "menstruation": ("postpone", frozenset()),
    "skin_disease": ("postpone", frozenset()),
    "pregnancy": ("adapt", frozenset({"acupressure", "reflexology", "thai", "therapeutic"})),
    # The article's three, and therapeutic massage: diabetes rules out vigorous work.
    "diabetes": ("adapt", frozenset({"acupressure", "reflexology", "thai", "therapeutic"})),
    "foot_joint_disease": ("adapt", frozenset({"thai"})),
    "osteoporosis": ("adapt", frozenset({"thai", "therapeutic"})),
}
RANK = {"ok": 0, "adapt": 1, "postpone": 2, "avoid": 3}


def _expected(conditions: tuple[str, ...], style: str | None) -> tuple[str, list[str]]:
    verdict = max((EXPECTED[c][0] for c in conditions), key=RANK.__getitem__)
    ruled_out = frozenset().union(*(EXPECTED[c][1] for c in conditions))
    # Asking for a style a finding rules out is "avoid", even when the verdict was "postpone".
    if style is not None and style in ruled_out:
        return "avoid", []
    if verdict in ("postpone", "avoid"):
        return verdict, []
    if style is None:
        return verdict, [s for s in STYLES if s not in ruled_out]
    return verdict, [style]


ITEM_IDS = [f"{LIST_NAME[section]}:{item[:30]}" for section, item, _ in ARTICLE_ITEMS]


@pytest.mark.parametrize("style", [None, *STYLES])
@pytest.mark.parametrize(("section", "item", "conditions"), ARTICLE_ITEMS, ids=ITEM_IDS)
def test_it_screens_every_article_contraindication_with_and_without_each_style(
    kb: KnowledgeBase, section: str, item: str, conditions: tuple[str, ...], style: str | None
) -> None:
    result = screen(Intake(conditions=conditions, style=style), kb)
    verdict, allowed = _expected(conditions, style)
    assert result.verdict == verdict
    assert result.allowed_styles == allowed
    assert {f.condition for f in result.findings} == set(conditions)


@pytest.mark.parametrize(("section", "item", "conditions"), ARTICLE_ITEMS, ids=ITEM_IDS)
def test_it_cites_the_article_list_an_item_stands_in(
    kb: KnowledgeBase, section: str, item: str, conditions: tuple[str, ...]
) -> None:
    result = screen(Intake(conditions=conditions), kb)
    for finding in result.findings:
        assert LIST_SOURCE[section] in finding.sources, finding.condition
        assert finding.effect
        condition = kb.get(Condition, finding.condition)
        assert LIST_NAME[section] in condition.article_lists
        assert finding.kind == condition.kind


def test_it_holds_the_same_items_as_the_article_checklist(kb: KnowledgeBase) -> None:
    checklist = {
        (c.section, c.item): tuple(c.held_by)
        for c in kb.all(CoverageItem)
        if isinstance(c, CoverageItem) and c.section in LIST_SOURCE
    }
    assert checklist == {(section, item): conds for section, item, conds in ARTICLE_ITEMS}


def test_it_lets_a_pregnant_person_have_a_gentle_relaxing_massage(kb: KnowledgeBase) -> None:
    result = screen(Intake(conditions=("pregnancy",), style="relaxing"), kb)
    assert result.verdict == "adapt"
    assert result.allowed_styles == ["relaxing"]
    assert result.max_intensity == "light"
    assert result.no_point_work is True
