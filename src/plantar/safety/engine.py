"""One generic engine over the conditions of the knowledge base.

Each condition present in an intake (named, implied by a lesion, derived from age or meal
time, or implied by a combination of others) becomes a finding with its verdict; the worst
verdict wins. What a condition rules out (styles, pressure, point work, heat, areas, length)
is read from its record, so there is no code per condition. Conservative by construction:
findings only ever add restrictions, so two answers together are never milder than either
alone (tests/test_safety_pairs.py checks every pair). The one thing that softens a verdict is
a doctor's clearance, and only for a relative contraindication that is not an emergency.
"""

from __future__ import annotations

from plantar.errors import BadInput
from plantar.i18n import _
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
    return value is not None and derived.holds(value)


def present_conditions(
    intake: Intake, book: Rulebook
) -> tuple[list[Condition], list[Derived], dict[str, list[str]]]:
    """The conditions an (already validated) intake has, each once, in the data's order.

    Also returns, for a condition implied by a combination, the ids of the conditions that
    implied it (the first combination that holds). Implications chain: a combination may
    include a condition that is itself implied.
    """
    ids = set(intake.conditions)
    if intake.lesion_zones:
        ids.add(LESION_CONDITION)
    derived = [d for d in book.derived if _holds(d, intake)]
    ids.update(d.condition.id for d in derived)
    because: dict[str, list[str]] = {}
    changed = True
    while changed:
        changed = False
        for condition, implication in book.implications:
            if condition.id not in because and ids.issuperset(implication.when):
                because[condition.id] = list(implication.when)
                changed = changed or condition.id not in ids
                ids.add(condition.id)
    ordered = sorted(ids, key=book.order.__getitem__)
    return [book.conditions[cid] for cid in ordered], derived, because


def clearable(condition: Condition) -> bool:
    """Whether a doctor's clearance may turn this finding into ``adapt``: a relative
    contraindication that is not an emergency. Never an absolute, temporary or local one."""
    return condition.kind == "relative" and condition.urgency != "emergency"


def _check_clearance(intake: Intake, present: list[Condition]) -> None:
    valid = [c.id for c in present if clearable(c)]
    for cid in intake.cleared:
        if cid not in valid:
            raise BadInput(
                "cleared",
                cid,
                _("a relative contraindication the intake has, one of: {values}").format(
                    values=", ".join(valid)
                )
                if valid
                else _("nothing: the intake has no relative contraindication a doctor can clear"),
            )


def _performer(intake: Intake, present: list[Condition], book: Rulebook) -> None:
    if intake.performer != "self":
        return
    for condition in present:
        if condition.needs_other_performer:
            raise BadInput(
                "performer",
                "self",
                _("partner or therapist: {condition} is massaged by someone else").format(
                    condition=book.titles[condition.id].lower()
                ),
            )


def screen(intake: Intake, kb: KnowledgeBase | None = None) -> Screening:
    """Screen ``intake`` against the knowledge base; raises ``BadInput`` for bad values."""
    if kb is None:
        from plantar.knowledge import load

        kb = load()
    book = rulebook(kb)
    validate(intake, book)
    present, derived, because = present_conditions(intake, book)
    _performer(intake, present, book)
    _check_clearance(intake, present)
    located = bool(intake.lesion_zones)
    cleared = frozenset(intake.cleared)

    verdict: Verdict = "ok"
    unstyled: Verdict = "ok"  # the verdict had no style been asked for
    intensity: Intensity = "firm"
    urgency: Urgency = "none"
    see_doctor = no_point_work = False
    max_minutes: float | None = None
    findings: list[Finding] = []
    ruled_out: dict[str, list[str]] = {}
    properties: dict[str, None] = {}
    avoided_targets: dict[str, None] = {}  # a dict keeps the order and drops repeats

    for condition in present:
        own: Verdict = condition.verdict
        if located and condition.located_verdict is not None:
            own = condition.located_verdict
            avoided_targets.update(dict.fromkeys(intake.lesion_zones))
        is_cleared = condition.id in cleared
        if is_cleared and VERDICT_RANK[own] > VERDICT_RANK["adapt"]:
            own = "adapt"
        avoided_targets.update(dict.fromkeys(condition.avoid_targets))
        # The points a source warns about for this condition (their cautions say why).
        avoided_targets.update(dict.fromkeys(book.cautioned.get(condition.id, ())))
        properties.update(dict.fromkeys(condition.rules_out))
        excluded = book.excludes[condition.id]
        for style in excluded:
            ruled_out.setdefault(style, []).append(condition.id)
        if VERDICT_RANK[own] > VERDICT_RANK[unstyled]:
            unstyled = own
        # Asking for a style this condition rules out: that massage should not be done.
        if intake.style is not None and intake.style in excluded:
            own = "avoid"
        if VERDICT_RANK[own] > VERDICT_RANK[verdict]:
            verdict = own
        if condition.max_intensity and (
            INTENSITY_RANK[condition.max_intensity] < INTENSITY_RANK[intensity]
        ):
            intensity = condition.max_intensity
        if condition.max_minutes is not None:
            limit = book.rule_values[condition.max_minutes]
            max_minutes = limit if max_minutes is None else min(max_minutes, limit)
        # A doctor who cleared it has seen it: that finding no longer sends the person to one.
        asks_doctor = condition.see_doctor and not is_cleared
        if not is_cleared and URGENCY_RANK[condition.urgency] > URGENCY_RANK[urgency]:
            urgency = condition.urgency
        see_doctor = see_doctor or asks_doctor
        no_point_work = no_point_work or condition.no_point_work
        causes = because.get(condition.id, [])
        findings.append(
            Finding(
                condition=condition.id,
                kind=condition.kind,
                effect=condition.effect.text(),
                sources=list(condition.sources),
                verdict=own,
                urgency=condition.urgency,
                see_doctor=asks_doctor,
                red_flag=condition.red_flag,
                because=causes,
                because_text=_because_text(condition, causes),
                cleared=is_cleared,
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
        rules_out=list(properties),
        max_minutes=int(max_minutes) if max_minutes is not None else None,
        checked=intake.answered,
        cleared=[c for c in present if c.id in cleared],
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
        checked=intake.answered,
        rules_out=list(properties),
        max_minutes=outcome.max_minutes,
    )


def _because_text(condition: Condition, causes: list[str]) -> str | None:
    for implication in condition.implied_by:
        if implication.when == causes:
            return implication.because.text()
    return None
