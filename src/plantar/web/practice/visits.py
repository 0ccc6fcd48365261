"""A visit, as JSON (``/api/v1/visits/{id}``: the record, its plan, signing, addenda) and as
pages (``/practice/visits/{id}`` and its ``/plan``) side by side: the plan (made by
``practice.planning`` from the record), the session record (SOAP note, pain before and after,
price), signing, dated addenda, and counting the visit in a course.

A signed note is locked by the practice services (and the database); these pages only stop
offering to edit it. Each form is one transaction: a form with problems changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from fastapi import APIRouter, Body, Response
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Goal, Routine
from plantar.planner import PlanRequest
from plantar.planner.explain import duration
from plantar.planner.request import request_of
from plantar.practice import chart, courses, planning, screenings, visits
from plantar.practice.errors import SignatureUnconfirmed
from plantar.practice.planning import CARRIED, plan_defaults
from plantar.practice.schemas import (
    AddendumCreate,
    AddendumPublic,
    SignRequest,
    VisitCreate,
    VisitPublic,
    VisitUpdate,
)
from plantar.web.deps import KbDep
from plantar.web.forms import Form
from plantar.web.practice import forms
from plantar.web.practice.auth import CurrentUser, FormDep, PracticeDep, RecordId
from plantar.web.practice.forms import FormInvalid, Shown
from plantar.web.practice.intake import clearance_context, verdict_context, visit_header
from plantar.web.practice.shared import (
    ERRORS,
    OnVisit,
    PracticeRoute,
    VisitPage,
    error_doc,
    page,
    see_other,
)
from plantar.web.structs import body_spec

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)


@api.get("/clients/{client_id}/visits", summary="A client's visits, newest first")
def list_visits_route(
    client_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> list[VisitPublic]:
    with practice.db.transaction() as session:
        return visits.list_visits(session, owner=me.user, client_id=client_id)


@api.post("/clients/{client_id}/visits", status_code=201, summary="Record a session")
def create_visit_route(
    client_id: RecordId, body: VisitCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> VisitPublic:
    with practice.db.transaction() as session:
        return visits.create_visit(
            session,
            owner=me.user,
            client_id=client_id,
            data=body,
            currency=practice.settings.currency,
            kb=kb,
        )


@api.get("/visits/{visit_id}", summary="One session record with its addenda")
def get_visit_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> VisitPublic:
    with practice.db.transaction() as session:
        return visits.get_visit(session, owner=me.user, visit_id=visit_id)


@api.patch(
    "/visits/{visit_id}",
    summary="Change an unsigned session record (409 once signed)",
    responses={409: error_doc("The note is signed and locked: add an addendum")},
)
def update_visit_route(
    visit_id: RecordId, body: VisitUpdate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> VisitPublic:
    with practice.db.transaction() as session:
        return visits.update_visit(
            session,
            owner=me.user,
            visit_id=visit_id,
            data=body,
            currency=practice.settings.currency,
            kb=kb,
        )


@api.post(
    "/visits/{visit_id}/sign",
    summary=(
        "Save the note (if sent) and sign and lock it. An empty note or a visit without an "
        "intake is 409 with `confirm` listing them, nothing signed; send them in `confirm` to "
        "sign anyway"
    ),
    responses={409: error_doc("Already signed, or a gap to confirm (`confirm`)")},
)
def sign_visit_route(
    visit_id: RecordId,
    me: CurrentUser,
    practice: PracticeDep,
    kb: KbDep,
    body: SignRequest | None = None,
) -> VisitPublic:
    asked = body or SignRequest()
    with practice.db.transaction() as session:
        return visits.sign_visit(
            session,
            owner=me.user,
            visit_id=visit_id,
            note=asked.note,
            confirmed=asked.confirm,
            currency=practice.settings.currency,
            kb=kb,
        )


@api.post("/visits/{visit_id}/addenda", status_code=201, summary="A dated change to a signed note")
def addendum_route(
    visit_id: RecordId, body: AddendumCreate, me: CurrentUser, practice: PracticeDep
) -> AddendumPublic:
    with practice.db.transaction() as session:
        return visits.add_addendum(session, owner=me.user, visit_id=visit_id, data=body)


@api.post(
    "/visits/{visit_id}/plan",
    summary=(
        "Plan the session: the body of POST /api/v1/plan, completed from the record (the "
        "latest intake's conditions, age, meal, lesions and clearance; the chart's lesions), "
        "screened, planned and stored as the visit's `plan`"
    ),
    openapi_extra=body_spec(PlanRequest, {"goals": ["relaxation"], "minutes": 30}),
    responses={409: error_doc("The visit is signed and locked")},
)
def plan_visit_route(
    visit_id: RecordId,
    body: Annotated[dict[str, Any], Body()],
    me: CurrentUser,
    practice: PracticeDep,
    kb: KbDep,
) -> VisitPublic:
    wanted = request_of(body)
    with practice.db.transaction() as session:
        return planning.plan_visit(session, owner=me.user, visit_id=visit_id, wanted=wanted, kb=kb)


RECORD_FIELDS = (
    "duration_minutes",
    "style",
    "subjective",
    "objective",
    "assessment",
    "plan_note",
    "pain_before",
    "pain_after",
    "price",
)


NUMBERS = ("duration_minutes", "pain_before", "pain_after", "price")


def used_plan(visit: VisitPublic, kb: KnowledgeBase) -> dict[str, Any] | None:
    """The plan or routine stored with the visit, as the pages show it."""
    stored = visit.plan
    if stored is None:
        return None
    if stored.unread is not None:
        return {"unread": True}
    followed = stored.plan
    if followed is None:
        return None
    return {
        "title": followed.title or _("Plan"),
        "total": duration(followed.total_seconds),
        "verdict": followed.screening.verdict,
        "steps": [
            {
                "order": s.order,
                "title": s.title or kb.title(s.technique),
                "target": kb.title(s.target) if s.target else None,
                "foot": s.foot,
                "time": duration(s.seconds),
                "intensity": s.intensity,
            }
            for s in followed.steps
        ],
        "player": "/player?" + query(stored.request),
    }


def query(request: PlanRequest | None) -> str:
    """A plan request as the player page's query string (lists repeat their name)."""
    pairs: list[tuple[str, str]] = []
    for name, value in (msgspec.to_builtins(request) if request else {}).items():
        if isinstance(value, list | tuple):
            pairs.extend((name, str(v)) for v in value)
        elif value is not None and value != "" and value is not False:
            pairs.append((name, str(value)))
    return urlencode(pairs)


def _visit_page(
    at: OnVisit,
    *,
    shown: Shown | None = None,
    errors: dict[str, str] | None = None,
    confirm: dict[str, str] | None = None,
    kept: bool = False,
) -> HTMLResponse:
    """The visit page; ``confirm`` asks to confirm signing despite its gaps (the note as
    typed ``kept``: saved, unsigned)."""
    request, me, practice, kb, visit_id = at
    with practice.db.transaction() as session:
        header = visit_header(session, me, visit_id)
        visit: VisitPublic = header["visit"]
        done = screenings.intakes_of_visit(session, owner=me.user, visit_id=visit_id)
        findings = chart.list_findings(session, owner=me.user, visit_id=visit_id)
        plans = courses.list_courses(session, owner=me.user, client_id=visit.client_id)
    if shown is None:
        shown = Shown(visit.model_dump(include=set(RECORD_FIELDS)))
    return page(
        request,
        "practice/visit.html",
        me,
        status=422 if errors else 409 if confirm else 200,
        title=_("{name}: session").format(name=header["client"]["name"]),
        **header,
        intake=done[-1] if done else None,
        verdict=verdict_context(kb, done[-1]) if done else None,
        clearance=clearance_context(kb, done[-1]) if done else None,
        findings=findings,
        target_titles={f.target: kb.title(f.target) for f in findings},
        used=used_plan(visit, kb),
        courses=[c for c in plans if c.status == "active" and c.sessions_left > 0],
        counted=next((c for c in plans if c.id == visit.course_id), None),
        styles=[{"id": s, "title": kb.title(s)} for s in kb.ids("styles")],
        currency=visit.currency or practice.settings.currency,
        shown=shown,
        errors=errors or {},
        saved=bool(request.query_params.get("saved")),
        confirm=confirm or {},
        kept=kept,
        alternate=f"/api/v1/visits/{visit_id}",
    )


@router.get("/practice/visits/{visit_id}", response_class=HTMLResponse)
def visit_page(at: VisitPage) -> HTMLResponse:
    return _visit_page(at)


def typed_note(form: FormData) -> VisitUpdate:
    """The session record as typed on the visit page (``FormInvalid`` on a bad field).
    Every field is sent: an emptied number clears it, an emptied note becomes empty."""
    data: dict[str, Any] = {name: forms.text(form, name) for name in RECORD_FIELDS}
    for name in (*NUMBERS, "style"):
        data[name] = data[name] or None
    return forms.parse(VisitUpdate, data)


def _save_note(at: OnVisit, note: VisitUpdate) -> None:
    with at.practice.db.transaction() as session:
        visits.update_visit(
            session,
            owner=at.me.user,
            visit_id=at.visit_id,
            data=note,
            currency=at.practice.settings.currency,
            kb=at.kb,
        )


@router.post("/practice/visits/{visit_id}", response_class=HTMLResponse)
def visit_submit(at: VisitPage, form: FormDep) -> Response:
    try:
        _save_note(at, typed_note(form))
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other(f"/practice/visits/{at.visit_id}?saved=1")
    return _visit_page(at, shown=Shown.of(form), errors=errors)


@router.post("/practice/visits/{visit_id}/sign", response_class=HTMLResponse)
def sign_submit(at: VisitPage, form: FormDep) -> Response:
    """The note form's "Sign and lock": the note as typed is signed with it. When signing asks
    to confirm (an empty note, no intake), the note is saved unsigned and the page asks."""
    me, practice, kb, visit_id = at.me, at.practice, at.kb, at.visit_id
    typed = "subjective" in form  # the note form's sign button (not an older bare form)
    try:
        note = typed_note(form) if typed else None
        with practice.db.transaction() as session:
            visits.sign_visit(
                session,
                owner=me.user,
                visit_id=visit_id,
                note=note,
                confirmed=forms.many(form, "confirm"),
                currency=practice.settings.currency,
                kb=kb,
            )
    except FormInvalid as exc:
        return _visit_page(at, shown=Shown.of(form), errors=exc.errors)
    except BadInput as exc:
        return _visit_page(at, shown=Shown.of(form), errors=forms.bad_input(exc))
    except SignatureUnconfirmed as exc:
        if note is not None:  # nothing typed is lost while the practitioner decides
            _save_note(at, note)
        return _visit_page(at, shown=Shown.of(form), confirm=exc.gaps, kept=note is not None)
    return see_other(f"/practice/visits/{visit_id}")


@router.post("/practice/visits/{visit_id}/addenda", response_class=HTMLResponse)
def addendum_submit(at: VisitPage, form: FormDep) -> Response:
    me, practice, visit_id = at.me, at.practice, at.visit_id
    try:
        body = forms.parse(AddendumCreate, forms.filled(form, ("reason", "text")))
        with practice.db.transaction() as session:
            visits.add_addendum(session, owner=me.user, visit_id=visit_id, data=body)
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other(f"/practice/visits/{visit_id}#addenda")
    return _visit_page(at, shown=Shown.of(form), errors=errors)


@router.post("/practice/visits/{visit_id}/course", response_class=HTMLResponse)
def redeem_submit(at: VisitPage, form: FormDep) -> Response:
    me, practice, visit_id = at.me, at.practice, at.visit_id
    try:
        course_id = forms.record_id(
            forms.text(form, "course_id"), "course_id", _("one of the client's active courses")
        )
        with practice.db.transaction() as session:
            courses.redeem_session(session, owner=me.user, course_id=course_id, visit_id=visit_id)
    except BadInput as exc:
        return _visit_page(at, errors=forms.bad_input(exc))
    return see_other(f"/practice/visits/{visit_id}#course")


def _plan_page(
    at: OnVisit, *, shown: Shown | None = None, error: str | None = None
) -> HTMLResponse:
    request, me, practice, kb, visit_id = at
    with practice.db.transaction() as session:
        header = visit_header(session, me, visit_id)
        done = screenings.intakes_of_visit(session, owner=me.user, visit_id=visit_id)
        findings = chart.list_findings(session, owner=me.user, visit_id=visit_id)
    answers = done[-1].answers if done else {}
    if shown is None:
        painful = sorted({f.region for f in findings if f.kind == "pain" and f.intensity > 0})
        shown = Shown(plan_defaults(header["visit"], answers, painful))
    goals = list(kb.all(Goal))
    return page(
        request,
        "practice/plan.html",
        me,
        status=422 if error else 200,
        title=_("{name}: plan").format(name=header["client"]["name"]),
        **header,
        screened=bool(done),
        carried=CARRIED,
        condition_titles=[kb.title(c) for c in shown.all("conditions")],
        used=used_plan(header["visit"], kb),
        goals=[{"id": g.id, "title": kb.title(g.id)} for g in goals],
        routines=[{"id": r.id, "title": kb.title(r.id)} for r in kb.all(Routine)],
        styles=[{"id": s, "title": kb.title(s)} for s in kb.ids("styles")],
        regions=[{"id": r, "title": kb.title(r)} for r in kb.ids("regions")],
        shown=shown,
        error=error,
    )


@router.get("/practice/visits/{visit_id}/plan", response_class=HTMLResponse)
def plan_page(at: VisitPage) -> HTMLResponse:
    return _plan_page(at)


@router.post("/practice/visits/{visit_id}/plan", response_class=HTMLResponse)
def plan_submit(at: VisitPage, form: FormDep) -> Response:
    me, practice, kb, visit_id = at.me, at.practice, at.kb, at.visit_id
    try:
        with practice.db.transaction() as session:
            planning.plan_visit(
                session,
                owner=me.user,
                visit_id=visit_id,
                wanted=Form.of(form).plan_request(),
                kb=kb,
            )
    except BadInput as exc:
        return _plan_page(at, shown=Shown.of(form), error=exc.message)
    return see_other(f"/practice/visits/{visit_id}/plan#plan")
