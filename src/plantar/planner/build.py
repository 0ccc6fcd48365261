"""``plan(request)``: screen, choose, and lay out a session step by step.

Pure and deterministic: the same request and knowledge base give the same plan, byte for byte.
"""

from __future__ import annotations

from functools import lru_cache

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, Routine
from plantar.planner import explain
from plantar.planner.candidates import Candidate, Left, candidates, painful_regions
from plantar.planner.catalogue import AFTERCARE_CATEGORY, REMINDER_CATEGORIES, Catalogue, catalogue
from plantar.planner.choose import solve
from plantar.planner.model import UNIT
from plantar.planner.request import PlanRequest, check_request
from plantar.planner.result import Plan, Step
from plantar.planner.structure import FEET, PHASE_RANK, frame
from plantar.safety import Intake, Screening, screen


def screening_for(request: PlanRequest, kb: KnowledgeBase) -> Screening:
    """Screen the request; a routine is screened in its own style unless one is asked for."""
    style = request.style
    if style is None and request.routine is not None:
        style = kb.get(Routine, request.routine).style
    intake = Intake(
        conditions=request.conditions,
        age=request.age,
        style=style,
        performer=request.performer,
        minutes_since_meal=request.minutes_since_meal,
        lesion_zones=request.lesion_zones,
    )
    return screen(intake, kb)


def plan(request: PlanRequest, kb: KnowledgeBase | None = None) -> Plan:
    """The best session for ``request``; raises ``BadInput`` naming a bad value."""
    if kb is None:
        from plantar.knowledge import load

        kb = load()
    return _plan(request, kb)


# plan() is pure, and people ask for the same few sessions ("sleep, 15 minutes") again and
# again: a server answers a repeated request from memory. Requests are frozen and hashable;
# a Plan is never changed after it is made. 512 plans of about 15 KB each bound the memory.
# A bad request raises, and lru_cache keeps nothing for it.
@lru_cache(maxsize=512)
def _plan(request: PlanRequest, kb: KnowledgeBase) -> Plan:
    check_request(request, kb)
    screening = screening_for(request, kb)
    cat = catalogue(kb)
    asked = request.style or (kb.get(Routine, request.routine).style if request.routine else None)
    if not screening.massage_now or (asked is not None and asked not in screening.allowed_styles):
        return _not_now(request, screening, kb, cat)
    if request.routine is not None:
        from plantar.planner.routine import routine_plan

        return routine_plan(request, screening, kb.get(Routine, request.routine), cat)
    assert request.minutes is not None  # check_request saw to it
    cands, left = candidates(request, screening, cat)
    budget = request.minutes * 60
    shape = frame(budget, cands)
    choice = solve(shape.model)
    chosen = [(c, units * UNIT) for c, units in zip(cands, choice, strict=True) if units]
    steps = assemble(request, screening, cat, chosen, shape.prepare, shape.rest)
    notes = planner_notes(request, screening, cat, left, shape.stretch)
    return Plan(
        screening=screening,
        total_seconds=sum(s.seconds for s in steps),
        steps=steps,
        reminders=[*screening.notes, *notes, *rule_reminders(request, cat)],
        title=title(request, cat),
        budget_seconds=budget,
        objective=shape.model.value(choice),
        routine=None,
        aftercare=aftercare(cat),
    )


def title(request: PlanRequest, cat: Catalogue) -> str:
    when = f" {request.time_of_day}" if request.time_of_day else ""
    goals = explain.names(list(request.goals), cat)
    return f"{request.minutes}-minute{when} session: {goals[:1].upper()}{goals[1:]}"


def _not_now(request: PlanRequest, screening: Screening, kb: KnowledgeBase, cat: Catalogue) -> Plan:
    # The findings that stop the massage; when only the style is ruled out, all of them.
    stopping = [f for f in screening.findings if f.verdict in ("postpone", "avoid")]
    reasons = [
        f"{kb.get(Condition, f.condition).title.en}: {f.effect}"
        for f in stopping or screening.findings
    ]
    if request.style is not None and screening.massage_now:
        reasons.append(
            f"{cat.titles.get(request.style, request.style)} is ruled out for you today; "
            "ask for a plan without a style, or with one of: " + ", ".join(screening.allowed_styles)
        )
    return Plan(
        screening=screening,
        total_seconds=0,
        steps=[],
        reminders=[*screening.notes, *reasons],
        title="No massage now",
        budget_seconds=request.minutes * 60 if request.minutes else None,
        routine=request.routine,
    )


# What must already be done when the session starts (the article's rules 7 and 8), said at
# the start so that a person who goes straight to `plantar guide` hears it too.
BEFORE = (
    "Before this: feet washed and dried, at least an hour since the last meal, and a glass "
    "of plain warm water drunk."
)


def prepare_step(request: PlanRequest, seconds: int, device: str | None = None) -> Step:
    """Getting ready; ``device`` when the session is done standing on one (a mat)."""
    if device is not None:
        how = (
            f"Put the {device} on the floor next to a chair you can hold on to, and stand "
            "barefoot beside it."
        )
    elif request.performer == "self":
        how = (
            "Sit with your legs stretched out and a cushion or rolled towel under your knees; "
            "bend one knee and rest that foot on the other thigh. Keep a towel or blanket at "
            "hand to cover the foot you are not working on. Rub your palms together until they "
            "are warm, then put a little oil or cream on them."
        )
    else:
        how = (
            "The person receiving lies on their back, a cushion or rolled towel under the "
            "knees, and relaxes completely; cover the foot that waits with a towel or blanket. "
            "The one giving the massage rubs their palms together until they are warm, then "
            "puts a little oil or cream on them."
        )
    if request.style == "thai":
        how += " Breathe slowly together for a moment, at the same pace."
    how += " " + BEFORE
    return Step(
        order=1,
        phase="prepare",
        foot="none",
        technique="rubbing",
        target=None,
        seconds=seconds,
        intensity="light",
        direction="none",
        instruction=how,
        title="Get ready",
        why=(
            "Something steady to hold and clean, dry feet make standing on it safe"
            if device is not None
            else "Warm hands, oil and a comfortable position make the massage pleasant and safe"
        )
        + " (the article's rules of preparation).",
    )


def rest_step(cat: Catalogue, seconds: int, order: int) -> Step:
    care = " ".join(aftercare(cat))
    return Step(
        order=order,
        phase="finish",
        foot="none",
        technique="stroking",
        target=None,
        seconds=seconds,
        intensity="light",
        direction="toward_ankle",
        instruction="Stroke both feet lightly once more, from the toes to the ankles, and cover "
        "them. " + care,
        title="Rest",
        why="Resting afterwards lets the calm of the massage settle (the article).",
    )


def assemble(
    request: PlanRequest,
    screening: Screening,
    cat: Catalogue,
    chosen: list[tuple[Candidate, int]],
    prepare: int,
    rest: int,
) -> list[Step]:
    sore = sorted(painful_regions(request, cat))
    avoided = [z for z in screening.avoid_zones if cat.region_of.get(z) == z] or list(
        screening.avoid_zones[:3]
    )
    steps = [prepare_step(request, prepare)]
    ordered = sorted(chosen, key=lambda cs: (PHASE_RANK[cs[0].exercise.phase], cs[0].position))
    both = [cs for cs in ordered if not cs[0].per_foot]
    each = [cs for cs in ordered if cs[0].per_foot]
    runs: list[tuple[str, list[tuple[Candidate, int]]]] = [("both", both)]
    runs += [(foot, each) for foot in FEET]
    for foot, blocks in runs:
        for c, seconds in blocks:
            steps.append(
                Step(
                    order=len(steps) + 1,
                    phase=c.exercise.phase,
                    foot=foot,  # type: ignore[arg-type]
                    technique=c.exercise.technique,
                    target=c.exercise.target,
                    seconds=seconds,
                    intensity=c.intensity,
                    direction=c.direction,
                    instruction=explain.instruction(c, seconds, cat, sore, avoided),
                    title=c.exercise.title.en,
                    why=explain.why(c, cat, request.time_of_day),
                    exercise=c.exercise.id,
                    goals=[g for g, _ in c.served],
                    times=explain.times_for(c, seconds),
                )
            )
    steps.append(rest_step(cat, rest, len(steps) + 1))
    return steps


def planner_notes(
    request: PlanRequest, screening: Screening, cat: Catalogue, left: Left, stretch: float
) -> list[str]:
    notes = []
    sore = sorted(painful_regions(request, cat))
    if sore:
        notes.append(
            f"Your sore {explain.names(sore, cat)}: treated gently and counterclockwise, which "
            "the article says calms a painful place. If the pain is new or lasting, see a doctor."
        )
    if left.points:
        notes.append("No point work in this plan, as your screening asks.")
    if left.stimulating:
        notes.append("Evening sessions calm: stimulating movements are left for the morning.")
    if stretch > 1.01:
        notes.append(
            "Only a few kinds of movement suit this request, so each runs longer than usual "
            f"to fill {request.minutes} minutes; a shorter session would do as well."
        )
    style = cat.styles.get(request.style) if request.style else None
    if style is not None and style.min_minutes and (request.minutes or 0) < style.min_minutes:
        notes.append(
            f"{style.title.en} usually lasts at least {style.min_minutes} minutes; a shorter "
            "session is only a taste of it."
        )
    return notes


def rule_reminders(request: PlanRequest, cat: Catalogue) -> list[str]:
    """The article's rules for before and during a session that apply to this request."""
    found = []
    for rule in cat.rules:
        if rule.category not in REMINDER_CATEGORIES:
            continue
        if rule.performers and request.performer not in rule.performers:
            continue
        if rule.styles and request.style not in rule.styles:
            continue
        found.append(rule.text.en)
    return found


def aftercare(cat: Catalogue) -> list[str]:
    return [rule.text.en for rule in cat.rules if rule.category == AFTERCARE_CATEGORY]
