"""``plan(request)``: screen, choose, and lay out a session step by step.

Pure and deterministic: the same request and knowledge base give the same plan, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import msgspec

from plantar.i18n import _, current, ngettext
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, Foot, Routine
from plantar.planner import explain
from plantar.planner.adapt import Limits, caution, limits, painful_regions
from plantar.planner.bookends import (
    Reminders,
    aftercare,
    plan_goals,
    prepare_step,
    rest_step,
    rule_reminders,
    warnings,
)
from plantar.planner.candidates import Candidate, Left, candidates
from plantar.planner.catalogue import Catalogue, catalogue, names
from plantar.planner.choose import solve_valued
from plantar.planner.model import UNIT
from plantar.planner.request import PlanRequest, check_request
from plantar.planner.result import Plan, PlanGoal, Step
from plantar.planner.routine import routine_plan
from plantar.planner.structure import FEET, PHASE_RANK, Blocks, blocks_of, frame
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
        answered=request.answered,
        cleared=request.cleared,
    )
    return screen(intake, kb)


def plan(request: PlanRequest, kb: KnowledgeBase | None = None) -> Plan:
    """The best session for ``request``; raises ``BadInput`` naming a bad value."""
    if kb is None:
        from plantar.knowledge import load

        kb = load()
    return _plan(request, kb, current())


# plan() is pure, and people ask for the same few sessions ("sleep, 15 minutes") again and
# again: a server answers a repeated request from memory. Requests are frozen and hashable;
# a Plan is never changed after it is made. 512 plans of about 15 KB each bound the memory.
# A bad request raises, and lru_cache keeps nothing for it.
@lru_cache(maxsize=512)
def _plan(request: PlanRequest, kb: KnowledgeBase, lang: str) -> Plan:
    # ``lang``: a plan is kept per language it is said in (its texts are words).
    check_request(request, kb)
    # The minutes change neither the screening nor the blocks: both are kept per request
    # without its minutes.
    unsized = msgspec.structs.replace(request, minutes=None)
    screening = _screened(unsized, kb, lang)
    cat = catalogue(kb)
    asked = request.style or (kb.get(Routine, request.routine).style if request.routine else None)
    if not screening.massage_now or (asked is not None and asked not in screening.allowed_styles):
        goals = plan_goals(request, cat)
        return _not_now(request, screening, kb, cat, goals)
    # A finding may limit the session's length (a baby, a child): the plan is cut to it and
    # says so above the steps.
    shortened_to = None
    limit = screening.max_minutes
    if limit is not None and request.minutes is not None and request.minutes > limit:
        shortened_to = limit
        request = msgspec.structs.replace(request, minutes=limit)
    goals = plan_goals(request, cat)
    said = warnings(request, screening, cat, goals, shortened_to)
    if request.routine is not None:
        routine = kb.get(Routine, request.routine)
        lim = limits(request, screening, cat)
        result = routine_plan(request, screening, routine, cat, lim)
        if limit is not None and result.total_seconds > limit * 60:
            # A routine at its own length would run past the limit: run it in that time.
            shortened_to = limit
            request = msgspec.structs.replace(request, minutes=limit)
            said = warnings(request, screening, cat, goals, shortened_to)
            result = routine_plan(request, screening, routine, cat, lim)
        return msgspec.structs.replace(result, goals=goals, warnings=said)
    assert request.minutes is not None  # check_request saw to it
    ready = _prepare(unsized, kb, lang)
    budget = request.minutes * 60
    lay = ready.layout(budget)
    steps = assemble(request, ready, cat, lay.choice, lay.prepare, lay.rest)
    notes = planner_notes(request, cat, ready.left, lay.stretch)
    return Plan(
        screening=screening,
        total_seconds=sum(s.seconds for s in steps),
        steps=steps,
        reminders=[*screening.notes, *notes, *ready.rules.all],
        goals=goals,
        warnings=said,
        title=title(request, cat),
        budget_seconds=budget,
        objective=lay.objective,
        routine=None,
        aftercare=list(ready.aftercare),
        about=notes,
        essentials=list(ready.rules.essentials),
    )


@dataclass(frozen=True, slots=True)
class Layout:
    """The optimiser's answer for one budget: seconds per block, and the fixed parts."""

    choice: tuple[int, ...]
    prepare: int
    rest: int
    stretch: float
    objective: int


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """Everything of a free plan that does not depend on its minutes.

    People (and a server's many users) ask for the same person's session at different
    lengths: the screening, the adapted blocks and their "why" are worked out once per
    request-without-minutes, and each block's step once per length.
    """

    lim: Limits
    cands: tuple[Candidate, ...]
    blocks: Blocks  # the candidates' items as far as no length changes them
    # Candidate indexes in the article's order (by phase, then as listed): the blocks done on
    # both feet at once, and those done on each foot in turn.
    both_order: tuple[int, ...]
    each_order: tuple[int, ...]
    left: Left
    whys: tuple[str, ...]
    rules: Reminders
    aftercare: tuple[str, ...]
    # Filled as plans of this request are made: a layout per budget (at most 180) and up to
    # 1,024 steps. Measured: one goal at every length from 1 to 180 minutes makes 266 steps
    # and 180 layouts, 253 KiB in all; the bound keeps 64 prepared requests under 64 MiB. A
    # dict write is atomic under the GIL, and two threads at worst compute one entry twice.
    steps: dict[tuple[int, int], Step]  # (candidate index, seconds) -> its step
    layouts: dict[int, Layout]  # budget in seconds -> the optimiser's choice

    def layout(self, budget: int) -> Layout:
        found = self.layouts.get(budget)
        if found is None:
            shape = frame(budget, self.blocks)
            choice, value = solve_valued(shape.model)
            found = Layout(choice, shape.prepare, shape.rest, shape.stretch, value)
            self.layouts[budget] = found
        return found

    def step(self, index: int, seconds: int, cat: Catalogue) -> Step:
        """Block ``index`` run for ``seconds``, on the left foot, numbered 0 (the caller
        numbers it and sets the foot)."""
        key = (index, seconds)
        made = self.steps.get(key)
        if made is None:
            c = self.cands[index]
            made = Step(
                order=0,
                phase=c.exercise.phase,
                foot="left",
                technique=c.exercise.technique,
                target=c.exercise.target,
                seconds=seconds,
                intensity=c.intensity,
                direction=c.direction,
                instruction=explain.instruction(c, seconds, cat, self.lim),
                title=c.exercise.title.text(),
                why=self.whys[index],
                exercise=c.exercise.id,
                goals=[g for g, _ in c.served],
                times=explain.times_for(c, seconds),
                caution=caution(self.lim, cat, target=c.exercise.target, sore=c.sore),
            )
            if len(self.steps) < 1024:
                self.steps[key] = made
        return made


@lru_cache(maxsize=256)
def _screened(unsized: PlanRequest, kb: KnowledgeBase, lang: str) -> Screening:
    """The screening of a request without its minutes (a bad value raises, and is not kept)."""
    return screening_for(unsized, kb)


@lru_cache(maxsize=64)
def _prepare(request: PlanRequest, kb: KnowledgeBase, lang: str) -> Prepared:
    screening = _screened(request, kb, lang)
    cat = catalogue(kb)
    lim = limits(request, screening, cat)
    cands, left = candidates(request, screening, cat, lim)
    ordered = sorted(range(len(cands)), key=lambda i: (PHASE_RANK[cands[i].exercise.phase], i))
    return Prepared(
        lim=lim,
        cands=tuple(cands),
        blocks=blocks_of(cands),
        both_order=tuple(i for i in ordered if not cands[i].per_foot),
        each_order=tuple(i for i in ordered if cands[i].per_foot),
        left=left,
        whys=tuple(explain.why(c, cat, request.time_of_day) for c in cands),
        rules=rule_reminders(request, lim, cat),
        aftercare=tuple(aftercare(request, lim, cat)),
        steps={},
        layouts={},
    )


def title(request: PlanRequest, cat: Catalogue) -> str:
    goals = names(list(request.goals), cat)
    minutes = request.minutes or 0
    # English writes "15-minute" for any count; other languages take their plural forms.
    if request.time_of_day == "morning":
        said = ngettext(
            "{minutes}-minute morning session: {goals}",
            "{minutes}-minute morning session: {goals}",
            minutes,
        )
    elif request.time_of_day == "afternoon":
        said = ngettext(
            "{minutes}-minute afternoon session: {goals}",
            "{minutes}-minute afternoon session: {goals}",
            minutes,
        )
    elif request.time_of_day == "evening":
        said = ngettext(
            "{minutes}-minute evening session: {goals}",
            "{minutes}-minute evening session: {goals}",
            minutes,
        )
    else:
        said = ngettext(
            "{minutes}-minute session: {goals}", "{minutes}-minute session: {goals}", minutes
        )
    return said.format(minutes=request.minutes, goals=f"{goals[:1].upper()}{goals[1:]}")


def _not_now(
    request: PlanRequest,
    screening: Screening,
    kb: KnowledgeBase,
    cat: Catalogue,
    goals: list[PlanGoal],
) -> Plan:
    # The findings that stop the massage; when only the style is ruled out, all of them.
    stopping = [f for f in screening.findings if f.verdict in ("postpone", "avoid")]
    reasons = [
        f"{kb.get(Condition, f.condition).title.text()}: {f.effect}"
        for f in stopping or screening.findings
    ]
    if request.style is not None and screening.massage_now:
        # The styles still fine are named by their ids: what a person asks for them with.
        said = _(
            "{style} is ruled out for you today; ask for a plan without a style, or with one "
            "of: {styles}"
        )
        reasons.append(
            said.format(
                style=cat.titles.get(request.style, request.style),
                styles=", ".join(screening.allowed_styles),
            )
        )
    return Plan(
        screening=screening,
        total_seconds=0,
        steps=[],
        reminders=[*screening.notes, *reasons],
        goals=goals,
        warnings=warnings(request, screening, cat, goals),
        title=_("No massage now"),
        budget_seconds=request.minutes * 60 if request.minutes else None,
        routine=request.routine,
        about=reasons,
    )


def assemble(
    request: PlanRequest,
    ready: Prepared,
    cat: Catalogue,
    choice: tuple[int, ...],
    prepare: int,
    rest: int,
) -> list[Step]:
    """Steps in the article's order: both feet at once, then each foot with the same blocks
    (each block's texts are made once and said on both feet)."""
    steps = [prepare_step(request, ready.lim, prepare)]
    both = [(i, choice[i] * UNIT) for i in ready.both_order if choice[i]]
    each = [(i, choice[i] * UNIT) for i in ready.each_order if choice[i]]
    runs: list[tuple[Foot, list[tuple[int, int]]]] = [("both", both)]
    runs += [(foot, each) for foot in FEET]
    made, replace = ready.steps, msgspec.structs.replace
    for foot, blocks in runs:
        for index, seconds in blocks:
            step = made.get((index, seconds)) or ready.step(index, seconds, cat)
            steps.append(replace(step, order=len(steps) + 1, foot=foot))
    steps.append(rest_step(ready.aftercare, rest, len(steps) + 1))
    return steps


def planner_notes(request: PlanRequest, cat: Catalogue, left: Left, stretch: float) -> list[str]:
    notes = []
    sore = sorted(painful_regions(request, cat))
    if sore:
        said = _(
            "Your sore {places}: treated gently and counterclockwise, which the article says "
            "calms a painful place. If the pain is new or lasting, see a doctor."
        )
        notes.append(said.format(places=names(sore, cat)))
    if left.points:
        notes.append(_("No point work in this plan, as your screening asks."))
    if left.ruled_out:
        notes.append(
            _(
                "Some movements are left out of this plan because your screening rules out what "
                "they do (see above)."
            )
        )
    if left.stimulating:
        notes.append(_("Evening sessions calm: stimulating movements are left for the morning."))
    if stretch > 1.01:
        said = _(
            "Only a few kinds of movement suit this request, so each runs longer than usual "
            "to fill {minutes}; a shorter session would do as well."
        )
        notes.append(said.format(minutes=explain.written_duration((request.minutes or 0) * 60)))
    style = cat.styles.get(request.style) if request.style else None
    if style is not None and style.min_minutes and (request.minutes or 0) < style.min_minutes:
        said = _(
            "{style} usually lasts at least {minutes}; a shorter session is only a taste of it."
        )
        notes.append(
            said.format(
                style=style.title.text(), minutes=explain.written_duration(style.min_minutes * 60)
            )
        )
    return notes
