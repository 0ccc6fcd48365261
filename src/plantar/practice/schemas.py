"""Input and output shapes of the practice journal (pydantic v2, shared with the web API).

Naming grammar: ``XCreate`` (what a form or a POST gives), ``XUpdate`` (fields to change;
absent means unchanged), ``XPublic`` (what a page or a GET shows). Inputs forbid unknown
fields; ``parse_input`` turns a validation error into ``BadInput`` naming the field.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)

from plantar.errors import BadInput
from plantar.knowledge.schema import View
from plantar.practice.plan_document import UsedPlan


def _no_controls(value: str) -> str:
    """One-line text (names, contacts): no control characters at all, and something to see
    (not only zero-width, direction or other format characters)."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters")
    if value and not any(unicodedata.category(ch)[0] in "LNPS" for ch in value):
        raise ValueError("must contain a letter, digit or sign (not only invisible characters)")
    return value


def _no_nul(value: str) -> str:
    """Free text keeps its line breaks and tabs, but PostgreSQL cannot store NUL."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Pain = Annotated[int, Field(ge=0, le=10)]
# At most 9 999 999.99: stored as whole hundredths in a 32-bit column on either engine (and so
# always backed up and restored as it was accepted).
Money = Annotated[Decimal, Field(ge=0, le=Decimal("9999999.99"), max_digits=9, decimal_places=2)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_controls)]
Contact = Annotated[str, Field(max_length=300), AfterValidator(_no_controls)]
Note = Annotated[str, Field(max_length=20_000), AfterValidator(_no_nul)]
Short = Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)]
Side = Literal["left", "right"]
FindingKind = Literal["pain", "tension", "callus", "lesion", "do_not_touch"]


def _plausible_birth_date(value: date | None) -> date | None:
    if value is not None and not date(1900, 1, 1) <= value <= date.today():
        raise ValueError("must be between 1900-01-01 and today")
    return value


BirthDate = Annotated[date | None, AfterValidator(_plausible_birth_date)]

# A moment or a day of the journal (a session, a clearance, a course's start) lies between
# these and two years from now: anything else is a typo, and a year such as 999 or 9999 with an
# offset cannot even be converted to UTC. Checked after the conversion, which is what is stored.
EARLIEST_DAY = date(1970, 1, 1)
AHEAD = timedelta(days=731)
_RANGE = "must be between 1970-01-01 and two years from now"


def _plausible_moment(value: datetime) -> datetime:
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise ValueError(_RANGE) from None
    if not datetime.combine(EARLIEST_DAY, time(), UTC) <= utc <= datetime.now(UTC) + AHEAD:
        raise ValueError(_RANGE)
    return utc


def _plausible_day(value: date) -> date:
    if not EARLIEST_DAY <= value <= date.today() + AHEAD:
        raise ValueError(_RANGE)
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_plausible_moment)]
Day = Annotated[date, AfterValidator(_plausible_day)]
# An id of the knowledge base as a list item (a condition, a zone): screening names an unknown
# one; this only keeps a request from being megabytes.
KbId = Annotated[str, Field(max_length=80)]
KbIds = Annotated[list[KbId], Field(max_length=100)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


M = TypeVar("M", bound=BaseModel)


def parse_input(model: type[M], data: Mapping[str, Any]) -> M:
    """Validate a form or JSON body; the first problem becomes ``BadInput`` naming its field.

    Adapters that show every problem at once (a form) can catch ``ValidationError`` instead.
    """
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or model.__name__
        raise BadInput(field, first.get("input"), first["msg"].lower()) from exc


# Clients ---------------------------------------------------------------------------------------


class ClientCreate(Input):
    name: Name
    date_of_birth: BirthDate = None
    contact: Contact = ""
    notes: Note = ""
    consent: bool = False


class ClientUpdate(Input):
    name: Name | None = None
    date_of_birth: BirthDate = None
    contact: Contact | None = None
    notes: Note | None = None
    consent: bool | None = None


class ClientPublic(Output):
    id: int
    name: str
    date_of_birth: date | None
    contact: str
    notes: str
    consent_given: bool
    consent_at: datetime | None
    created_at: datetime
    updated_at: datetime


# Visits: intake, chart, session record ---------------------------------------------------------


class IntakeCreate(Input):
    """The screening questionnaire (the fields of ``plantar.safety.Intake``)."""

    conditions: KbIds = []
    age: Annotated[int, Field(ge=0)] | None = None  # the range is screening's to check
    style: Annotated[str, Field(max_length=80)] | None = None
    performer: Annotated[str, Field(max_length=80)] | None = "therapist"
    minutes_since_meal: Annotated[int, Field(ge=0, le=7 * 24 * 60)] | None = None  # a week
    lesion_zones: KbIds = []
    # Went through the whole questionnaire: a condition not named is one the client does not
    # have (the practice intake page sends true).
    answered: bool = False
    # A doctor's clearance: the relative contraindications it covers (each must be present
    # and clearable: screening says which), who cleared massage and when, and a note. Who and
    # when are required with ``cleared``; none of them is allowed without it.
    cleared: KbIds = []
    cleared_by: Name | None = None
    cleared_on: Day | None = None  # not in the future: the service checks it against its clock
    clearance_note: Short | None = None


class IntakePublic(Output):
    id: int
    visit_id: int
    answers: dict[str, Any]
    verdict: str
    screening: dict[str, Any]
    kb_version: str
    created_at: datetime
    # The doctor's clearance stored with the intake (``cleared`` empty and the rest None
    # when there is none).
    cleared: list[str]
    cleared_by: str | None
    cleared_on: date | None
    clearance_note: str | None


class FindingCreate(Input):
    target: Annotated[str, Field(min_length=1, max_length=60)]
    side: Side
    view: View = "sole"
    kind: FindingKind
    intensity: Pain = 0
    comment: Short = ""


class FindingPublic(Output):
    id: int
    visit_id: int
    target: str
    region: str
    side: str
    view: str
    kind: str
    intensity: int
    comment: str
    created_at: datetime


class VisitCreate(Input):
    held_at: Moment | None = None
    duration_minutes: Annotated[int, Field(gt=0, le=600)] | None = None
    style: Annotated[str, Field(max_length=80)] | None = None
    plan: dict[str, Any] | None = None
    subjective: Note = ""
    objective: Note = ""
    assessment: Note = ""
    plan_note: Note = ""
    pain_before: Pain | None = None
    pain_after: Pain | None = None
    price: Money | None = None
    currency: Currency | None = None


class VisitUpdate(Input):
    held_at: Moment | None = None
    duration_minutes: Annotated[int, Field(gt=0, le=600)] | None = None
    style: Annotated[str, Field(max_length=80)] | None = None
    plan: dict[str, Any] | None = None
    subjective: Note | None = None
    objective: Note | None = None
    assessment: Note | None = None
    plan_note: Note | None = None
    pain_before: Pain | None = None
    pain_after: Pain | None = None
    price: Money | None = None
    currency: Currency | None = None


class SignRequest(Input):
    """The body of a signature, all optional: the note as typed (saved with the sign) and the
    gaps the practitioner confirms signing with (``empty_note``, ``no_intake``)."""

    note: VisitUpdate | None = None
    confirm: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=10)] = []


class AddendumCreate(Input):
    text: Annotated[Note, Field(min_length=1)]
    reason: Annotated[Short, Field(min_length=1, max_length=500)]


class AddendumPublic(Output):
    id: int
    author_id: int
    created_at: datetime
    reason: str
    text: str


def _plan_document(value: UsedPlan | None) -> dict[str, Any] | None:
    return None if value is None else value.document()


# A visit's stored plan: typed in Python (``UsedPlan``), its JSON document in the API.
PlanDocument = Annotated[
    UsedPlan | None,
    PlainSerializer(_plan_document),
    WithJsonSchema(
        {
            "anyOf": [{"type": "object"}, {"type": "null"}],
            "description": "What the visit followed: `plan` (as POST /api/v1/plan returns "
            "it), `request` (the plan request it was made from), `routine` (a routine's id)",
        }
    ),
]


class VisitPublic(Output):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: int
    client_id: int
    held_at: datetime
    duration_minutes: int | None
    style: str | None
    plan: PlanDocument
    subjective: str
    objective: str
    assessment: str
    plan_note: str
    pain_before: int | None
    pain_after: int | None
    price: Decimal | None
    currency: str | None
    course_id: int | None
    signed_at: datetime | None
    signed_by: int | None
    addenda: list[AddendumPublic]


# Courses and prices ----------------------------------------------------------------------------


class CourseCreate(Input):
    title: Name
    sessions_planned: Annotated[int, Field(gt=0, le=100)]
    interval_days: Annotated[int, Field(gt=0, le=60)] = 1
    price_total: Money | None = None
    currency: Currency | None = None
    started_on: Day | None = None


class CourseUpdate(Input):
    title: Name | None = None
    sessions_planned: Annotated[int, Field(gt=0, le=100)] | None = None
    interval_days: Annotated[int, Field(gt=0, le=60)] | None = None
    price_total: Money | None = None
    status: Literal["active", "completed", "cancelled"] | None = None


class CoursePublic(Output):
    id: int
    client_id: int
    title: str
    sessions_planned: int
    interval_days: int
    sessions_done: int
    sessions_left: int
    progress: float
    price_total: Decimal | None
    remaining_balance: Decimal | None
    currency: str
    status: str
    started_on: date
    next_due: date | None
    version: int


class PriceCreate(Input):
    service: Name
    style: Annotated[str, Field(max_length=80)] | None = None
    minutes: Annotated[int, Field(gt=0, le=600)] | None = None
    amount: Money
    currency: Currency | None = None


class SalonReference(Output):
    """The article's salon price, shown for comparison (never a recommendation)."""

    id: str
    service: str
    amount_min: Decimal
    amount_max: Decimal | None
    currency: str
    year: int
    depends_on: str | None


class PricePublic(Output):
    id: int
    service: str
    style: str | None
    minutes: int | None
    amount: Decimal
    currency: str
    # amount / the article's salon minimum, when the currencies agree
    vs_salon: float | None


class PriceListPublic(Output):
    items: list[PricePublic]
    salon_reference: SalonReference | None


# Timeline and audit ----------------------------------------------------------------------------


class TimelineVisit(Output):
    visit_id: int
    held_at: datetime
    style: str | None
    pain_before: int | None
    pain_after: int | None
    verdict: str | None
    signed: bool
    # the strongest pain charted in each region at this visit
    pain_by_region: dict[str, int]


class TimelinePoint(Output):
    held_at: datetime
    visit_id: int
    intensity: int


class TimelinePublic(Output):
    client_id: int
    visits: list[TimelineVisit]
    pain_series: dict[str, list[TimelinePoint]]


class AuditEventPublic(Output):
    id: int
    at: datetime
    actor_id: int | None
    action: str
    entity: str
    entity_id: int | None
    client_id: int | None
    detail: str


class UserPublic(Output):
    id: int
    email: str
    role: str
    created_at: datetime
    disabled_at: datetime | None
