"""Evidence labels, one rule each (docs/evidence.md; issue 10, item 7).

These read the shipped knowledge base and check the structural consequences of the rules:
each rationale says which rule applies, a refuted claim names what contradicts it, a
traditional one is untested and never "contradicted", a supported one cites a review that
found the benefit, and the evidence file's suggested labels map to one level each.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plantar.knowledge import DATA_DIR, KnowledgeBase
from plantar.knowledge.checks import REVIEW_KINDS, normalise
from plantar.knowledge.schema import Claim, CoverageItem, Goal, Point, Source

LEVELS = ("supported", "limited", "traditional", "refuted")
STUDY = re.compile(r"\bE\d+\b")
DOC = Path(__file__).resolve().parent.parent / "docs" / "evidence.md"


def claims(kb: KnowledgeBase) -> list[Claim]:
    return [c for c in kb.records("claims") if isinstance(c, Claim)]


def with_level(kb: KnowledgeBase, level: str) -> list[Claim]:
    return [c for c in claims(kb) if c.evidence == level]


def rationale(claim: Claim) -> str:
    return claim.rationale.en


def test_it_opens_every_rationale_with_the_level_it_argues_for(kb: KnowledgeBase) -> None:
    wrong = [c.id for c in claims(kb) if not rationale(c).startswith(f"{c.evidence.title()}:")]
    assert not wrong


def test_it_names_what_contradicts_every_refuted_claim(kb: KnowledgeBase) -> None:
    # Refuted means contradicted, by a study or by anatomy and physiology; the rationale says
    # which, and names a study it cites ("no trial" alone is the traditional rule).
    unexplained = []
    for claim in with_level(kb, "refuted"):
        text = rationale(claim)
        named = set(STUDY.findall(text)) & set(claim.sources)
        if "contradict" not in text.lower() or not named:
            unexplained.append(claim.id)
    assert not unexplained


def test_it_never_refutes_a_claim_because_no_trial_was_found(kb: KnowledgeBase) -> None:
    leaning_on_absence = [
        c.id
        for c in with_level(kb, "refuted")
        if re.search(r"\bno (trial|study)\b", rationale(c), re.I)
    ]
    assert not leaning_on_absence


def test_it_says_every_traditional_claim_is_untested_and_never_contradicted(
    kb: KnowledgeBase,
) -> None:
    wrong = []
    for claim in with_level(kb, "traditional"):
        text = rationale(claim).lower()
        if not re.search(r"\bno trial\b|\buntested\b", text) or "contradict" in text:
            wrong.append(claim.id)
    assert not wrong


# The benefit each supported claim promises, as the finding of a cited review words it.
SUPPORTED_OUTCOMES = {
    "claim_anxiety": "anxiety",
    "claim_relaxation": "anxiety",
    "claim_mood": "depress",
    "claim_sleep": "sleep",
    "claim_fatigue": "fatigue",
}


def test_it_cites_for_every_supported_claim_a_review_that_found_its_benefit(
    kb: KnowledgeBase,
) -> None:
    supported = {c.id for c in with_level(kb, "supported")}
    assert supported == set(SUPPORTED_OUTCOMES), "a new supported claim needs its outcome here"
    for claim_id, outcome in SUPPORTED_OUTCOMES.items():
        reviews = [kb.get(Source, s) for s in kb.get(Claim, claim_id).sources]
        found = [
            s.id
            for s in reviews
            if s.kind in REVIEW_KINDS and s.finding and outcome in s.finding.en.lower()
        ]
        assert found, f"{claim_id} cites no review whose finding names {outcome!r}"


@pytest.mark.parametrize(
    ("claim_id", "level"),
    [
        # Section 1b of the evidence file, each suggested label mapped by docs/evidence.md.
        ("claim_anxiety", "supported"),  # supported_low_quality
        ("claim_sleep", "supported"),  # supported_low_quality
        ("claim_fatigue", "supported"),  # supported_low_quality
        ("claim_pain_relief", "limited"),  # supported_low_quality_short_term
        ("claim_swelling", "limited"),  # uncertain
        ("claim_organ_healing", "refuted"),  # not_supported: the better trials negative
        ("claim_vision", "traditional"),  # no_evidence: no trial found
        ("claim_salt_deposits", "refuted"),  # implausible_no_evidence: physiology
        ("claim_zone_diagnosis", "refuted"),  # contradicted
        ("claim_point_insomnia", "traditional"),  # not_demonstrated beyond general massage
    ],
)
def test_it_maps_each_label_the_evidence_file_suggests_to_one_level(
    kb: KnowledgeBase, claim_id: str, level: str
) -> None:
    assert kb.get(Claim, claim_id).evidence == level


def test_it_rates_fatigue_and_sleep_alike_as_the_evidence_file_does(kb: KnowledgeBase) -> None:
    assert kb.get(Claim, "claim_fatigue").evidence == kb.get(Claim, "claim_sleep").evidence


def test_it_does_not_call_blood_circulation_limited_when_its_reviews_found_nothing(
    kb: KnowledgeBase,
) -> None:
    claim = kb.get(Claim, "claim_blood_circulation")
    assert claim.evidence == "traditional"
    assert {"E3", "E4"} <= set(claim.sources)


@pytest.mark.parametrize(
    "claim_id",
    ["claim_haemorrhoids", "claim_obesity", "claim_allergies", "claim_incontinence"],
)
def test_it_rates_an_untested_disease_of_the_article_traditional_and_its_goal_alike(
    kb: KnowledgeBase, claim_id: str
) -> None:
    # No trial tested these diseases; the organ map they lean on failed (E5, E6): the
    # rationale says both, and the goal has no claim that rates it higher.
    claim = kb.get(Claim, claim_id)
    assert claim.evidence == "traditional"
    assert {"E5", "E6"} <= set(claim.sources)
    for goal_id in claim.goals:
        levels = {kb.get(Claim, c).evidence for c in kb.get(Goal, goal_id).claims}
        assert levels <= {"traditional", "refuted"}


def test_it_holds_the_ovaries_claim_of_step_13_as_traditional_in_the_article_words(
    kb: KnowledgeBase,
) -> None:
    claim = kb.get(Claim, "claim_point_ovaries")
    assert claim.evidence == "traditional"
    assert "central part of the heels" in claim.text.en
    assert "ovaries" in claim.text.en
    assert {"seed:point-ovaries", "seed:ovaries-gynecologist"} <= set(claim.sources)
    assert "gynecologist" in rationale(claim)
    point = kb.get(Point, "zone_article_ovaries")
    assert "claim_point_ovaries" in point.claims
    assert "gynecologist" in (point.match_note.en if point.match_note else "")


@pytest.mark.parametrize(
    ("sentence", "claim_id", "level"),
    [
        (
            "Pay special attention to these points if you feel unwell in the corresponding organs.",
            "claim_organ_healing",
            "refuted",
        ),
        ("salt build-ups on the damaged bones", "claim_injury_salt_buildups", "traditional"),
        (
            "problems with the functioning of the internal system",
            "claim_wrong_procedure_harm",
            "traditional",
        ),
    ],
)
def test_it_holds_the_article_sentences_that_were_held_nowhere(
    kb: KnowledgeBase, sentence: str, claim_id: str, level: str
) -> None:
    wanted = normalise(sentence)
    claim = kb.get(Claim, claim_id)
    assert claim.evidence == level
    quoted = [s for s in claim.sources if wanted in normalise(kb.get(Source, s).quote or "")]
    assert quoted, f"{claim_id} cites no article passage quoting {sentence!r}"
    checklist = [c for c in kb.all(CoverageItem) if wanted in normalise(c.item)]
    assert any(claim_id in c.held_by for c in checklist)


def test_it_writes_the_four_rules_down_in_the_docs_and_in_the_claims_file() -> None:
    header = "\n".join(
        line
        for line in (DATA_DIR / "claims.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    )
    doc = DOC.read_text(encoding="utf-8")
    for text in (header, doc):
        for level in LEVELS:
            assert f"{level}" in text
        assert "systematic reviews or meta-analyses" in text.lower()
        assert "small or low-quality trials" in text.lower()
        lines = [normalise(line) for line in text.splitlines()]
        # Each says how "no trial found" and "trials found no benefit" map.
        assert any("no trial found" in line and "traditional" in line for line in lines)
        assert any("trials found no benefit" in line for line in lines)
        assert "exactly that claim" in text
