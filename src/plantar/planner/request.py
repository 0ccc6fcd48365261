"""What a person asks the planner for, and the check that every value in it is known.

The fields are named as in DESIGN.md's JSON API body (a repeatable CLI flag becomes a plural
list), so the CLI and the web API decode into the same ``PlanRequest``. Conditions, age,
minutes since a meal and lesion zones are the screening's to judge (``plantar.safety.screen``
raises ``BadInput`` for them); everything else is checked here, before any planning.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import msgspec

from plantar.errors import BadInput, decoding_error
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import PERFORMERS, Device, Goal, Region, Routine, Style, Zone

TIMES_OF_DAY: Final = ("morning", "afternoon", "evening")
MINUTES_MIN: Final = 1
MINUTES_MAX: Final = 180


class PlanRequest(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """A request for a session: goals and minutes, or a routine of the article."""

    goals: tuple[str, ...] = ()
    minutes: int | None = None
    style: str | None = None
    performer: str = "self"
    time_of_day: str | None = None
    conditions: tuple[str, ...] = ()
    age: int | None = None
    minutes_since_meal: int | None = None
    lesion_zones: tuple[str, ...] = ()
    painful_zones: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    routine: str | None = None
    # As in ``safety.Intake``: the safety questions were answered; conditions a doctor cleared.
    answered: bool = False
    cleared: tuple[str, ...] = ()


def request_of(data: object, within: str = "") -> PlanRequest:
    """JSON values (a decoded body, a stored document) as a ``PlanRequest``; a value of the
    wrong type is ``BadInput`` naming its place (``within`` the enclosing field, if any)."""
    try:
        return msgspec.convert(data, PlanRequest, strict=True)
    except msgspec.ValidationError as exc:
        raise decoding_error(str(exc), within) from None


def _ids(kb: KnowledgeBase, kind: type[msgspec.Struct], name: str) -> list[str]:
    return list(_known(kb)[name])


# Every request is checked against these: listed once per knowledge base, not per request.
@lru_cache(maxsize=8)
def _known(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    kinds: dict[str, type[msgspec.Struct]] = {
        "routines": Routine,
        "goals": Goal,
        "styles": Style,
        "regions": Region,
        "zones": Zone,
        "devices": Device,
    }
    return {
        name: tuple(r.id for r in kb.records(name) if isinstance(r, kind))
        for name, kind in kinds.items()
    }


def check_request(request: PlanRequest, kb: KnowledgeBase) -> None:
    """Raise ``BadInput`` naming the first unknown or out-of-range value and the valid ones."""
    routines = _ids(kb, Routine, "routines")
    if request.routine is not None and request.routine not in routines:
        raise BadInput("routine", request.routine, routines)
    goals = _ids(kb, Goal, "goals")
    if request.routine is None and not request.goals:
        expected = _("at least one goal, one of: {goals}").format(goals=", ".join(sorted(goals)))
        raise BadInput("goals", None, expected)
    for goal in request.goals:
        if goal not in goals:
            raise BadInput("goals", goal, goals)
    minutes = request.minutes
    if (minutes is None and request.routine is None) or (
        minutes is not None and not MINUTES_MIN <= minutes <= MINUTES_MAX
    ):
        expected = _("a whole number from {low} to {high}").format(
            low=MINUTES_MIN, high=MINUTES_MAX
        )
        raise BadInput("minutes", minutes, expected)
    if request.style is not None and request.style not in (styles := _ids(kb, Style, "styles")):
        raise BadInput("style", request.style, styles)
    if request.performer not in PERFORMERS:
        raise BadInput("performer", request.performer, PERFORMERS)
    if request.time_of_day is not None and request.time_of_day not in TIMES_OF_DAY:
        raise BadInput("time_of_day", request.time_of_day, TIMES_OF_DAY)
    places = _ids(kb, Region, "regions") + _ids(kb, Zone, "zones")
    for place in request.painful_zones:
        if place not in places:
            raise BadInput("painful_zones", place, places)
    devices = _ids(kb, Device, "devices")
    for device in request.equipment:
        if device not in devices:
            raise BadInput("equipment", device, devices)
