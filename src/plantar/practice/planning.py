"""Planning a visit: the planner's request completed from the visit's record, planned, stored.

The therapist chooses goals, minutes, style and painful places (the plan page, or the body of
``POST /api/v1/visits/{id}/plan``); what the record already says is taken from the record, on
the server: the latest intake's answers (with its doctor's clearance), and every lesion
charted at this visit, even one marked after the intake (it is kept off). ``CARRIED`` names
the intake's answers that do so; what the therapist sent for them is replaced.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.orm import Session

from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan
from plantar.practice.chart import lesion_targets
from plantar.practice.models import User
from plantar.practice.plan_document import UsedPlan
from plantar.practice.schemas import VisitPublic
from plantar.practice.screenings import intakes_of_visit
from plantar.practice.visits import record_plan, unsigned_visit

# The intake's answers that a plan must honour; the page shows them but does not decide them.
CARRIED = ("conditions", "age", "minutes_since_meal", "lesion_zones")


def visit_plan_request(
    session: Session, *, owner: User, visit_id: int, wanted: PlanRequest
) -> PlanRequest:
    """``wanted`` with the intake's answers and the chart's lesions, done by the therapist.

    Raises ``NotFound`` for a visit that is not ``owner``'s, as every practice service does.
    """
    intakes = intakes_of_visit(session, owner=owner, visit_id=visit_id)
    answers = intakes[-1].answers if intakes else {}
    lesions = [*(answers.get("lesion_zones") or ()), *lesion_targets(session, visit_id=visit_id)]
    return msgspec.structs.replace(
        wanted,
        performer="therapist",
        conditions=tuple(answers.get("conditions") or ()),
        age=answers.get("age"),
        minutes_since_meal=answers.get("minutes_since_meal"),
        lesion_zones=tuple(dict.fromkeys(lesions)),
        # The intake's questionnaire was answered or not, and the doctor's clearance stored
        # with it: the plan is screened as the intake was, so a cleared `avoid` plans `adapt`.
        answered=bool(answers.get("answered")),
        cleared=tuple(answers.get("cleared") or ()),
    )


def plan_visit(
    session: Session,
    *,
    owner: User,
    visit_id: int,
    wanted: PlanRequest,
    kb: KnowledgeBase,
    now: datetime | None = None,
) -> VisitPublic:
    """Plan the visit from ``wanted`` and its record, and store the plan with it.

    ``BadInput`` names a bad value of ``wanted`` (nothing is stored); a signed visit raises
    ``NoteLocked`` before anything is planned.
    """
    unsigned_visit(session, owner=owner, visit_id=visit_id)
    request = visit_plan_request(session, owner=owner, visit_id=visit_id, wanted=wanted)
    made = plan(request, kb)
    used = UsedPlan(plan=made, request=request, routine=request.routine)
    return record_plan(session, owner=owner, visit_id=visit_id, used=used, now=now)


def plan_defaults(
    visit: VisitPublic, answers: dict[str, Any], painful: list[str]
) -> dict[str, Any]:
    """What the plan form starts with: the request planned last time, else the visit's
    length and style and the chart's painful places; the intake's ``CARRIED`` answers always
    (the latest intake's)."""
    carried = {name: answers.get(name) for name in CARRIED}
    asked = visit.plan.request if visit.plan is not None else None
    if asked is not None:
        return dict(msgspec.to_builtins(asked)) | carried
    return carried | {
        "painful_zones": painful,
        "minutes": visit.duration_minutes or 30,
        "style": visit.style or answers.get("style"),
    }
