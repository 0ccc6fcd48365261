"""The foot chart of a visit: findings on a region or a reflex zone of the knowledge base.

A finding names a region (``arch``) or a zone (``zone_...``); its region is stored with it so
the timeline can chart pain per region without the knowledge base. The chart is checked
against the map: the view must be one the region is drawn on, and a zone drawn on one foot
only cannot be marked on the other. Lesions feed the visit's screening as local lesions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Point, Region, Zone
from plantar.practice import audit
from plantar.practice.columns import utcnow
from plantar.practice.errors import NotFound
from plantar.practice.models import Finding, User
from plantar.practice.schemas import FindingCreate, FindingPublic
from plantar.practice.visits import owned_visit, unsigned_visit


def region_of(target: str, *, side: str, view: str, kb: KnowledgeBase) -> str:
    """The region a chart mark falls in; ``BadInput`` when the mark is not on the map."""
    found = kb.find(target)
    record = found[1] if found is not None else None
    if isinstance(record, Zone | Point):
        region = kb.get(Region, record.region)
        if record.foot in ("left", "right") and record.foot != side:
            raise BadInput("side", side, f"{record.foot}: {target} is on the {record.foot} foot")
    elif isinstance(record, Region):
        region = record
    else:
        raise BadInput(
            "target",
            target,
            "a region ("
            + ", ".join(kb.ids("regions"))
            + "), a zone id (`plantar kb list zones`) or a point id (`plantar kb list points`)",
            among=kb.ids("regions") + kb.ids("zones") + kb.ids("points"),
        )
    if view not in region.views:
        raise BadInput("view", view, region.views)
    return region.id


def add_finding(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    data: FindingCreate,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
) -> FindingPublic:
    now = now or utcnow()
    visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
    region = region_of(data.target, side=data.side, view=data.view, kb=kb or load())
    finding = Finding(
        visit_id=visit.id,
        target=data.target,
        region=region,
        side=data.side,
        view=data.view,
        kind=data.kind,
        intensity=data.intensity,
        comment=data.comment,
        created_at=now,
    )
    session.add(finding)
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="update",
        entity="chart",
        entity_id=visit.id,
        client_id=visit.client_id,
        detail=f"add {data.kind} {data.target}",
        now=now,
    )
    return FindingPublic.model_validate(finding)


def list_findings(session: Session, *, owner: User, visit_id: int) -> list[FindingPublic]:
    visit = owned_visit(session, owner=owner, visit_id=visit_id)
    findings = session.scalars(
        select(Finding).where(Finding.visit_id == visit.id).order_by(Finding.id)
    )
    result = [FindingPublic.model_validate(f) for f in findings]
    audit.record(
        session,
        actor=owner,
        action="read",
        entity="chart",
        entity_id=visit.id,
        client_id=visit.client_id,
    )
    return result


def remove_finding(session: Session, *, owner: User, visit_id: int, finding_id: int) -> None:
    """Take a mark off an unsigned chart (a signed chart is locked with its note)."""
    visit = unsigned_visit(session, owner=owner, visit_id=visit_id)
    finding = session.scalar(
        select(Finding).where(Finding.id == finding_id, Finding.visit_id == visit.id)
    )
    if finding is None:
        raise NotFound("finding", finding_id)
    session.delete(finding)
    session.flush()
    audit.record(
        session,
        actor=owner,
        action="update",
        entity="chart",
        entity_id=visit.id,
        client_id=visit.client_id,
        detail=f"remove {finding.kind} {finding.target}",
    )


def lesion_targets(session: Session, *, visit_id: int) -> list[str]:
    """Regions and zones charted with a lesion at this visit (the caller checked ownership)."""
    rows = session.scalars(
        select(Finding.target)
        .where(Finding.visit_id == visit_id, Finding.kind == "lesion")
        .distinct()
    )
    return sorted(rows)
