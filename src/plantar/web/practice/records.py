"""The records around the visits, each as JSON (``/api/v1/...``) and as a page side by side:
courses, the price list (with the article's salon price), a client's timeline with its pain
charts, exports (FHIR R4B, CSV), the admin's audit log, and the personal journal of the
guided player.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from plantar.errors import BadInput, whole_number
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.planner.request import request_of
from plantar.practice import audit, clients, courses, csv_export, fhir_bundle, journal, timeline
from plantar.practice.accounts import list_users
from plantar.practice.schemas import (
    AuditEventPublic,
    CourseCreate,
    CoursePublic,
    CourseUpdate,
    Moment,
    Note,
    Pain,
    PriceCreate,
    PriceListPublic,
    PricePublic,
    TimelinePublic,
    VisitPublic,
)
from plantar.web.deps import KbDep
from plantar.web.practice import forms
from plantar.web.practice.auth import MAX_ID, CurrentUser, FormDep, Me, PracticeDep, RecordId
from plantar.web.practice.clients import titles
from plantar.web.practice.forms import FormInvalid, Shown
from plantar.web.practice.pain_chart import pain_charts
from plantar.web.practice.shared import (
    ERRORS,
    PracticeRoute,
    client_name,
    error_doc,
    page,
    see_other,
)

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)


@api.get("/clients/{client_id}/courses", summary="A client's courses with progress and balance")
def list_courses_route(
    client_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> list[CoursePublic]:
    with practice.db.transaction() as session:
        return courses.list_courses(session, owner=me.user, client_id=client_id)


@api.post("/clients/{client_id}/courses", status_code=201, summary="Plan a course of sessions")
def create_course_route(
    client_id: RecordId, body: CourseCreate, me: CurrentUser, practice: PracticeDep
) -> CoursePublic:
    with practice.db.transaction() as session:
        return courses.create_course(
            session,
            owner=me.user,
            client_id=client_id,
            data=body,
            currency=practice.settings.currency,
        )


@api.get("/courses/{course_id}", summary="One course")
def get_course_route(course_id: RecordId, me: CurrentUser, practice: PracticeDep) -> CoursePublic:
    with practice.db.transaction() as session:
        return courses.get_course(session, owner=me.user, course_id=course_id)


def _version(if_match: str | None) -> int:
    """The course version an edit is based on, from ``If-Match: "3"`` (or ``3``)."""
    raw = (if_match or "").strip().removeprefix("W/").strip('"')
    valid = _('the course\'s version as read (its `version` field), e.g. "3"')
    if not raw:
        raise BadInput("If-Match", if_match, valid)
    return whole_number("If-Match", raw, valid, high=MAX_ID)


@api.patch(
    "/courses/{course_id}",
    summary="Change a course's terms; If-Match names the version the change is based on",
    responses={409: error_doc("Someone changed the course since it was read")},
)
def update_course_route(
    course_id: RecordId,
    body: CourseUpdate,
    me: CurrentUser,
    practice: PracticeDep,
    if_match: Annotated[str | None, Header()] = None,
) -> CoursePublic:
    expected = _version(if_match)
    with practice.db.transaction() as session:
        return courses.update_course(
            session, owner=me.user, course_id=course_id, data=body, expected_version=expected
        )


class RedeemBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    visit_id: int | None = Field(default=None, ge=1, le=MAX_ID)


@api.post(
    "/courses/{course_id}/sessions",
    summary="Count one session of the course (linking the visit, when given)",
)
def redeem_route(
    course_id: RecordId, body: RedeemBody, me: CurrentUser, practice: PracticeDep
) -> CoursePublic:
    with practice.db.transaction() as session:
        return courses.redeem_session(
            session, owner=me.user, course_id=course_id, visit_id=body.visit_id
        )


@api.get("/prices", summary="The caller's price list, with the article's salon price")
def prices_route(me: CurrentUser, practice: PracticeDep, kb: KbDep) -> PriceListPublic:
    with practice.db.transaction() as session:
        return courses.price_list(session, owner=me.user, kb=kb)


@api.post("/prices", status_code=201, summary="Add a service to the price list")
def add_price_route(
    body: PriceCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> PricePublic:
    with practice.db.transaction() as session:
        return courses.add_price(
            session, owner=me.user, data=body, currency=practice.settings.currency, kb=kb
        )


@api.delete("/prices/{price_id}", status_code=204, summary="Remove a service")
def remove_price_route(price_id: RecordId, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        courses.remove_price(session, owner=me.user, price_id=price_id)
    return Response(status_code=204)


@api.get("/clients/{client_id}/timeline", summary="A client's visits and pain per region over time")
def timeline_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep) -> TimelinePublic:
    with practice.db.transaction() as session:
        return timeline.client_timeline(session, owner=me.user, client_id=client_id)


@api.get(
    "/clients/{client_id}/fhir",
    summary="The client's record as a FHIR R4B Bundle",
    response_class=Response,
    responses={200: {"content": {"application/fhir+json": {"schema": {"type": "object"}}}}},
)
def fhir_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep, kb: KbDep) -> Response:
    with practice.db.transaction() as session:
        bundle = fhir_bundle.export_client_fhir(session, owner=me.user, client_id=client_id, kb=kb)
    return Response(
        msgspec.json.encode(bundle),
        media_type="application/fhir+json",
        headers={"Content-Disposition": f'attachment; filename="client-{client_id}.fhir.json"'},
    )


@api.get(
    "/clients/{client_id}/csv",
    summary="The client's visits as CSV, one row per visit",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def csv_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        text = csv_export.export_client_csv(session, owner=me.user, client_id=client_id)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="client-{client_id}.csv"'},
    )


@api.get("/audit", summary="The audit log, newest first (the admin's alone)")
def audit_route(
    me: CurrentUser,
    practice: PracticeDep,
    client_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    actor_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    before_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: int = 200,
) -> list[AuditEventPublic]:
    with practice.db.transaction() as session:
        return audit.read_log(
            session,
            actor=me.user,
            client_id=client_id,
            actor_id=actor_id,
            before_id=before_id,
            limit=limit,
        )


class JournalEntryCreate(BaseModel):
    """A finished guided session. ``plan_request`` is what the player was asked for (the body
    of ``POST /api/v1/plan``); the plan is computed again from it and stored as followed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    started_at: Moment
    # A visit lasts at most 600 minutes (VisitCreate); said here so that a longer one is a
    # 422 naming this field, not a failure inside the journal.
    duration_seconds: int = Field(gt=0, le=600 * 60)
    plan_request: dict[str, Any] | None = None
    pain_before: Pain | None = None
    pain_after: Pain | None = None
    note: Note = ""


@api.post("/journal", status_code=201, summary="Save a finished guided session to my journal")
def journal_route(
    body: JournalEntryCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> VisitPublic:
    asked = body.plan_request
    request = None if asked is None else request_of(asked, "plan_request")
    with practice.db.transaction() as session:
        return journal.log_home_session(
            session,
            started_at=body.started_at,
            duration_seconds=body.duration_seconds,
            owner=me.user,
            request=request,
            pain_before=body.pain_before,
            pain_after=body.pain_after,
            note=body.note,
            kb=kb,
        )


@api.get("/journal", summary="My journal's sessions, newest first")
def journal_list_route(me: CurrentUser, practice: PracticeDep) -> list[VisitPublic]:
    with practice.db.transaction() as session:
        return journal.journal_entries(session, owner=me.user)


PRICE_FIELDS = ("service", "style", "minutes", "amount")


def timeline_charts(kb: KnowledgeBase, history: TimelinePublic) -> list[Any]:
    """Pain before each session, then pain charted per region, on one time axis."""
    series: dict[str, list[Any]] = {}
    reported = [(v.held_at, v.pain_before) for v in history.visits if v.pain_before is not None]
    if reported:
        series["reported"] = reported
    for region, points in history.pain_series.items():
        series[region] = [(p.held_at, p.intensity) for p in points]
    names = {"reported": _("Pain reported before the session")}
    names |= {
        r: _("{region} (foot chart)").format(region=titles(kb, [r])[0]) for r in history.pain_series
    }
    moments = [v.held_at for v in history.visits]
    span = (min(moments), max(moments)) if moments else None
    return pain_charts(series, names, span=span)


@router.get("/practice/clients/{client_id}/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, client_id: RecordId, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> HTMLResponse:
    with practice.db.transaction() as session:
        client = clients.get_client(session, owner=me.user, client_id=client_id)
        history = timeline.client_timeline(session, owner=me.user, client_id=client_id)
        name = client_name(clients.owned_client(session, owner=me.user, client_id=client_id))
    return page(
        request,
        "practice/timeline.html",
        me,
        title=_("{name}: timeline").format(name=name),
        client=client,
        visits=list(reversed(history.visits)),
        charts=timeline_charts(kb, history),
        region_titles={r: titles(kb, [r])[0] for r in kb.ids("regions")},
        alternate=f"/api/v1/clients/{client_id}/timeline",
    )


def _prices_page(
    request: Request,
    me: Me,
    practice: PracticeDep,
    kb: KnowledgeBase,
    *,
    shown: Shown | None = None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    with practice.db.transaction() as session:
        listed = courses.price_list(session, owner=me.user, kb=kb)
    styles = [{"id": s, "title": titles(kb, [s])[0]} for s in kb.ids("styles")]
    return page(
        request,
        "practice/prices.html",
        me,
        status=422 if errors else 200,
        title=_("Price list"),
        prices=listed,
        styles=styles,
        shown=shown or Shown({}),
        errors=errors or {},
        currency=practice.settings.currency,
        alternate="/api/v1/prices",
    )


@router.get("/practice/prices", response_class=HTMLResponse)
def prices_page(
    request: Request, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> HTMLResponse:
    return _prices_page(request, me, practice, kb)


@router.post("/practice/prices", response_class=HTMLResponse)
def add_price_submit(
    request: Request, me: CurrentUser, practice: PracticeDep, kb: KbDep, form: FormDep
) -> Response:
    try:
        body = forms.parse(PriceCreate, forms.filled(form, PRICE_FIELDS))
        with practice.db.transaction() as session:
            courses.add_price(
                session, owner=me.user, data=body, currency=practice.settings.currency, kb=kb
            )
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other("/practice/prices")
    return _prices_page(request, me, practice, kb, shown=Shown.of(form), errors=errors)


@router.post("/practice/prices/{price_id}/delete")
def remove_price_submit(price_id: RecordId, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        courses.remove_price(session, owner=me.user, price_id=price_id)
    return see_other("/practice/prices")


def _optional_id(request: Request, name: str) -> int | None:
    raw = (request.query_params.get(name) or "").strip()
    return forms.record_id(raw, name, _("a record id (a whole number)")) if raw else None


@router.get("/practice/audit", response_class=HTMLResponse)
def audit_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    client_id = _optional_id(request, "client_id")
    actor_id = _optional_id(request, "actor_id")
    before_id = _optional_id(request, "before_id")
    with practice.db.transaction() as session:
        events = audit.read_log(
            session, actor=me.user, client_id=client_id, actor_id=actor_id, before_id=before_id
        )
        accounts = {u.id: u.email for u in list_users(session)}
    return page(
        request,
        "practice/audit.html",
        me,
        title=_("Audit log"),
        events=events,
        accounts=accounts,
        client_id=client_id,
        actor_id=actor_id,
        older=events[-1].id if len(events) == 200 else None,
        alternate="/api/v1/audit",
    )


@router.get("/practice/journal", response_class=HTMLResponse)
def journal_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    with practice.db.transaction() as session:
        entries = journal.journal_entries(session, owner=me.user)
        own = journal.self_client(session, owner=me.user).id
    return page(
        request,
        "practice/journal.html",
        me,
        title=_("My journal"),
        entries=entries,
        own=own,
        alternate="/api/v1/journal",
    )
