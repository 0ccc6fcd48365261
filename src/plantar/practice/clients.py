"""Clients, each owned by one practitioner.

Every lookup goes through ``owned_client``: the owner is part of the WHERE clause, so another
practitioner's client is simply not found — the same ``NotFound`` as an id that never existed.
Reads and changes are written to the audit log in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.practice import audit
from plantar.practice.columns import utcnow
from plantar.practice.errors import NotFound
from plantar.practice.models import Client, User
from plantar.practice.schemas import ClientCreate, ClientPublic, ClientUpdate


def owned_client(session: Session, *, owner: User, client_id: int, lock: bool = False) -> Client:
    """The client with this id if ``owner`` owns it; ``NotFound`` otherwise."""
    query = select(Client).where(Client.id == client_id, Client.owner_id == owner.id)
    if lock:
        query = query.with_for_update()
    client = session.scalar(query)
    if client is None:
        raise NotFound("client", client_id)
    return client


def create_client(
    session: Session, *, owner: User, data: ClientCreate, now: datetime | None = None
) -> ClientPublic:
    now = now or utcnow()
    client = Client(
        owner_id=owner.id,
        name=data.name,
        date_of_birth=data.date_of_birth,
        contact=data.contact,
        notes=data.notes,
        consent_given=data.consent,
        consent_at=now if data.consent else None,
        created_at=now,
        updated_at=now,
    )
    audit.created(
        session,
        client,
        actor=owner,
        entity="client",
        now=now,
    )
    return ClientPublic.model_validate(client)


def get_client(session: Session, *, owner: User, client_id: int) -> ClientPublic:
    client = owned_client(session, owner=owner, client_id=client_id)
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="client",
        entity_id=client.id,
        client_id=client.id,
    )
    return ClientPublic.model_validate(client)


def list_clients(
    session: Session, *, owner: User, search: str | None = None, limit: int = 500
) -> list[ClientPublic]:
    """The owner's clients by name (the personal "me" of a home journal is not listed)."""
    if not 1 <= limit <= 5000:
        raise BadInput("limit", limit, _("a number from 1 to 5000"))
    query = (
        select(Client)
        .where(Client.owner_id == owner.id, Client.is_self.is_(False))
        .order_by(Client.name, Client.id)
        .limit(limit)
    )
    if search and (len(search) > 200 or "\x00" in search):
        raise BadInput("q", search, _("a part of a name: up to 200 characters, no NUL"))
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Client.name.ilike(f"%{escaped}%", escape="\\"))
    clients = [ClientPublic.model_validate(c) for c in session.scalars(query)]
    audit.record(
        session, actor=owner, action="read", entity="client_list", detail=f"{len(clients)} clients"
    )
    return clients


def update_client(
    session: Session,
    *,
    owner: User,
    client_id: int,
    data: ClientUpdate,
    now: datetime | None = None,
) -> ClientPublic:
    """Change the fields given in ``data`` (a field sent as null clears it where it may be
    empty; the name may not). Giving consent stamps the time; withdrawing clears it."""
    now = now or utcnow()
    client = owned_client(session, owner=owner, client_id=client_id)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "contact", "notes", "consent"):
        if field in changes and changes[field] is None:
            raise BadInput(field, None, _("a value (it cannot be emptied with null)"))
    if "consent" in changes and changes["consent"] != client.consent_given:
        client.consent_given = changes["consent"]
        client.consent_at = now if changes["consent"] else None
    for field in ("name", "date_of_birth", "contact", "notes"):
        if field in changes:
            setattr(client, field, changes[field])
    client.updated_at = now
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="update",
        entity="client",
        entity_id=client.id,
        client_id=client.id,
        detail=",".join(sorted(changes)),
        now=now,
    )
    return ClientPublic.model_validate(client)
