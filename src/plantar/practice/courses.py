"""Courses of N sessions at a frequency, and the practitioner's price list.

Two app processes may record a session of the same course at the same moment. Redeeming a
session locks the course row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite every write
transaction already holds the database's write lock from ``BEGIN IMMEDIATE``), so both
increments land. Edits of a course's terms use the ``version`` column instead: an edit based
on a stale read fails with ``Conflict`` rather than overwrite someone else's change.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Price
from plantar.practice import audit
from plantar.practice.clients import owned_client
from plantar.practice.columns import from_minor, to_minor, utcnow
from plantar.practice.errors import Conflict, NotFound
from plantar.practice.models import Client, Course, PriceItem, User, Visit
from plantar.practice.schemas import (
    CourseCreate,
    CoursePublic,
    CourseUpdate,
    PriceCreate,
    PriceListPublic,
    PricePublic,
    SalonReference,
)
from plantar.practice.settings import DEFAULT_CURRENCY
from plantar.practice.visits import check_style, unsigned_visit

SALON_REFERENCE = "price_salon_foot_massage"


def owned_course(session: Session, *, owner: User, course_id: int, lock: bool = False) -> Course:
    query = (
        select(Course)
        .join(Client, Client.id == Course.client_id)
        .where(Course.id == course_id, Client.owner_id == owner.id)
    )
    if lock:
        # Lock the course row only, not the client's: other work on the client goes on.
        query = query.with_for_update(of=Course)
    course = session.scalar(query)
    if course is None:
        raise NotFound("course", course_id)
    return course


def course_public(session: Session, course: Course) -> CoursePublic:
    left = course.sessions_planned - course.sessions_done
    balance = None
    if course.price_total_minor is not None:
        value = Decimal(course.price_total_minor) * left / course.sessions_planned / 100
        balance = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    last = session.scalar(select(func.max(Visit.held_at)).where(Visit.course_id == course.id))
    next_due = None
    if course.status == "active" and left > 0:
        next_due = last.date() + timedelta(days=course.interval_days) if last else course.started_on
    return CoursePublic(
        id=course.id,
        client_id=course.client_id,
        title=course.title,
        sessions_planned=course.sessions_planned,
        interval_days=course.interval_days,
        sessions_done=course.sessions_done,
        sessions_left=left,
        progress=round(course.sessions_done / course.sessions_planned, 4),
        price_total=from_minor(course.price_total_minor),
        remaining_balance=balance,
        currency=course.currency,
        status=course.status,
        started_on=course.started_on,
        next_due=next_due,
        version=course.version,
    )


def create_course(
    session: Session,
    *,
    owner: User,
    client_id: int,
    data: CourseCreate,
    currency: str = DEFAULT_CURRENCY,
    now: datetime | None = None,
) -> CoursePublic:
    now = now or utcnow()
    client = owned_client(session, owner=owner, client_id=client_id)
    course = Course(
        client_id=client.id,
        title=data.title,
        sessions_planned=data.sessions_planned,
        interval_days=data.interval_days,
        sessions_done=0,
        price_total_minor=to_minor(data.price_total) if data.price_total is not None else None,
        currency=data.currency or currency,
        status="active",
        started_on=data.started_on or now.date(),
        created_at=now,
    )
    audit.created(
        session,
        course,
        actor=owner,
        entity="course",
        client_id=client.id,
        now=now,
    )
    return course_public(session, course)


def get_course(session: Session, *, owner: User, course_id: int) -> CoursePublic:
    course = owned_course(session, owner=owner, course_id=course_id)
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="course",
        entity_id=course.id,
        client_id=course.client_id,
    )
    return course_public(session, course)


def list_courses(session: Session, *, owner: User, client_id: int) -> list[CoursePublic]:
    client = owned_client(session, owner=owner, client_id=client_id)
    courses = session.scalars(
        select(Course).where(Course.client_id == client.id).order_by(Course.id)
    )
    result = [course_public(session, c) for c in courses]
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="course_list",
        client_id=client.id,
        detail=f"{len(result)} courses",
    )
    return result


def update_course(
    session: Session, *, owner: User, course_id: int, data: CourseUpdate, expected_version: int
) -> CoursePublic:
    """Change the course's terms, if nobody changed the course since ``expected_version``."""
    course = owned_course(session, owner=owner, course_id=course_id, lock=True)
    if course.version != expected_version:
        raise Conflict(
            _(
                "course {id} was changed by someone else (version {version}, you had "
                "{expected}); reload it and try again"
            ).format(id=course_id, version=course.version, expected=expected_version)
        )
    changes = data.model_dump(exclude_unset=True)
    for field in ("title", "sessions_planned", "interval_days", "status"):
        if field in changes and changes[field] is None:
            raise BadInput(field, None, _("a value (it cannot be emptied with null)"))
    planned = changes.get("sessions_planned", course.sessions_planned)
    if planned < course.sessions_done:
        raise BadInput(
            "sessions_planned",
            planned,
            _("at least {done} (sessions already done)").format(done=course.sessions_done),
        )
    if "price_total" in changes:
        price = changes.pop("price_total")
        course.price_total_minor = to_minor(price) if price is not None else None
    for field, value in changes.items():
        setattr(course, field, value)
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="update",
        entity="course",
        entity_id=course.id,
        client_id=course.client_id,
        detail=",".join(sorted(data.model_dump(exclude_unset=True))),
    )
    return course_public(session, course)


def redeem_session(
    session: Session, *, owner: User, course_id: int, visit_id: int | None = None
) -> CoursePublic:
    """Count one session of the course (linking the visit, when given). The course row is
    locked until the transaction ends, so concurrent redemptions queue instead of colliding."""
    course = owned_course(session, owner=owner, course_id=course_id, lock=True)
    if course.status != "active" or course.sessions_done >= course.sessions_planned:
        raise BadInput("course", course_id, _("an active course with sessions left"))
    if visit_id is not None:
        visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
        if visit.client_id != course.client_id or visit.course_id is not None:
            raise BadInput("visit", visit_id, _("a visit of the course's client not yet counted"))
        visit.course_id = course.id
    course.sessions_done += 1
    if course.sessions_done == course.sessions_planned:
        course.status = "completed"
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="update",
        entity="course",
        entity_id=course.id,
        client_id=course.client_id,
        detail=f"session {course.sessions_done}/{course.sessions_planned}",
    )
    return course_public(session, course)


# Price list ------------------------------------------------------------------------------------


def salon_reference(kb: KnowledgeBase) -> SalonReference | None:
    try:
        price = kb.get(Price, SALON_REFERENCE)
    except KeyError:
        return None
    return SalonReference(
        id=price.id,
        service=price.service.text(),
        amount_min=Decimal(str(price.amount_min)),
        amount_max=Decimal(str(price.amount_max)) if price.amount_max is not None else None,
        currency=price.currency,
        year=price.year,
        depends_on=price.depends_on.text() if price.depends_on is not None else None,
    )


def add_price(
    session: Session,
    *,
    owner: User,
    data: PriceCreate,
    currency: str = DEFAULT_CURRENCY,
    kb: KnowledgeBase | None = None,
) -> PricePublic:
    check_style(data.style, kb or load())
    taken = session.scalar(
        select(PriceItem.id).where(
            PriceItem.owner_id == owner.id, PriceItem.service == data.service
        )
    )
    if taken is not None:
        raise BadInput("service", data.service, _("a service not yet on your price list"))
    item = PriceItem(
        owner_id=owner.id,
        service=data.service,
        style=data.style,
        minutes=data.minutes,
        amount_minor=to_minor(data.amount),
        currency=data.currency or currency,
    )
    session.add(item)
    session.flush()
    return _price_public(item, salon_reference(kb or load()))


def remove_price(session: Session, *, owner: User, price_id: int) -> None:
    item = session.scalar(
        select(PriceItem).where(PriceItem.id == price_id, PriceItem.owner_id == owner.id)
    )
    if item is None:
        raise NotFound("price", price_id)
    session.delete(item)


def _price_public(item: PriceItem, reference: SalonReference | None) -> PricePublic:
    amount = from_minor(item.amount_minor)
    assert amount is not None
    ratio = None
    if reference is not None and reference.currency == item.currency and reference.amount_min:
        ratio = round(float(amount / reference.amount_min), 2)
    return PricePublic(
        id=item.id,
        service=item.service,
        style=item.style,
        minutes=item.minutes,
        amount=amount,
        currency=item.currency,
        vs_salon=ratio,
    )


def price_list(
    session: Session, *, owner: User, kb: KnowledgeBase | None = None
) -> PriceListPublic:
    """The owner's prices, each compared with the article's salon price when the currency is
    the same (the article's figure is from 2019: a reference, not a recommendation)."""
    reference = salon_reference(kb or load())
    items = session.scalars(
        select(PriceItem).where(PriceItem.owner_id == owner.id).order_by(PriceItem.service)
    )
    return PriceListPublic(
        items=[_price_public(i, reference) for i in items], salon_reference=reference
    )
