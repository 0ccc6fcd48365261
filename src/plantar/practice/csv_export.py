"""A client's visits as CSV (RFC 4180), one row per visit, for a spreadsheet: the session
record, the verdict of its last intake and the doctor's clearance given with it.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a leading
apostrophe: an export must not become a way to run code on the practitioner's machine.
"""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.practice import audit
from plantar.practice.clients import owned_client
from plantar.practice.columns import from_minor
from plantar.practice.models import Finding, Intake, User, Visit

COLUMNS = (
    "visit_id",
    "held_at",
    "duration_minutes",
    "style",
    "pain_before",
    "pain_after",
    "pain_by_region",
    "verdict",
    "cleared",
    "cleared_by",
    "cleared_on",
    "clearance_note",
    "price",
    "currency",
    "course_id",
    "signed_at",
    "subjective",
    "objective",
    "assessment",
    "plan_note",
    "addenda",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_client_csv(session: Session, *, owner: User, client_id: int) -> str:
    client = owned_client(session, owner=owner, client_id=client_id)
    visits = session.scalars(
        select(Visit).where(Visit.client_id == client.id).order_by(Visit.held_at, Visit.id)
    ).all()
    ids = [v.id for v in visits]
    pain: dict[int, dict[str, int]] = {}
    latest: dict[int, Intake] = {}  # each visit's last intake: its verdict and clearance
    if ids:
        for visit_id, region, intensity in session.execute(
            select(Finding.visit_id, Finding.region, Finding.intensity).where(
                Finding.visit_id.in_(ids), Finding.kind == "pain"
            )
        ):
            by_region = pain.setdefault(visit_id, {})
            by_region[region] = max(intensity, by_region.get(region, 0))
        for stored in session.scalars(
            select(Intake).where(Intake.visit_id.in_(ids)).order_by(Intake.id)
        ):
            latest[stored.visit_id] = stored
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for v in visits:
        regions = ";".join(f"{r}:{i}" for r, i in sorted(pain.get(v.id, {}).items()))
        addenda = " | ".join(f"{a.created_at.isoformat()} ({a.reason}) {a.text}" for a in v.addenda)
        intake = latest.get(v.id)
        row = (
            v.id,
            v.held_at.isoformat(),
            v.duration_minutes,
            v.style,
            v.pain_before,
            v.pain_after,
            regions,
            intake.verdict if intake else None,
            ";".join(intake.cleared) if intake else None,
            intake.cleared_by if intake else None,
            intake.cleared_on.isoformat() if intake and intake.cleared_on else None,
            intake.clearance_note if intake else None,
            from_minor(v.price_minor),
            v.currency,
            v.course_id,
            v.signed_at.isoformat() if v.signed_at else None,
            v.subjective,
            v.objective,
            v.assessment,
            v.plan_note,
            addenda,
        )
        writer.writerow([_cell(value) for value in row])
    audit.record(
        session,
        actor=owner,
        action="export",
        entity="client",
        entity_id=client.id,
        client_id=client.id,
        detail="csv",
    )
    return out.getvalue()
