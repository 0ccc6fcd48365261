"""What a person tells screening, and the checks that turn bad values into ``BadInput``.

Every layer reports bad input the same way: the field, the value, and the valid ones. The
messages name the CLI's flags' singular forms (``condition``, ``lesion_zone``) because the CLI
and the web API show the same text.
"""

from __future__ import annotations

import msgspec

from plantar.errors import BadInput
from plantar.i18n import N_, _
from plantar.knowledge.schema import PERFORMERS
from plantar.safety.rulebook import Rulebook

# Ages in whole years. 120 leaves room for the oldest people on record; above it, or below
# zero, the number is a typo and a silent guess would be worse than asking again.
MIN_AGE = 0
MAX_AGE = 120
# What a valid age or meal time is, said in the current language where a value is refused.
_AGE_RANGE = N_("a whole number of years from {low} to {high}")
MINUTES_RANGE = N_("a whole number of minutes, 0 or more")


def age_range() -> str:
    return _(_AGE_RANGE).format(low=MIN_AGE, high=MAX_AGE)


def minutes_range() -> str:
    return _(MINUTES_RANGE)


class Intake(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    conditions: tuple[str, ...] = ()
    age: int | None = None
    style: str | None = None
    performer: str | None = None
    minutes_since_meal: int | None = None
    lesion_zones: tuple[str, ...] = ()  # region or zone ids with a local lesion
    # The person went through every safety question (``plantar screen --ask``, the web
    # safety page): a condition not named is one they do not have.
    answered: bool = False
    # Relative contraindications a doctor has cleared for massage (the practice intake's
    # clearance); each must be present and clearable (safety.engine.clearable).
    cleared: tuple[str, ...] = ()


# bool is an int to Python; True years old is still a mistake.
def check_age(age: object) -> int:
    if isinstance(age, bool) or not isinstance(age, int) or not MIN_AGE <= age <= MAX_AGE:
        raise BadInput("age", age, age_range())
    return age


def check_minutes(minutes: object) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise BadInput("minutes_since_meal", minutes, minutes_range())
    return minutes


def condition_choices(book: Rulebook) -> str:
    derived = ", ".join(sorted(d.condition.id for d in book.derived))
    said = _("one of: {values} ({derived} follow from the age and the minutes since a meal)")
    return said.format(values=", ".join(sorted(book.askable)), derived=derived)


def check_condition(book: Rulebook, condition: object) -> str:
    if not isinstance(condition, str) or condition not in book.askable:
        raise BadInput("conditions", condition, condition_choices(book), among=book.askable)
    return condition


def lesion_choices(book: Rulebook) -> str:
    return _(
        "a region ({regions}) or a zone or point id "
        "(see `plantar kb list zones` and `plantar kb list points`)"
    ).format(regions=", ".join(book.regions))


def check_lesion_zone(book: Rulebook, zone: object) -> str:
    if not isinstance(zone, str) or zone not in book.inside:
        raise BadInput("lesion_zones", zone, lesion_choices(book))
    return zone


def validate(intake: Intake, book: Rulebook) -> None:
    """Raise ``BadInput`` for the first value that is not valid; return when all are."""
    for condition in intake.conditions:
        check_condition(book, condition)
    if intake.age is not None:
        check_age(intake.age)
    if intake.style is not None and intake.style not in book.style_records:
        raise BadInput("style", intake.style, book.styles)
    if intake.performer is not None and intake.performer not in PERFORMERS:
        raise BadInput("performer", intake.performer, PERFORMERS)
    if intake.minutes_since_meal is not None:
        check_minutes(intake.minutes_since_meal)
    for zone in intake.lesion_zones:
        check_lesion_zone(book, zone)
    if not isinstance(intake.answered, bool):
        raise BadInput("answered", intake.answered, _("true or false"))
