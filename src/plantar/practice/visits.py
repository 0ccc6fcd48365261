"""Visits: the session record (date, duration, style, plan used, SOAP note, pain, price),
signing, and dated addenda.

A signed note is locked. The rule is enforced here (``NoteLocked`` before anything is
written) and again by the database (triggers refuse UPDATE or DELETE of a signed visit and any
change to its foot chart or intake), so neither a bug nor a hand-written query rewrites a signed
record. Every change to a visit or its children locks the visit row first (``unsigned_visit``),
so a change racing the signature lands before it or not at all. Later changes are addenda:
dated, with an author and a reason, the original left as it was.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import N_, Words, _
from plantar.knowledge import KnowledgeBase, load
from plantar.practice import audit
from plantar.practice.clients import owned_client
from plantar.practice.columns import from_minor, to_minor, utcnow
from plantar.practice.errors import NoteLocked, NotFound, SignatureUnconfirmed
from plantar.practice.models import Addendum, Client, Intake, User, Visit
from plantar.practice.plan_document import UsedPlan, read_plan
from plantar.practice.schemas import (
    AddendumCreate,
    AddendumPublic,
    VisitCreate,
    VisitPublic,
    VisitUpdate,
)
from plantar.practice.settings import DEFAULT_CURRENCY


def owned_visit(session: Session, *, owner: User, visit_id: int, lock: bool = False) -> Visit:
    """The visit if its client belongs to ``owner``; ``NotFound`` otherwise. With ``lock``
    the visit row is locked until the transaction ends (``SELECT ... FOR UPDATE`` on
    PostgreSQL; SQLite's transactions already hold the write lock) and read afresh."""
    query = (
        select(Visit)
        .join(Client, Client.id == Visit.client_id)
        .where(Visit.id == visit_id, Client.owner_id == owner.id)
    )
    if lock:
        query = query.with_for_update(of=Visit).execution_options(populate_existing=True)
    visit = session.scalar(query)
    if visit is None:
        raise NotFound("visit", visit_id)
    return visit


def ensure_unsigned(visit: Visit) -> None:
    if visit.signed_at is not None:
        raise NoteLocked(visit.id)


def unsigned_visit(session: Session, *, owner: User, visit_id: int) -> Visit:
    """The owner's visit, locked for a change to it or to its chart, intake or plan, and
    checked unsigned under the lock: a change racing the signature either lands before it
    or is ``NoteLocked`` (the database's triggers say the same below this code)."""
    visit = owned_visit(session, owner=owner, visit_id=visit_id, lock=True)
    ensure_unsigned(visit)
    return visit


def check_style(style: str | None, kb: KnowledgeBase) -> None:
    if style is not None and style not in kb.ids("styles"):
        raise BadInput("style", style, kb.ids("styles"))


def visit_public(visit: Visit) -> VisitPublic:
    return VisitPublic(
        id=visit.id,
        client_id=visit.client_id,
        held_at=visit.held_at,
        duration_minutes=visit.duration_minutes,
        style=visit.style,
        plan=visit.plan,
        subjective=visit.subjective,
        objective=visit.objective,
        assessment=visit.assessment,
        plan_note=visit.plan_note,
        pain_before=visit.pain_before,
        pain_after=visit.pain_after,
        price=from_minor(visit.price_minor),
        currency=visit.currency,
        course_id=visit.course_id,
        signed_at=visit.signed_at,
        signed_by=visit.signed_by,
        addenda=[AddendumPublic.model_validate(a) for a in visit.addenda],
    )


def create_visit(
    session: Session,
    *,
    owner: User,
    client_id: int,
    data: VisitCreate,
    currency: str = DEFAULT_CURRENCY,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
    used: UsedPlan | None = None,
) -> VisitPublic:
    """A new visit of the owner's client; ``currency`` (the settings' default) applies to a
    price given without one. ``used`` is a plan made here (the journal's), in place of the
    document ``data.plan`` would be read from."""
    now = now or utcnow()
    client = owned_client(session, owner=owner, client_id=client_id)
    check_style(data.style, kb or load())
    visit = Visit(
        client_id=client.id,
        held_at=data.held_at or now,
        duration_minutes=data.duration_minutes,
        style=data.style,
        plan=used if used is not None or data.plan is None else read_plan(data.plan),
        subjective=data.subjective,
        objective=data.objective,
        assessment=data.assessment,
        plan_note=data.plan_note,
        pain_before=data.pain_before,
        pain_after=data.pain_after,
        price_minor=to_minor(data.price) if data.price is not None else None,
        currency=(data.currency or currency) if data.price is not None else None,
        created_at=now,
        updated_at=now,
    )
    audit.created(
        session,
        visit,
        actor=owner,
        entity="visit",
        client_id=client.id,
        now=now,
    )
    return visit_public(visit)


def get_visit(session: Session, *, owner: User, visit_id: int) -> VisitPublic:
    visit = owned_visit(session, owner=owner, visit_id=visit_id)
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="visit",
        entity_id=visit.id,
        client_id=visit.client_id,
    )
    return visit_public(visit)


def list_visits(session: Session, *, owner: User, client_id: int) -> list[VisitPublic]:
    """The client's visits, newest first."""
    client = owned_client(session, owner=owner, client_id=client_id)
    visits = session.scalars(
        select(Visit).where(Visit.client_id == client.id).order_by(Visit.held_at.desc(), Visit.id)
    )
    result = [visit_public(v) for v in visits]
    audit.record(session, actor=owner, action="read", entity="visit_list", client_id=client.id)
    return result


def update_visit(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    data: VisitUpdate,
    currency: str = DEFAULT_CURRENCY,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
) -> VisitPublic:
    """Change an unsigned visit; a signed one raises ``NoteLocked`` and nothing changes."""
    now = now or utcnow()
    visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
    _apply(visit, data, currency=currency, kb=kb)
    return _changed(session, owner, visit, "update", now, ",".join(sorted(data.model_fields_set)))


def _apply(visit: Visit, data: VisitUpdate, *, currency: str, kb: KnowledgeBase | None) -> None:
    """Set the fields ``data`` gives on the (locked, unsigned) visit; ``BadInput`` first."""
    changes = data.model_dump(exclude_unset=True)
    for field in ("held_at", "subjective", "objective", "assessment", "plan_note"):
        if field in changes and changes[field] is None:
            raise BadInput(field, None, _("a value (it cannot be emptied with null)"))
    if "style" in changes:
        check_style(changes["style"], kb or load())
    if changes.get("plan") is not None:
        changes["plan"] = read_plan(changes["plan"])
    if "price" in changes:
        price = changes.pop("price")
        visit.price_minor = to_minor(price) if price is not None else None
        visit.currency = (changes.get("currency") or currency) if price is not None else None
    elif changes.get("currency") and visit.price_minor is not None:
        visit.currency = changes["currency"]
    changes.pop("currency", None)
    for field, value in changes.items():
        setattr(visit, field, value)


def _changed(
    session: Session, owner: User, visit: Visit, action: str, now: datetime, detail: str = ""
) -> VisitPublic:
    """Stamp a changed visit, write it, and log who changed it and how."""
    visit.updated_at = now
    session.flush()
    audit.record(
        session,
        actor=owner,
        action=action,
        entity="visit",
        entity_id=visit.id,
        client_id=visit.client_id,
        detail=detail,
        now=now,
    )
    return visit_public(visit)


def record_plan(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    used: UsedPlan,
    now: datetime | None = None,
) -> VisitPublic:
    """Store the plan an unsigned visit follows (``NoteLocked`` for a signed one)."""
    now = now or utcnow()
    visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
    visit.plan = used
    return _changed(session, owner, visit, "update", now, "plan")


# What signing asks to confirm: a signature is for good, and these are what a practitioner
# would not sign on purpose. Each is said in words the page and the API show as they are.
SIGNING_GAPS = Words(
    {
        "empty_note": N_("the note is empty (nothing under S, O, A or P)"),
        "no_intake": N_("no intake (safety screening) was recorded for this visit"),
    }
)
NOTE_FIELDS = ("subjective", "objective", "assessment", "plan_note")


def signing_gaps(session: Session, visit: Visit) -> list[str]:
    """What the visit lacks that a signature would lock in (keys of ``SIGNING_GAPS``)."""
    gaps = []
    if not any((getattr(visit, field) or "").strip() for field in NOTE_FIELDS):
        gaps.append("empty_note")
    if session.scalar(select(Intake.id).where(Intake.visit_id == visit.id).limit(1)) is None:
        gaps.append("no_intake")
    return gaps


def sign_visit(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    note: VisitUpdate | None = None,
    confirmed: Collection[str] = (),
    currency: str = DEFAULT_CURRENCY,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
) -> VisitPublic:
    """Save ``note`` (the record as typed, if given) and sign and lock it, in one step.

    A gap of ``SIGNING_GAPS`` not in ``confirmed`` raises ``SignatureUnconfirmed`` naming
    them, and nothing is signed or saved; an unknown confirmation is ``BadInput``. Signing
    twice is ``NoteLocked`` (the first signature stands)."""
    now = now or utcnow()
    unknown = sorted(set(confirmed) - set(SIGNING_GAPS))
    if unknown:
        raise BadInput("confirm", unknown[0], sorted(SIGNING_GAPS))
    visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
    if note is not None:
        _apply(visit, note, currency=currency, kb=kb)
    unconfirmed = [gap for gap in signing_gaps(session, visit) if gap not in confirmed]
    if unconfirmed:
        raise SignatureUnconfirmed(visit.id, {gap: SIGNING_GAPS[gap] for gap in unconfirmed})
    visit.signed_at = now
    visit.signed_by = owner.id
    return _changed(session, owner, visit, "sign", now, ",".join(sorted(confirmed)))


def add_addendum(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    data: AddendumCreate,
    now: datetime | None = None,
) -> AddendumPublic:
    """A dated change to a signed note (an unsigned note is simply edited)."""
    now = now or utcnow()
    visit = owned_visit(session, owner=owner, visit_id=visit_id, lock=True)
    if visit.signed_at is None:
        raise BadInput("visit", visit_id, _("a signed visit (edit an unsigned note directly)"))
    addendum = Addendum(author_id=owner.id, created_at=now, reason=data.reason, text=data.text)
    visit.addenda.append(addendum)  # inserts the addendum; the visit row itself is untouched
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="addendum",
        entity="visit",
        entity_id=visit.id,
        client_id=visit.client_id,
        now=now,
    )
    return AddendumPublic.model_validate(addendum)
