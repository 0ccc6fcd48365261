"""The article's fixed routines, run as they are: scaled to the minutes asked for, still screened.

A routine's steps keep their order and wording. Screening still applies, through the same
pipeline as a free plan (adapt.py): a step on a place to avoid goes, point steps go when point
work is ruled out, a step doing what a finding rules out says its gentle wording or goes,
pressure is capped, a sore place is treated gently and counterclockwise (a non-circular step
on it goes), and a step over the whole foot names the places to keep off. Without ``minutes`` each
step takes the middle of its range; with them, every step moves within its range by the same
fraction, or, beyond the range, all steps scale by the same factor.
"""

from __future__ import annotations

from plantar.i18n import N_, Words, _, ngettext
from plantar.knowledge.schema import Routine, RoutineStep
from plantar.planner import explain
from plantar.planner.adapt import Fit, Limits, caution, fit, place_words
from plantar.planner.bookends import aftercare, prepare_step, rest_step, rule_reminders
from plantar.planner.catalogue import Catalogue, joined, names
from plantar.planner.model import UNIT
from plantar.planner.request import PlanRequest
from plantar.planner.result import Phase, Plan, Step
from plantar.planner.structure import FEET, SHARE_OF_BUDGET, fixed_seconds
from plantar.safety import Screening

WARM_UP_TECHNIQUES = frozenset({"stroking", "rubbing", "circular_rubbing"})
# Whom the article wrote a routine for, as "The article wrote this routine for ..." ends
# (Russian: after «для», in the genitive).
PERFORMER_WORDS = Words(
    {
        "self": N_("self-massage"),
        "partner": N_("a partner to give"),
        "therapist": N_("a massage therapist to give"),
    }
)
# What a routine leaves unused, as "the ... you gave" names it.
UNUSED_WORDS = Words(
    {
        "goals": N_("goals"),
        "equipment": N_("equipment"),
        "time of day": N_("time of day"),
    }
)


def _phase(cat: Catalogue, steps: list[RoutineStep], index: int) -> Phase:
    step = steps[index]
    if step.target is not None and step.target in cat.points:
        return "points"
    if index == 0 and step.technique in WARM_UP_TECHNIQUES:
        return "warm_up"
    if index == len(steps) - 1 and index and step.direction == "toward_ankle":
        return "finish"
    return "main"


def _title(cat: Catalogue, step: RoutineStep) -> str:
    technique = cat.titles.get(step.technique, step.technique)
    if step.target is None:
        return technique
    return f"{technique}: {cat.titles.get(step.target, step.target)}"


def _durations(steps: list[RoutineStep], feet: int, room: int | None) -> list[int]:
    """Seconds per step (multiples of UNIT) filling ``room`` seconds, or mid-range without."""
    lows = [s.seconds_min for s in steps]
    highs = [s.seconds_max for s in steps]
    if room is None:
        exact = [(lo + hi) / 2 for lo, hi in zip(lows, highs, strict=True)]
        return [max(UNIT, UNIT * round(x / UNIT)) for x in exact]
    low, high = sum(lows) * feet, sum(highs) * feet
    if low <= room <= high and high > low:
        share = (room - low) / (high - low)
        exact = [lo + share * (hi - lo) for lo, hi in zip(lows, highs, strict=True)]
    elif room > high:
        exact = [hi * room / high for hi in highs]
    else:
        exact = [lo * room / low for lo in lows] if low else [room / feet / len(steps)] * len(steps)
    units = [max(1, int(x // UNIT)) for x in exact]
    # Hand out what flooring left over, one unit per step in turn, while it fits.
    spare = room // UNIT - sum(units) * feet
    index = 0
    while spare >= feet and units:
        units[index % len(units)] += 1
        spare -= feet
        index += 1
    return [u * UNIT for u in units]


def routine_plan(
    request: PlanRequest, screening: Screening, routine: Routine, cat: Catalogue, lim: Limits
) -> Plan:
    kept: list[tuple[RoutineStep, Fit, int]] = []
    dropped = 0
    for number, step in enumerate(routine.steps, start=1):
        adapted = fit(
            lim,
            cat,
            target=step.target,
            direction=step.direction,
            intensity=step.intensity,
            properties=step.properties,
            has_gentle=step.gentle is not None,
        )
        if isinstance(adapted, str):
            dropped += 1
            continue
        kept.append((step, adapted, number))

    feet = 2 if routine.per_foot else 1
    budget = request.minutes * 60 if request.minutes else None
    steps_only = [step for step, _, _ in kept]
    if budget is not None:
        prepare, rest = fixed_seconds(budget)
        seconds = _durations(steps_only, feet, budget - prepare - rest)
    else:
        seconds = _durations(steps_only, feet, None)
        prepare, rest = fixed_seconds(sum(seconds) * feet)

    # A routine done standing on a device (the mat) gets ready by the device, not with oil.
    device = None
    if routine.devices and not routine.per_foot:
        device = names(routine.devices, cat)
    steps: list[Step] = [prepare_step(request, lim, prepare, device)] if kept else []
    runs = FEET if routine.per_foot else (None,)
    for foot in runs:
        for index, ((step, adapted, number), secs) in enumerate(zip(kept, seconds, strict=True)):
            text = step.gentle if adapted.gentle and step.gentle is not None else step.text
            words = [text.text()]
            if step.repetitions:
                said = ngettext("{n} time.", "{n} times.", step.repetitions)
                words.append(said.format(n=step.repetitions))
            words.append(explain.PRESSURE[adapted.intensity])
            words.extend(place_words(lim, cat, target=step.target, sore=adapted.sore))
            how = " ".join(words)
            steps.append(
                Step(
                    order=len(steps) + 1,
                    phase=_phase(cat, steps_only, index),
                    foot=foot or step.foot,
                    technique=step.technique,
                    target=step.target,
                    seconds=secs,
                    intensity=adapted.intensity,
                    direction=adapted.direction,
                    instruction=how,
                    title=_title(cat, step),
                    why=_("Step {number} of the article's {routine}.").format(
                        number=number, routine=routine.title.text().lower()
                    ),
                    times=step.repetitions,
                    caution=caution(lim, cat, target=step.target, sore=adapted.sore),
                )
            )
    if kept:
        steps.append(rest_step(aftercare(request, lim, cat), rest, len(steps) + 1))
    notes = []
    if dropped:
        # English has said "step(s)" for any count; other languages take their plural forms.
        said = ngettext(
            "{n} step(s) of this routine are left out for your safety (a place to avoid, point "
            "work, what your screening rules out, or a non-circular movement on a sore place).",
            "{n} step(s) of this routine are left out for your safety (a place to avoid, point "
            "work, what your screening rules out, or a non-circular movement on a sore place).",
            dropped,
        )
        notes.append(said.format(n=dropped))
    if request.performer not in routine.performers:
        # The article wrote it for another performer: it runs as written, and the person
        # giving it is told whose point of view its words take.
        written = joined([PERFORMER_WORDS[p] for p in routine.performers], _("{first} or {last}"))
        if request.performer == "self":
            said = _(
                "The article wrote this routine for {performers}; on your own, do each step on "
                "your own feet, lightly."
            )
        else:
            said = _(
                "The article wrote this routine for {performers}; as the one giving it, do each "
                "step on the other person's feet."
            )
        notes.append(said.format(performers=written))
    # A routine of the article runs as it stands: say so rather than drop these silently.
    unused = [
        UNUSED_WORDS[name]
        for name, given in (
            ("goals", request.goals),
            ("equipment", request.equipment),
            ("time of day", request.time_of_day),
        )
        if given
    ]
    if unused:
        said = _(
            "The article's routine runs as it stands: the {given} you gave do not change it; plan "
            "without a routine to have them shape the session."
        )
        notes.append(said.format(given=joined(unused, _("{first} and {last}"))))
    if budget is not None and sum(s.seconds for s in steps) < SHARE_OF_BUDGET * budget:
        notes.append(_("This routine cannot fill the time asked for; it is shorter."))
    total = sum(s.seconds for s in steps)
    rules = rule_reminders(request, lim, cat)
    return Plan(
        screening=screening,
        total_seconds=total,
        steps=steps,
        reminders=[*screening.notes, *notes, *rules.all],
        title=routine.title.text(),
        budget_seconds=budget,
        routine=routine.id,
        aftercare=aftercare(request, lim, cat),
        about=notes,
        essentials=list(rules.essentials),
    )
