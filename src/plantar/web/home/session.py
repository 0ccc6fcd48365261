"""A session at home: the safety check and the plan, as pages (`/safety`, `/plan`, the
player) and as JSON (`POST /api/v1/screen`, `POST /api/v1/plan`), from the same domain calls.
"""

from __future__ import annotations

import json
from contextlib import suppress
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plantar.errors import BadInput
from plantar.footmap.demos import RECIPES
from plantar.footmap.spot import illustration
from plantar.guide.outline import outline, unsaid_aftercare
from plantar.guide.timeline import (
    BACK_RESTARTS_AFTER,
    READY_SECONDS,
    SWITCH_PAUSE_DEFAULT,
    SWITCH_PAUSES,
    segments,
)
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import Goal, Region, Routine, Style
from plantar.knowledge.vocabulary import FEET
from plantar.planner import Plan, PlanRequest, plan
from plantar.planner.catalogue import catalogue
from plantar.planner.explain import spoken_duration, written_duration, written_span
from plantar.safety import Intake, Screening, screen
from plantar.safety.advice import NOT_CHECKED_HEADLINE
from plantar.safety.questionnaire import GROUP_ORDER, GROUP_TITLES, questions
from plantar.web.deps import KbDep
from plantar.web.forms import PLAN_FIELDS, SCREEN_FIELDS, Form
from plantar.web.home.foot_map import picture
from plantar.web.structs import JSONBody, body_spec, decode, encode, response_spec
from plantar.web.templating import render
from plantar.web.verdict import screening_context

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["sessions"])


@api.post(
    "/screen",
    summary="Is a foot massage safe now? (DESIGN.md Screening)",
    response_class=JSONBody,
    openapi_extra=body_spec(Intake, {"conditions": ["pregnancy"], "age": 34}),
    responses=response_spec(Screening, "The verdict, each finding with its sources, and notes"),
)
async def screen_route(request: Request, kb: KbDep) -> JSONBody:
    intake = await decode(request, Intake)
    return encode(screen(intake, kb))


@api.post(
    "/plan",
    summary="A timed, screened routine for goals and minutes (DESIGN.md Plan)",
    response_class=JSONBody,
    openapi_extra=body_spec(PlanRequest, {"goals": ["sleep"], "minutes": 15}),
    responses=response_spec(Plan, "The screening, the steps with their timings, reminders"),
)
async def plan_route(request: Request, kb: KbDep) -> JSONBody:
    body = await decode(request, PlanRequest)
    return encode(plan(body, kb))


# A plan's page and the player without a title of their own (said where shown).
SESSION_TITLE = N_("Your session")


# The lengths offered first on the plan form, in minutes (any other may be typed).
MINUTE_PRESETS = (5, 10, 15, 20, 30)
MINUTES_DEFAULT = 15
# The routines a person at home is offered: those done on oneself or by a partner.
HOME_PERFORMERS = frozenset({"self", "partner"})


# The goals most people come for, offered first on the plan form.
COMMON_GOALS = ("relaxation", "sleep", "fatigue", "stress", "leg_pain", "swelling", "headache")


# The answers a link back to the safety check carries (it shows them ticked, to be changed);
# "answered" is not among them: that link is for answering.
CHECK_FIELDS = tuple(f for f in SCREEN_FIELDS if f != "answered")


# The safety answers the plan form carries as hidden fields; style and performer it asks itself.
PLAN_CARRY = tuple(f for f in SCREEN_FIELDS if f not in ("style", "performer"))


def check_link(form: Form) -> str:
    """The safety check, pre-filled with what this request already gave."""
    query = form.query(CHECK_FIELDS)
    return "/safety" + (f"?{query}" if query else "")


def choices(kb: KnowledgeBase) -> dict[str, Any]:
    goals = list(kb.all(Goal))
    goals.sort(
        key=lambda g: (
            g.id not in COMMON_GOALS,
            COMMON_GOALS.index(g.id) if g.id in COMMON_GOALS else 0,
            title_of(g),
        )
    )
    cat = catalogue(kb)
    return {
        "goals": [
            {
                "id": g.id,
                "title": title_of(g),
                "evidence": cat.best_evidence(g.id),
                "common": g.id in COMMON_GOALS,
            }
            for g in goals
        ],
        "minute_presets": MINUTE_PRESETS,
        "minutes_default": MINUTES_DEFAULT,
        "routines": [
            {"id": r.id, "title": title_of(r), "time": written_span(*r.total_seconds())}
            for r in kb.all(Routine)
            if set(r.performers) & HOME_PERFORMERS
        ],
        "styles": [{"id": s.id, "title": title_of(s)} for s in kb.all(Style)],
        "regions": [{"id": r.id, "title": title_of(r)} for r in kb.all(Region)],
    }


@router.get("/safety", response_class=HTMLResponse)
def safety(request: Request, kb: KbDep) -> HTMLResponse:
    form = Form.of(request.query_params)
    groups = {
        g: [q for q in questions(kb) if q.group == g and q.answer == "yes_no"] for g in GROUP_ORDER
    }
    context: dict[str, Any] = {
        "title": _("Is it safe today?"),
        "groups": [(GROUP_TITLES[g], qs) for g, qs in groups.items() if qs],
        "regions": choices(kb)["regions"],
        "form": form,
        # Carried through the page unchanged: the form does not ask them.
        "hidden": [(n, v) for n in ("style", "performer", "cleared") for v in form.many(n)],
        "result": None,
        "error": None,
    }
    if form.text("asked"):
        try:
            result = screen(form.intake(), kb)
        except BadInput as exc:
            context["error"] = exc.message
            return render(request, "home/safety.html", status=422, **context)
        context.update(
            given=given(kb, form),
            verdict=screening_context(kb, result, check_link=check_link(form)),
            result=result,
            carry=form.query(SCREEN_FIELDS),
        )
    return render(request, "home/safety.html", **context)


def given(kb: KnowledgeBase, form: Form) -> dict[str, Any]:
    """What the plan form says about the safety answers it carries, and where to change them."""
    answered = False
    with suppress(BadInput):  # a bad value: the plan form reports it above
        answered = bool(form.flag("answered"))
    return {
        "answered": answered,
        "answers": [kb.title(i) for i in (*form.many("conditions"), *form.many("lesion_zones"))],
        "check_link": check_link(form),
        "not_checked": _(NOT_CHECKED_HEADLINE),
    }


def _plan_verdict(kb: KnowledgeBase, form: Form, result: Plan) -> dict[str, Any]:
    """The verdict box of a plan's page (plan and player alike): the warnings stand above it,
    so its notes leave them out."""
    return screening_context(
        kb, result.screening, check_link=check_link(form), shown_elsewhere=result.warnings
    )


def _plan_context(kb: KnowledgeBase, form: Form, result: Plan) -> dict[str, Any]:
    parts = []
    number = 1
    for part in outline(result):
        parts.append(
            {
                "heading": part.heading,
                "repeated": part.repeated,
                "repeat": part.repeat,
                "time": written_duration(part.seconds),
                "start": number,
                "steps": [
                    {
                        "step": s,
                        "time": written_duration(s.seconds),
                        "picture": picture(kb, illustration(s.target, s.technique, kb)),
                    }
                    for s in part.steps
                ],
            }
        )
        number += len(part.steps)
    return {
        "verdict": _plan_verdict(kb, form, result),
        "plan": result,
        "more": result.more(),
        "parts": parts,
        "aftercare": unsaid_aftercare(result),
        "total": written_duration(result.total_seconds).capitalize(),
    }


def plan_form_context(kb: KnowledgeBase, form: Form) -> dict[str, Any]:
    """What the plan form (templates/home/_plan_form.html) needs, filled from ``form``."""
    return {
        "form": form,
        "choices": choices(kb),
        "carry_fields": PLAN_CARRY,
        "given": given(kb, form),
    }


def _plan_form(request: Request, kb: KnowledgeBase, form: Form, error: str | None) -> HTMLResponse:
    """The plan form, re-rendered with the message (and 422) when the request was bad."""
    return render(
        request,
        "home/plan.html",
        status=422 if error else 200,
        title=_("Plan a session"),
        result=None,
        error=error,
        **plan_form_context(kb, form),
    )


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, kb: KbDep) -> HTMLResponse:
    form = Form.of(request.query_params)
    if not (form.many("goals") or form.text("routine")):
        return _plan_form(request, kb, form, None)
    try:
        result = plan(form.plan_request(), kb)
    except BadInput as exc:
        return _plan_form(request, kb, form, exc.message)
    return render(
        request,
        "home/plan.html",
        title=result.title or _(SESSION_TITLE),
        error=None,
        result=result,
        query=form.query(PLAN_FIELDS),
        **_plan_context(kb, form, result),
        **plan_form_context(kb, form),
    )


@router.get("/player", response_class=HTMLResponse)
def player(request: Request, kb: KbDep) -> HTMLResponse:
    form = Form.of(request.query_params)
    try:
        result = plan(form.plan_request(), kb)
    except BadInput as exc:
        return _plan_form(request, kb, form, exc.message)
    session = {
        "title": result.title or _(SESSION_TITLE),
        "steps": [
            {
                "title": seg.step.title,
                "heading": seg.heading,
                "foot": seg.step.foot,
                "foot_label": FEET.label(seg.step.foot) if seg.step.foot != "none" else "",
                "instruction": seg.step.instruction,
                "seconds": seg.seconds,
                "cue": seg.cue(),
                "foot_call": seg.foot_call,
                "foot_title": seg.foot_title,
                "switch_foot": seg.switch,
                "demo": f"/api/v1/demo/{seg.step.technique}.svg"
                if seg.step.technique in RECIPES
                else None,
            }
            for seg in segments(result)
        ],
        "ready_seconds": READY_SECONDS,
        "back_restarts_after": BACK_RESTARTS_AFTER,
        "aftercare": result.aftercare,
        "farewell": _("Well done.") + " " + " ".join(result.aftercare[:2]),
    }
    return render(
        request,
        "home/player.html",
        title=_("Guided session"),
        result=result,
        verdict=_plan_verdict(kb, form, result),
        total=spoken_duration(result.total_seconds),
        switch_pauses=SWITCH_PAUSES,
        switch_pause_default=SWITCH_PAUSE_DEFAULT,
        session_json=json.dumps(session).replace("</", "<\\/"),
        query=form.query(PLAN_FIELDS),
    )


@router.get("/journal", response_class=HTMLResponse)
def journal(request: Request) -> HTMLResponse:
    """The home journal: kept in the browser (static/journal.js), so no account is needed."""
    return render(request, "home/journal.html", title=_("My journal"))
