"""A therapist's plan for a visit: the planner's request completed from the visit's record.

The page lets the therapist choose goals, minutes, style and painful places; what the record
already says is taken from the record, on the server: the latest intake's answers (with its
doctor's clearance), and every lesion charted at this visit, even one marked after the intake
(it is kept off).
"""

from __future__ import annotations

import msgspec
from sqlalchemy.orm import Session

from plantar.planner import PlanRequest
from plantar.practice.chart import lesion_targets
from plantar.practice.models import User
from plantar.practice.screenings import intakes_of_visit

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
