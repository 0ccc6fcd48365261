"""Which building blocks a request may use, adapted to it, and valued for its goals.

Every safety and conduct rule of the plan is applied here, before any choice is made, so the
optimiser cannot break one:

- a block for another performer, style, or a device the person lacks is left out; so is a
  style the screening rules out;
- point work is left out when the screening forbids it (pregnancy: no intense point work);
- evening sessions calm: stimulating blocks are left out in the evening;
- a block on a place to avoid (a lesion, a varicose calf...) is left out, and so is a block on
  a region that holds such a place;
- a block on a painful place is done gently and counterclockwise, or left out when it is not a
  circular movement (a painful ankle is not rotated);
- a block that does what a finding rules out (heat, vigour, standing on a mat) is left out;
- pressure never exceeds what the screening, the performer and the style allow: self-massage
  is light, without effort.

The rules shared with the article's routines live in adapt.py; the ones here are a free
plan's own (style, performer, equipment, time of day, and the value of each block).
"""

from __future__ import annotations

from dataclasses import dataclass

from plantar.knowledge.schema import Direction, Exercise, Intensity
from plantar.planner.adapt import RANK, Limits, cap, fit, limits
from plantar.planner.catalogue import Catalogue
from plantar.planner.request import PlanRequest
from plantar.safety import Screening

# Value model (see model.py): value per second = BASE + mean goal weight (+ SORE_VALUE),
# times bonuses.
BASE_VALUE = 0.1  # every block does some general good, so long sessions can use any of them
SORE_VALUE = 0.5  # a sore place is a goal of its own: gentle circles calm it (the article)
TIME_OF_DAY_BONUS = 1.25  # calming in the evening, stimulating in the morning
DEVICE_BONUS = 1.25  # the person has the device and said so
SCALE = 1000  # values are integers for the exact solver


@dataclass(frozen=True, slots=True)
class Candidate:
    exercise: Exercise
    position: int  # in exercises.yaml: the order steps are done in within a phase
    intensity: Intensity
    direction: Direction
    gain: int  # value per second of its first seconds_min, x SCALE
    sore: bool  # on a painful place: gently, counterclockwise
    served: tuple[tuple[str, float], ...]  # requested goals it serves, strongest first

    @property
    def per_foot(self) -> bool:
        return self.exercise.per_foot


@dataclass(frozen=True, slots=True)
class Left:
    """Why a kind of block was left out: said once in the plan's reminders."""

    points: bool = False
    stimulating: bool = False
    ruled_out: bool = False  # heat, vigour, a mat...: what a finding rules out


def candidates(
    request: PlanRequest, screening: Screening, cat: Catalogue, lim: Limits | None = None
) -> tuple[list[Candidate], Left]:
    lim = lim or limits(request, screening, cat)
    allowed = set(screening.allowed_styles)
    equipment = set(request.equipment)
    goals = request.goals
    left_points = left_stimulating = left_ruled_out = False
    found: list[Candidate] = []
    for position, ex in enumerate(cat.exercises):
        if ex.performers and request.performer not in ex.performers:
            continue
        if ex.styles:
            styles = [request.style] if request.style else ex.styles
            if not any(s in allowed and s in ex.styles for s in styles):
                continue
        if not equipment.issuperset(ex.equipment):
            continue
        if ex.effect == "stimulating" and request.time_of_day == "evening":
            left_stimulating = True
            continue
        if ex.phase == "points" and lim.no_point_work:
            left_points = True
            continue
        adapted = fit(
            lim,
            cat,
            target=ex.target,
            direction=ex.direction,
            intensity=ex.intensity,
            properties=ex.properties,
        )
        if adapted == "points":
            left_points = True
        if adapted == "property":
            left_ruled_out = True
        if isinstance(adapted, str):
            continue
        caps: list[Intensity] = [adapted.intensity]
        style_caps = [cat.styles[s].max_intensity for s in ex.styles if s in cat.styles]
        if request.style and request.style in cat.styles:
            caps.append(cat.styles[request.style].max_intensity)
        elif style_caps:
            caps.append(max(style_caps, key=RANK.__getitem__))
        served = tuple(
            sorted(((g, ex.goals[g]) for g in goals if ex.goals.get(g)), key=lambda gw: -gw[1])
        )
        value = BASE_VALUE + (sum(w for _, w in served) / len(goals) if goals else 0.0)
        if adapted.sore:
            value += SORE_VALUE
        if (request.time_of_day == "evening" and ex.effect == "calming") or (
            request.time_of_day == "morning" and ex.effect == "stimulating"
        ):
            value *= TIME_OF_DAY_BONUS
        if ex.equipment:
            value *= DEVICE_BONUS
        found.append(
            Candidate(
                exercise=ex,
                position=position,
                intensity=cap(caps),
                direction=adapted.direction,
                gain=round(value * SCALE),
                sore=adapted.sore,
                served=served,
            )
        )
    return found, Left(points=left_points, stimulating=left_stimulating, ruled_out=left_ruled_out)
