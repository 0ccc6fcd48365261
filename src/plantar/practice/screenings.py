"""The intake of each visit: the screening questionnaire, its verdict, and the version of the
knowledge base that judged it.

The answers are screened by ``plantar.safety.screen`` when they are recorded; the verdict is
stored, not recomputed, because a later knowledge base may judge the same answers otherwise and
the record must show what the practitioner saw. Lesions charted on the visit's foot chart are
added to the answers as local lesions, and the age follows from the date of birth when the
questionnaire does not give it.

A doctor's clearance (who, on which day, a note, and the relative contraindications it covers)
is stored with the intake it was given for; screening decides what it may soften (never an
absolute contraindication or an emergency) and notes it in the verdict.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Condition
from plantar.practice import audit
from plantar.practice.chart import lesion_targets
from plantar.practice.clients import owned_client
from plantar.practice.columns import utcnow
from plantar.practice.models import Client, Intake, User, Visit
from plantar.practice.schemas import IntakeCreate, IntakePublic
from plantar.practice.visits import owned_visit, unsigned_visit
from plantar.safety import Intake as SafetyIntake
from plantar.safety import screen
from plantar.safety.engine import clearable
from plantar.safety.verdicts import VERDICT_RANK


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
    """Screen the answers and store them with the verdict and the doctor's clearance, if any;
    ``BadInput`` names an unknown condition, style, a bad age or a bad clearance, and nothing
    is stored."""
    now = now or utcnow()
    kb = kb or load()
    visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
    client = session.get(Client, visit.client_id)
    assert client is not None
    age = data.age
    if age is None and client.date_of_birth is not None:
        age = age_on(client.date_of_birth, visit.held_at.date())
    check_clearance(data, today=latest_date(now))
    lesions = sorted(set(data.lesion_zones) | set(lesion_targets(session, visit_id=visit.id)))
    answers = SafetyIntake(
        conditions=tuple(data.conditions),
        age=age,
        style=data.style if data.style is not None else visit.style,
        performer=data.performer,
        minutes_since_meal=data.minutes_since_meal,
        lesion_zones=tuple(lesions),
        answered=data.answered,
        cleared=tuple(dict.fromkeys(data.cleared)),
    )
    # Screening refuses a clearance of a condition the intake does not have, or of one no
    # doctor's word softens (an absolute contraindication, an emergency): BadInput "cleared".
    screening = screen(answers, kb)
    cleared = bool(answers.cleared)
    intake = Intake(
        visit_id=visit.id,
        answers=_builtins(answers),
        verdict=screening.verdict,
        screening=_builtins(screening),
        kb_version=kb.digest,
        created_at=now,
        cleared_by=data.cleared_by if cleared else None,
        cleared_on=data.cleared_on if cleared else None,
        clearance_note=(data.clearance_note or None) if cleared else None,
    )
    audit.created(
        session,
        intake,
        actor=owner,
        entity="intake",
        client_id=visit.client_id,
        # The doctor's name stays out of the audit log, which outlives an erased client.
        detail=f"verdict {screening.verdict}" + (", doctor's clearance" if cleared else ""),
        now=now,
    )
    return IntakePublic.model_validate(intake)


# The time zone furthest ahead (UTC+14, Kiribati): a date that is today anywhere on Earth is
# not in the future. The journal does not know each practitioner's zone, so this errs towards
# accepting the day a doctor wrote down wherever the practice is.
AHEAD_OF_UTC = timedelta(hours=14)


def latest_date(now: datetime) -> date:
    """The latest calendar date anywhere at the moment ``now``."""
    return (now.astimezone(UTC) + AHEAD_OF_UTC).date()


def check_clearance(data: IntakeCreate, *, today: date) -> None:
    """A doctor's clearance is whole: the conditions it covers, who cleared massage, on which
    day (not after ``today``); a note only with them. ``BadInput`` names the missing or bad
    field. Whether each condition may be cleared is screening's to say."""
    if not data.cleared:
        for field in ("cleared_by", "cleared_on", "clearance_note"):
            if getattr(data, field):
                raise BadInput(
                    "cleared",
                    [],
                    _("the conditions the doctor cleared (at least one), or no clearance at all"),
                )
        return
    if data.cleared_by is None:
        raise BadInput("cleared_by", None, _("the name of the doctor who cleared massage"))
    if data.cleared_on is None:
        raise BadInput("cleared_on", None, _("the date of the doctor's clearance (YYYY-MM-DD)"))
    if data.cleared_on > today:
        raise BadInput(
            "cleared_on",
            data.cleared_on.isoformat(),
            _("a date not in the future (today: {today})").format(today=today),
        )


def clearable_conditions(kb: KnowledgeBase, stored: IntakePublic) -> list[str]:
    """The conditions of a stored screening that a doctor's clearance would soften, to offer
    on the intake: relative contraindications that are not emergencies (safety's rule), which
    the intake has, and which screening judged worse than ``adapt`` or were already cleared.
    (Screening accepts a clearance of any clearable condition present; one already ``adapt``
    changes nothing but a note, so it is not offered.)"""
    offered: list[str] = []
    for finding in stored.screening.get("findings") or ():
        condition_id = str(finding.get("condition"))
        try:
            condition = kb.get(Condition, condition_id)
        except KeyError:  # judged by an older knowledge base: no longer known
            continue
        own = condition.verdict  # as screening reads it, before any clearance or style
        if stored.answers.get("lesion_zones") and condition.located_verdict is not None:
            own = condition.located_verdict
        if clearable(condition) and (
            finding.get("cleared") or VERDICT_RANK[own] > VERDICT_RANK["adapt"]
        ):
            offered.append(condition_id)
    return list(dict.fromkeys(offered))


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
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="intake",
        entity_id=latest.id,
        client_id=client.id,
        detail="screening alert",
    )
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
    result = [IntakePublic.model_validate(i) for i in rows]
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="intake",
        entity_id=visit.id,
        client_id=visit.client_id,
        detail=f"{len(result)} of visit {visit.id}",
    )
    return result


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
