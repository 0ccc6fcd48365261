"""/api/v1/screen and /api/v1/plan: the same request fields and result shapes as the CLI."""

from __future__ import annotations

from fastapi import APIRouter, Request

from plantar.planner import Plan, PlanRequest, plan
from plantar.safety import Intake, Screening, screen
from plantar.web.deps import KbDep
from plantar.web.structs import JSONBody, body_spec, decode, encode, response_spec

router = APIRouter(tags=["sessions"])


@router.post(
    "/screen",
    summary="Is a foot massage safe now? (DESIGN.md Screening)",
    response_class=JSONBody,
    openapi_extra=body_spec(Intake, {"conditions": ["pregnancy"], "age": 34}),
    responses=response_spec(Screening, "The verdict, each finding with its sources, and notes"),
)
async def screen_route(request: Request, kb: KbDep) -> JSONBody:
    intake = await decode(request, Intake)
    return encode(screen(intake, kb))


@router.post(
    "/plan",
    summary="A timed, screened routine for goals and minutes (DESIGN.md Plan)",
    response_class=JSONBody,
    openapi_extra=body_spec(PlanRequest, {"goals": ["sleep"], "minutes": 15}),
    responses=response_spec(Plan, "The screening, the steps with their timings, reminders"),
)
async def plan_route(request: Request, kb: KbDep) -> JSONBody:
    body = await decode(request, PlanRequest)
    return encode(plan(body, kb))
