"""A client's visits over time, with the pain charted per region at each.

Three index-backed queries, whatever the size of the journal: the visits by
``ix_visits_client_id_held_at``, then the pain findings and the verdicts of those visits by
``ix_findings_visit_id`` and ``ix_intakes_visit_id`` (joined through the same visit index).
Nothing is loaded as ORM objects: only the columns the chart needs.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plantar.practice import audit
from plantar.practice.clients import owned_client
from plantar.practice.models import Finding, Intake, User, Visit
from plantar.practice.schemas import TimelinePoint, TimelinePublic, TimelineVisit


def client_timeline(session: Session, *, owner: User, client_id: int) -> TimelinePublic:
    client = owned_client(session, owner=owner, client_id=client_id)
    visits = session.execute(
        select(
            Visit.id,
            Visit.held_at,
            Visit.style,
            Visit.pain_before,
            Visit.pain_after,
            Visit.signed_at,
        )
        .where(Visit.client_id == client.id)
        .order_by(Visit.held_at, Visit.id)
    ).all()
    pain: dict[int, dict[str, int]] = {}
    for visit_id, region, intensity in session.execute(
        select(Finding.visit_id, Finding.region, func.max(Finding.intensity))
        .join(Visit, Visit.id == Finding.visit_id)
        .where(Visit.client_id == client.id, Finding.kind == "pain")
        .group_by(Finding.visit_id, Finding.region)
    ):
        pain.setdefault(visit_id, {})[region] = intensity
    verdicts: dict[int, str] = {}
    for visit_id, verdict in session.execute(
        select(Intake.visit_id, Intake.verdict)
        .join(Visit, Visit.id == Intake.visit_id)
        .where(Visit.client_id == client.id)
        .order_by(Intake.id)
    ):
        verdicts[visit_id] = verdict  # the last screening of a visit wins
    rows: list[TimelineVisit] = []
    series: dict[str, list[TimelinePoint]] = {}
    for visit_id, held_at, style, before, after, signed_at in visits:
        by_region = dict(sorted(pain.get(visit_id, {}).items()))
        rows.append(
            TimelineVisit(
                visit_id=visit_id,
                held_at=held_at,
                style=style,
                pain_before=before,
                pain_after=after,
                verdict=verdicts.get(visit_id),
                signed=signed_at is not None,
                pain_by_region=by_region,
            )
        )
        for region, intensity in by_region.items():
            series.setdefault(region, []).append(
                TimelinePoint(held_at=held_at, visit_id=visit_id, intensity=intensity)
            )
    audit.record(session, actor=owner, action="read", entity="timeline", client_id=client.id)
    return TimelinePublic(
        client_id=client.id, visits=rows, pain_series=dict(sorted(series.items()))
    )
