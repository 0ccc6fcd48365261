"""Clients: the client list and a client's record with its visits and courses, as pages
(`/practice`, `/practice/clients/...`) and as JSON (`/api/v1/clients/...`).

Each page is one transaction around the services of `plantar.practice`; a form with
problems comes back with status 422, each message next to its field, and nothing saved.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.practice import clients, courses, screenings, timeline
from plantar.practice.schemas import (
    ClientCreate,
    ClientPublic,
    ClientUpdate,
    CourseCreate,
    IntakePublic,
    VisitCreate,
)
from plantar.practice.visits import create_visit
from plantar.web.deps import KbDep
from plantar.web.practice import forms
from plantar.web.practice.auth import CurrentUser, FormDep, Me, PracticeDep, RecordId
from plantar.web.practice.forms import FormInvalid, Shown
from plantar.web.practice.shared import ERRORS, PracticeRoute, page, see_other

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)


@api.get("/clients", summary="The caller's clients, by name")
def list_clients_route(
    me: CurrentUser, practice: PracticeDep, q: str | None = None
) -> list[ClientPublic]:
    with practice.db.transaction() as session:
        return clients.list_clients(session, owner=me.user, search=q)


@api.post("/clients", status_code=201, summary="A new client (consent stamped with the time)")
def create_client_route(body: ClientCreate, me: CurrentUser, practice: PracticeDep) -> ClientPublic:
    with practice.db.transaction() as session:
        return clients.create_client(session, owner=me.user, data=body)


@api.get("/clients/{client_id}", summary="One of the caller's clients")
def get_client_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep) -> ClientPublic:
    with practice.db.transaction() as session:
        return clients.get_client(session, owner=me.user, client_id=client_id)


@api.patch("/clients/{client_id}", summary="Change a client's fields (absent: unchanged)")
def update_client_route(
    client_id: RecordId, body: ClientUpdate, me: CurrentUser, practice: PracticeDep
) -> ClientPublic:
    with practice.db.transaction() as session:
        return clients.update_client(session, owner=me.user, client_id=client_id, data=body)


@api.get(
    "/clients/{client_id}/alert",
    summary="The last screening when its verdict is not ok (null otherwise)",
)
def alert_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep) -> IntakePublic | None:
    with practice.db.transaction() as session:
        return screenings.screening_alert(session, owner=me.user, client_id=client_id)


@api.get(
    "/clients/{client_id}/intake/last",
    summary="The last answers given, to ask: anything changed since last time?",
)
def last_intake_route(
    client_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> IntakePublic | None:
    with practice.db.transaction() as session:
        return screenings.previous_intake(session, owner=me.user, client_id=client_id)


CLIENT_FIELDS = ("name", "date_of_birth", "contact", "notes")


COURSE_FIELDS = ("title", "sessions_planned", "interval_days", "price_total", "started_on")


@router.get("/practice", response_class=HTMLResponse)
def clients_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    search = (request.query_params.get("q") or "").strip()
    with practice.db.transaction() as session:
        found = clients.list_clients(session, owner=me.user, search=search or None)
        alerts = screenings.clients_with_alerts(session, owner=me.user)
    return page(
        request,
        "practice/clients.html",
        me,
        title=_("Clients"),
        clients=found,
        alerts=alerts,
        search=search,
        alternate="/api/v1/clients",
    )


def _client_form(
    request: Request, me: Me, *, client_id: int | None, shown: Shown, errors: dict[str, str]
) -> HTMLResponse:
    return page(
        request,
        "practice/client_form.html",
        me,
        status=422 if errors else 200,
        title=_("Edit client") if client_id else _("New client"),
        client_id=client_id,
        shown=shown,
        errors=errors,
    )


@router.get("/practice/clients/new", response_class=HTMLResponse)
def new_client_page(request: Request, me: CurrentUser) -> HTMLResponse:
    return _client_form(request, me, client_id=None, shown=Shown({}), errors={})


@router.post("/practice/clients", response_class=HTMLResponse)
def create_client_submit(
    request: Request, me: CurrentUser, practice: PracticeDep, form: FormDep
) -> Response:
    data = forms.filled(form, CLIENT_FIELDS) | {"consent": forms.checked(form, "consent")}
    try:
        body = forms.parse(ClientCreate, data)
        with practice.db.transaction() as session:
            created = clients.create_client(session, owner=me.user, data=body)
    except FormInvalid as exc:
        return _client_form(request, me, client_id=None, shown=Shown.of(form), errors=exc.errors)
    return see_other(f"/practice/clients/{created.id}")


@router.get("/practice/clients/{client_id}/edit", response_class=HTMLResponse)
def edit_client_page(
    request: Request, client_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> HTMLResponse:
    with practice.db.transaction() as session:
        client = clients.get_client(session, owner=me.user, client_id=client_id)
    shown = Shown(client.model_dump() | {"consent": "on" if client.consent_given else None})
    return _client_form(request, me, client_id=client_id, shown=shown, errors={})


@router.post("/practice/clients/{client_id}/edit", response_class=HTMLResponse)
def edit_client_submit(
    request: Request, client_id: RecordId, me: CurrentUser, practice: PracticeDep, form: FormDep
) -> Response:
    # Every field of the form is sent: an emptied contact or note is cleared, not kept.
    data: dict[str, Any] = {name: forms.text(form, name) for name in CLIENT_FIELDS}
    data["date_of_birth"] = data["date_of_birth"] or None
    data["consent"] = forms.checked(form, "consent")
    try:
        body = forms.parse(ClientUpdate, data)
        with practice.db.transaction() as session:
            clients.update_client(session, owner=me.user, client_id=client_id, data=body)
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other(f"/practice/clients/{client_id}")
    return _client_form(request, me, client_id=client_id, shown=Shown.of(form), errors=errors)


def _client_page(
    request: Request,
    me: Me,
    practice: PracticeDep,
    kb: KnowledgeBase,
    client_id: RecordId,
    *,
    course_shown: Shown | None = None,
    course_errors: dict[str, str] | None = None,
) -> HTMLResponse:
    with practice.db.transaction() as session:
        client = clients.get_client(session, owner=me.user, client_id=client_id)
        alert = screenings.screening_alert(session, owner=me.user, client_id=client_id)
        history = timeline.client_timeline(session, owner=me.user, client_id=client_id)
        plans = courses.list_courses(session, owner=me.user, client_id=client_id)
    return page(
        request,
        "practice/client.html",
        me,
        status=422 if course_errors else 200,
        title=client.name,
        client=client,
        alert=alert,
        alert_titles=titles(kb, alert.answers.get("conditions", []) if alert else []),
        visits=list(reversed(history.visits)),
        courses=plans,
        course_shown=course_shown or Shown({"interval_days": 7, "sessions_planned": 10}),
        course_errors=course_errors or {},
        currency=practice.settings.currency,
        alternate=f"/api/v1/clients/{client_id}",
    )


def titles(kb: KnowledgeBase, ids: list[str]) -> list[str]:
    """The display titles of knowledge-base ids (an unknown id shows as itself)."""
    return [kb.title(i) for i in ids]


@router.get("/practice/clients/{client_id}", response_class=HTMLResponse)
def client_page(
    request: Request, client_id: RecordId, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> HTMLResponse:
    return _client_page(request, me, practice, kb, client_id)


@router.post("/practice/clients/{client_id}/visits")
def start_visit_submit(
    client_id: RecordId, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> Response:
    with practice.db.transaction() as session:
        visit = create_visit(session, owner=me.user, client_id=client_id, data=VisitCreate(), kb=kb)
    # Every session starts with "anything changed since last time?": the intake.
    return see_other(f"/practice/visits/{visit.id}/intake")


@router.post("/practice/clients/{client_id}/courses", response_class=HTMLResponse)
def create_course_submit(
    request: Request,
    client_id: RecordId,
    me: CurrentUser,
    practice: PracticeDep,
    kb: KbDep,
    form: FormDep,
) -> Response:
    try:
        body = forms.parse(CourseCreate, forms.filled(form, COURSE_FIELDS))
        with practice.db.transaction() as session:
            courses.create_course(
                session,
                owner=me.user,
                client_id=client_id,
                data=body,
                currency=practice.settings.currency,
            )
    except FormInvalid as exc:
        return _client_page(
            request,
            me,
            practice,
            kb,
            client_id,
            course_shown=Shown.of(form),
            course_errors=exc.errors,
        )
    return see_other(f"/practice/clients/{client_id}#courses")
