"""The personal journal of a home user: finished guided sessions in the same store.

A home user is their own client: the journal is a client record marked ``is_self`` owned by
the account (by default the local account, for the terminal player), and each finished
session is a visit of it. So the timeline, exports and backups work for it unchanged.

The guide calls, in one transaction::

    with open_database().transaction() as session:
        log_home_session(session, started_at=..., duration_seconds=..., request=request)
"""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase, load
from plantar.planner import Plan, PlanRequest
from plantar.planner import plan as make_plan
from plantar.practice import audit
from plantar.practice.accounts import local_user
from plantar.practice.columns import utcnow
from plantar.practice.models import Client, User
from plantar.practice.plan_document import UsedPlan
from plantar.practice.schemas import VisitCreate, VisitPublic
from plantar.practice.visits import check_style, create_visit, list_visits

# The journal's client record is named in English (it is data); pages say it translated.
JOURNAL_NAME = N_("My journal")


def self_client(session: Session, *, owner: User) -> Client:
    """The account's own journal record, created on first use."""
    client = session.scalar(
        select(Client).where(Client.owner_id == owner.id, Client.is_self.is_(True))
    )
    if client is None:
        now = utcnow()
        client = Client(
            owner_id=owner.id,
            name=JOURNAL_NAME,
            is_self=True,
            consent_given=True,  # one's own journal: the consent is the act of keeping it
            consent_at=now,
            created_at=now,
            updated_at=now,
        )
        audit.created(
            session,
            client,
            actor=owner,
            entity="client",
            detail="personal journal",
        )
    return client


MAX_SECONDS = 600 * 60


def log_home_session(
    session: Session,
    *,
    started_at: datetime,
    duration_seconds: int,
    owner: User | None = None,
    style: str | None = None,
    routine: str | None = None,
    plan: Plan | None = None,
    request: PlanRequest | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    note: str = "",
    kb: KnowledgeBase | None = None,
) -> VisitPublic:
    """Record a finished guided session in ``owner``'s journal (the local account when None).

    ``request`` is what the player was asked for (the body of ``POST /api/v1/plan``): the plan
    is made again from it (``BadInput`` for a bad value), and its style and routine are the
    session's unless given. ``plan`` is a plan already made; ``routine`` the knowledge base's
    routine id when one was played as it stands.
    """
    kb = kb or load()
    if request is not None:
        plan = plan or make_plan(request, kb)
        style = style or request.style
        routine = routine or request.routine
    # A visit lasts at most 600 minutes (schemas.VisitCreate); say so here rather than let
    # the schema's own error escape as something other than bad input.
    if not 0 < duration_seconds <= MAX_SECONDS:
        raise BadInput(
            "duration_seconds",
            duration_seconds,
            _("a number of seconds from 1 to {most}").format(most=MAX_SECONDS),
        )
    for name, pain in (("pain_before", pain_before), ("pain_after", pain_after)):
        if pain is not None and not 0 <= pain <= 10:
            raise BadInput(name, pain, _("a whole number from 0 to 10"))
    if routine is not None and routine not in kb.ids("routines"):
        raise BadInput("routine", routine, kb.ids("routines"))
    check_style(style, kb)
    owner = owner or local_user(session)
    client = self_client(session, owner=owner)
    used = None
    if plan is not None or request is not None or routine is not None:
        used = UsedPlan(plan=plan, request=request, routine=routine)
    data = VisitCreate(
        held_at=started_at,
        duration_minutes=max(1, math.ceil(duration_seconds / 60)),
        style=style,
        subjective=note,
        pain_before=pain_before,
        pain_after=pain_after,
    )
    return create_visit(session, owner=owner, client_id=client.id, data=data, kb=kb, used=used)


def journal_entries(session: Session, *, owner: User | None = None) -> list[VisitPublic]:
    """The journal's sessions, newest first."""
    owner = owner or local_user(session)
    client = self_client(session, owner=owner)
    return list_visits(session, owner=owner, client_id=client.id)
