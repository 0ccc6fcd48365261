"""The append-only audit log: who read or changed which client record, and when.

There is deliberately no function that updates or deletes an event, and the database refuses
UPDATE and DELETE on the table (triggers in the initial migration). Only the admin reads it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.practice.columns import utcnow
from plantar.practice.errors import Forbidden
from plantar.practice.models import AuditEvent, User
from plantar.practice.schemas import AuditEventPublic

ACTIONS = frozenset(
    {
        "read",
        "create",
        "update",
        "sign",
        "addendum",
        "export",
        "backup",
        "restore",
        "delete",
        "disable",
        "enable",
        "password",
        "end_sessions",
        "login_failed",
        "denied",
        "missing",
    }
)


class Row(Protocol):
    """A record with an id once it is written (every table of the journal)."""

    @property
    def id(self) -> int: ...


def created(
    session: Session,
    row: Row,
    *,
    actor: User,
    entity: str,
    client_id: int | None = None,
    detail: str = "",
    now: datetime | None = None,
) -> None:
    """Insert ``row`` and log its creation, in the caller's transaction; ``client_id`` is the
    client the record is about (None: ``row`` is the client, its id known once written)."""
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity=entity,
        entity_id=row.id,
        client_id=row.id if client_id is None else client_id,
        detail=detail,
        now=now,
    )


def record(
    session: Session,
    *,
    actor: User | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    client_id: int | None = None,
    detail: str = "",
    now: datetime | None = None,
) -> None:
    """Append one event to the log, in the caller's transaction (so a rolled-back change
    leaves no trace of itself, and a committed one always has its event)."""
    if action not in ACTIONS:
        raise BadInput("action", action, ACTIONS)
    session.add(
        AuditEvent(
            at=now or utcnow(),
            actor_id=actor.id if actor is not None else None,
            action=action,
            entity=entity,
            entity_id=entity_id,
            client_id=client_id,
            detail=detail[:200],
        )
    )


def read_log(
    session: Session,
    *,
    actor: User,
    client_id: int | None = None,
    actor_id: int | None = None,
    before_id: int | None = None,
    limit: int = 200,
) -> list[AuditEventPublic]:
    """The newest events first (page with ``before_id``); the admin's alone to read."""
    if not actor.is_admin:
        raise Forbidden("only the admin can read the audit log")
    if not 1 <= limit <= 1000:
        raise BadInput("limit", limit, "a number from 1 to 1000")
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if client_id is not None:
        query = query.where(AuditEvent.client_id == client_id)
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    events = [AuditEventPublic.model_validate(e) for e in session.scalars(query)]
    record(session, actor=actor, action="read", entity="audit_log", detail=f"{len(events)} events")
    return events


def refused(
    session: Session,
    *,
    actor_id: int,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: str = "",
) -> None:
    """Log a request the journal refused a logged-in account: ``denied`` (not its to do, 403)
    or ``missing`` (no such record of its own, 404: someone else's, or none). In a transaction
    of its own, the refused one having rolled back; a run of such probes is what an admin
    looks for."""
    if action not in ("denied", "missing"):
        raise BadInput("action", action, ["denied", "missing"])
    session.add(
        AuditEvent(
            at=utcnow(),
            actor_id=actor_id,
            action=action,
            entity=entity[:20],
            entity_id=entity_id,
            client_id=None,
            detail=detail[:200],
        )
    )
