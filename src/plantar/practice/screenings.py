"""The intake of each visit: the screening questionnaire, its verdict, and the version of the
knowledge base that judged it.

The answers are screened by ``plantar.safety.screen`` when they are recorded; the verdict is
stored, not recomputed, because a later knowledge base may judge the same answers otherwise and
the record must show what the practitioner saw. Lesions charted on the visit's foot chart are
added to the answers as local lesions, and the age follows from the date of birth when the
questionnaire does not give it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plantar.knowledge import KnowledgeBase, load
from plantar.practice import audit
from plantar.practice.chart import lesion_targets
from plantar.practice.clients import owned_client
from plantar.practice.columns import utcnow
from plantar.practice.models import Client, Intake, User, Visit
from plantar.practice.schemas import IntakeCreate, IntakePublic
from plantar.practice.visits import ensure_unsigned, owned_visit
from plantar.safety import Intake as SafetyIntake
from plantar.safety import screen


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def record_intake(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    data: IntakeCreate,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
) -> IntakePublic:
    """Screen the answers and store them with the verdict; ``BadInput`` (from screening) names
    an unknown condition, style or a bad age, and nothing is stored."""
    now = now or utcnow()
    kb = kb or load()
    visit = owned_visit(session, owner=owner, visit_id=visit_id)
    ensure_unsigned(visit)
    client = session.get(Client, visit.client_id)
    assert client is not None
    age = data.age
    if age is None and client.date_of_birth is not None:
        age = age_on(client.date_of_birth, visit.held_at.date())
    lesions = sorted(set(data.lesion_zones) | set(lesion_targets(session, visit_id=visit.id)))
    answers = SafetyIntake(
        conditions=tuple(data.conditions),
        age=age,
        style=data.style if data.style is not None else visit.style,
        performer=data.performer,
        minutes_since_meal=data.minutes_since_meal,
        lesion_zones=tuple(lesions),
    )
    screening = screen(answers, kb)
    intake = Intake(
        visit_id=visit.id,
        answers=_builtins(answers),
        verdict=screening.verdict,
        screening=_builtins(screening),
        kb_version=kb.digest,
        created_at=now,
    )
    session.add(intake)
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="create",
        entity="intake",
        entity_id=intake.id,
        client_id=visit.client_id,
        detail=f"verdict {screening.verdict}",
        now=now,
    )
    return IntakePublic.model_validate(intake)


def _builtins(value: msgspec.Struct) -> dict[str, Any]:
    """Plain JSON data (tuples become lists), as it will read back from the database."""
    data: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(value))
    return data


def _latest(session: Session, *, client_id: int, before: datetime | None = None) -> Intake | None:
    query = (
        select(Intake)
        .join(Visit, Visit.id == Intake.visit_id)
        .where(Visit.client_id == client_id)
        .order_by(Visit.held_at.desc(), Intake.id.desc())
        .limit(1)
    )
    if before is not None:
        query = query.where(Visit.held_at < before)
    return session.scalar(query)


def screening_alert(session: Session, *, owner: User, client_id: int) -> IntakePublic | None:
    """The client's most recent screening when its verdict is not ``ok`` (the alert on the
    client's page); None when the last one was ``ok`` or there is none."""
    client = owned_client(session, owner=owner, client_id=client_id)
    latest = _latest(session, client_id=client.id)
    if latest is None or latest.verdict == "ok":
        return None
    return IntakePublic.model_validate(latest)


def previous_intake(
    session: Session, *, owner: User, client_id: int, before: datetime | None = None
) -> IntakePublic | None:
    """The last answers given (before ``before``), to ask "anything changed since last
    time?" with the questionnaire filled in."""
    client = owned_client(session, owner=owner, client_id=client_id)
    latest = _latest(session, client_id=client.id, before=before)
    if latest is not None:
        audit.record(
            session,
            actor=owner,
            action="read",
            entity="intake",
            entity_id=latest.id,
            client_id=client.id,
        )
    return IntakePublic.model_validate(latest) if latest is not None else None


def intakes_of_visit(session: Session, *, owner: User, visit_id: int) -> list[IntakePublic]:
    visit = owned_visit(session, owner=owner, visit_id=visit_id)
    rows = session.scalars(select(Intake).where(Intake.visit_id == visit.id).order_by(Intake.id))
    return [IntakePublic.model_validate(i) for i in rows]


def clients_with_alerts(session: Session, *, owner: User) -> dict[int, str]:
    """Client id -> verdict, for each of the owner's clients whose latest screening is not ok
    (one query, for the alert badges of the client list)."""
    ranked = (
        select(
            Visit.client_id.label("client_id"),
            Intake.verdict.label("verdict"),
            func.row_number()
            .over(partition_by=Visit.client_id, order_by=(Visit.held_at.desc(), Intake.id.desc()))
            .label("rank"),
        )
        .join(Intake, Intake.visit_id == Visit.id)
        .join(Client, Client.id == Visit.client_id)
        .where(Client.owner_id == owner.id)
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.client_id, ranked.c.verdict).where(
            ranked.c.rank == 1, ranked.c.verdict != "ok"
        )
    )
    return {int(client_id): str(verdict) for client_id, verdict in rows}
