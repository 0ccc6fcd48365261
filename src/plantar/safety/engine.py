"""One generic engine over the conditions of the knowledge base.

Each condition present in an intake (named, implied by a lesion, or derived from age or meal
time) becomes a finding with its verdict; the worst verdict wins. What a condition rules out
(styles, pressure, point work, areas) is read from its record, so there is no code per
condition. Conservative by construction: findings only ever add restrictions.
"""

from __future__ import annotations

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, Intensity, Urgency, Verdict
from plantar.safety.advice import Outcome, notes
from plantar.safety.intake import Intake, validate
from plantar.safety.rulebook import LESION_CONDITION, Derived, Rulebook, rulebook
from plantar.safety.verdicts import (
    INTENSITY_RANK,
    NOT_NOW,
    URGENCY_RANK,
    VERDICT_RANK,
    Finding,
    Screening,
)


def _holds(derived: Derived, intake: Intake) -> bool:
    value = getattr(intake, derived.fact)
    if value is None:
        return False
    return bool(value < derived.threshold if derived.below else value >= derived.threshold)


def present_conditions(intake: Intake, book: Rulebook) -> tuple[list[Condition], list[Derived]]:
    """The conditions an (already validated) intake has, each once, in the data's order."""
    ids = set(intake.conditions)
    if intake.lesion_zones:
        ids.add(LESION_CONDITION)
    derived = [d for d in book.derived if _holds(d, intake)]
    ids.update(d.condition.id for d in derived)
    ordered = sorted(ids, key=book.order.__getitem__)
    return [book.conditions[cid] for cid in ordered], derived


def screen(intake: Intake, kb: KnowledgeBase | None = None) -> Screening:
    """Screen ``intake`` against the knowledge base; raises ``BadInput`` for bad values."""
    if kb is None:
        from plantar.knowledge import load

        kb = load()
    book = rulebook(kb)
    validate(intake, book)
    present, derived = present_conditions(intake, book)
    located = bool(intake.lesion_zones)

    verdict: Verdict = "ok"
    unstyled: Verdict = "ok"  # the verdict had no style been asked for
    intensity: Intensity = "firm"
    urgency: Urgency = "none"
    see_doctor = no_point_work = False
    findings: list[Finding] = []
    ruled_out: dict[str, list[str]] = {}
    avoided_targets: dict[str, None] = {}  # a dict keeps the order and drops repeats

    for condition in present:
        own: Verdict = condition.verdict
        if located and condition.located_verdict is not None:
            own = condition.located_verdict
            avoided_targets.update(dict.fromkeys(intake.lesion_zones))
        avoided_targets.update(dict.fromkeys(condition.avoid_targets))
        for style in condition.rules_out_styles:
            ruled_out.setdefault(style, []).append(condition.id)
        if VERDICT_RANK[own] > VERDICT_RANK[unstyled]:
            unstyled = own
        # Asking for a style this condition rules out: that massage should not be done.
        if intake.style is not None and intake.style in condition.rules_out_styles:
            own = "avoid"
        if VERDICT_RANK[own] > VERDICT_RANK[verdict]:
            verdict = own
        if condition.max_intensity and (
            INTENSITY_RANK[condition.max_intensity] < INTENSITY_RANK[intensity]
        ):
            intensity = condition.max_intensity
        if URGENCY_RANK[condition.urgency] > URGENCY_RANK[urgency]:
            urgency = condition.urgency
        see_doctor = see_doctor or condition.see_doctor
        no_point_work = no_point_work or condition.no_point_work
        findings.append(
            Finding(
                condition=condition.id,
                kind=condition.kind,
                effect=condition.effect.en,
                sources=list(condition.sources),
                verdict=own,
                urgency=condition.urgency,
                see_doctor=condition.see_doctor,
                red_flag=condition.red_flag,
            )
        )

    remaining = [s for s in book.styles if s not in ruled_out]
    if verdict in NOT_NOW:
        allowed: list[str] = []
    elif intake.style is not None:
        allowed = [intake.style] if intake.style in remaining else []
    else:
        allowed = remaining
    if not allowed and verdict not in NOT_NOW:
        verdict = "avoid"  # every style is ruled out: nothing is left to do safely
    findings.sort(key=lambda f: (-VERDICT_RANK[f.verdict], book.order[f.condition]))

    avoid_zones: dict[str, None] = {}
    for target in avoided_targets:
        avoid_zones.update(dict.fromkeys(book.expand(target)))
    outcome = Outcome(
        verdict=verdict,
        present=present,
        derived=derived,
        ruled_out=ruled_out,
        remaining_styles=remaining,
        avoided_targets=list(avoided_targets),
        max_intensity=intensity,
        no_point_work=no_point_work,
        see_doctor=see_doctor,
        urgency=urgency,
        style_only=verdict == "avoid" and unstyled not in NOT_NOW and bool(remaining),
    )
    return Screening(
        verdict=verdict,
        see_doctor=see_doctor,
        findings=findings,
        avoid_zones=list(avoid_zones),
        allowed_styles=allowed,
        notes=notes(book, intake, outcome),
        max_intensity=intensity,
        no_point_work=no_point_work,
        urgency=urgency,
    )
