"""Two answers together are never milder than either alone: over every pair of conditions.

Not a list of examples: every pair of askable conditions, in every context below (no facts; a
style; an age of each band; a recent meal; a located lesion), and a seeded sample of triples.
"At least as cautious" is checked on each measure a person acts on: the verdict, whether to
see a doctor and how urgently, the strongest pressure, point work, the places kept off, the
styles allowed, what is ruled out (heat, vigour...) and the longest session.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import msgspec
import pytest

from plantar.knowledge import KnowledgeBase, load
from plantar.safety import Intake, Screening, screen
from plantar.safety.rulebook import rulebook
from plantar.safety.verdicts import INTENSITY_RANK, URGENCY_RANK, VERDICT_RANK

KB: KnowledgeBase = load()
BOOK = rulebook(KB)
ASKABLE = BOOK.askable
PAIRS = list(itertools.combinations(ASKABLE, 2))

# The contexts each pair is screened in: ages of every band (a baby is massaged by a partner),
# a style, a meal ten minutes ago, a lesion whose place is known.
CONTEXTS: dict[str, Intake] = {
    "bare": Intake(),
    "answered": Intake(answered=True),
    "thai": Intake(style="thai"),
    "classical": Intake(style="classical", performer="partner"),
    "baby": Intake(age=0, performer="partner"),
    "child": Intake(age=6, performer="therapist"),
    "older": Intake(age=80, performer="self"),
    "meal": Intake(minutes_since_meal=10),
    "heel lesion": Intake(lesion_zones=("heel",)),
    "arch zone lesion, reflexology": Intake(lesion_zones=("arch",), style="reflexology"),
}


def _with(context: Intake, conditions: tuple[str, ...]) -> Screening:
    return screen(msgspec.structs.replace(context, conditions=conditions), KB)


def _milder(together: Screening, alone: Screening) -> Iterator[str]:
    """Every way ``together`` is less cautious than ``alone`` (nothing when it is not)."""
    if VERDICT_RANK[together.verdict] < VERDICT_RANK[alone.verdict]:
        yield f"verdict {together.verdict} < {alone.verdict}"
    if alone.see_doctor and not together.see_doctor:
        yield "see_doctor dropped"
    if URGENCY_RANK[together.urgency] < URGENCY_RANK[alone.urgency]:
        yield f"urgency {together.urgency} < {alone.urgency}"
    if INTENSITY_RANK[together.max_intensity] > INTENSITY_RANK[alone.max_intensity]:
        yield f"max_intensity {together.max_intensity} > {alone.max_intensity}"
    if alone.no_point_work and not together.no_point_work:
        yield "no_point_work dropped"
    if missing := set(alone.avoid_zones) - set(together.avoid_zones):
        yield f"avoid_zones lost {sorted(missing)[:3]}"
    if extra := set(together.allowed_styles) - set(alone.allowed_styles):
        yield f"allowed_styles gained {sorted(extra)}"
    if lost := set(alone.rules_out) - set(together.rules_out):
        yield f"rules_out lost {sorted(lost)}"
    if alone.max_minutes is not None and (
        together.max_minutes is None or together.max_minutes > alone.max_minutes
    ):
        yield f"max_minutes {together.max_minutes} > {alone.max_minutes}"


def _problems(context: Intake, combination: tuple[str, ...]) -> list[str]:
    together = _with(context, combination)
    found = []
    for part in itertools.chain(
        ((c,) for c in combination), itertools.combinations(combination, len(combination) - 1)
    ):
        for problem in _milder(together, _with(context, part)):
            found.append(f"{'+'.join(combination)} vs {'+'.join(part)}: {problem}")
    return found


@pytest.mark.parametrize("context", list(CONTEXTS), ids=list(CONTEXTS))
def test_no_pair_of_conditions_is_milder_than_either_alone(context: str) -> None:
    intake = CONTEXTS[context]
    problems = [p for pair in PAIRS for p in _problems(intake, pair)]
    assert not problems, f"{len(problems)} problems, first: {problems[:5]}"


@pytest.mark.parametrize("context", list(CONTEXTS), ids=list(CONTEXTS))
def test_no_sampled_triple_is_milder_than_any_part(context: str) -> None:
    rng = random.Random(f"triples-{context}")
    triples = [tuple(rng.sample(ASKABLE, 3)) for _ in range(300)]
    problems = [p for triple in triples for p in _problems(CONTEXTS[context], triple)]
    assert not problems, f"{len(problems)} problems, first: {problems[:5]}"


def test_it_covers_every_pair_of_askable_conditions() -> None:
    n = len(ASKABLE)
    assert len(PAIRS) == n * (n - 1) // 2
    # Every condition a person can name or answer yes to (the rest follow from age or meal).
    assert set(ASKABLE) == {c.id for c in BOOK.conditions.values() if c.fact is None}


def test_the_measures_it_compares_see_a_difference() -> None:
    # Guard against a comparison that cannot fail: a plain intake is milder than a clot in
    # every measure that a clot makes stricter.
    clot = screen(Intake(conditions=("thrombosis",)), KB)
    nothing = screen(Intake(), KB)
    problems = list(_milder(nothing, clot))
    assert any(p.startswith("verdict") for p in problems)
    assert "see_doctor dropped" in problems
    assert any(p.startswith("urgency") for p in problems)
    baby = screen(Intake(age=0, performer="partner"), KB)
    assert any(p.startswith("max_minutes") for p in _milder(nothing, baby))
    assert any(p.startswith("rules_out") for p in _milder(nothing, baby))
