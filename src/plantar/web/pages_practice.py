"""The practice journal's pages: logging in and out, the client list, and a client's record
with its visits and courses. The timeline, prices, audit log and journal pages are in
``pages_practice_records``; a visit's own pages in ``pages_practice_intake`` (intake, foot
chart) and ``pages_practice_visit`` (plan, session note).

Each page is one transaction around the services of ``plantar.practice``; a form with
problems comes back with status 422, each message next to its field, and nothing saved.
"""

from __future__ import annotations

from typing import Any

import msgspec
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.practice import clients, courses, screenings, timeline
from plantar.practice.errors import CsrfRejected, LoginFailed, LoginThrottled
from plantar.practice.logins import login, logout
from plantar.practice.schemas import (
    ClientCreate,
    ClientUpdate,
    CourseCreate,
    VisitCreate,
)
from plantar.practice.visits import create_visit
from plantar.web import practice_forms as forms
from plantar.web.auth import (
    COOKIE,
    LOGIN_NONCE_COOKIE,
    NO_STORE,
    CurrentUser,
    FormDep,
    Me,
    PracticeDep,
    RecordId,
    check_login_form,
    clear_session_cookie,
    client_ip,
    login_form_token,
    login_nonce,
    safe_next,
    set_login_nonce,
    set_session_cookie,
)
from plantar.web.deps import TEMPLATES, KbDep
from plantar.web.forms import Form
from plantar.web.pages import render
from plantar.web.practice_forms import FormInvalid, Shown

router = APIRouter(include_in_schema=False)


def journal_plan_request(request: Request) -> str:
    """The guided player's plan request as JSON, for its "Save to my journal" (the player
    page only renders when this request made a plan, so it is valid)."""
    return msgspec.json.encode(Form.of(request.query_params).plan_request()).decode()


# The player's template (another module's page) includes _practice_journal.html, which asks
# for this; registering it here keeps the player's route unaware of the journal.
TEMPLATES.env.globals["journal_plan_request"] = journal_plan_request
CLIENT_FIELDS = ("name", "date_of_birth", "contact", "notes")
COURSE_FIELDS = ("title", "sessions_planned", "interval_days", "price_total", "started_on")


def page(
    request: Request, template: str, me: Me | None, status: int = 200, **context: Any
) -> HTMLResponse:
    """A practice page: never cached (health records), the logged-in account in context."""
    response = render(request, template, status=status, me=me, **context)
    response.headers.update(NO_STORE)
    return response


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# Logging in and out ----------------------------------------------------------------------------


def _login_page(
    request: Request,
    practice: PracticeDep,
    *,
    status: int = 200,
    error: str | None = None,
    email: str = "",
    next_url: str | None = None,
) -> HTMLResponse:
    nonce = login_nonce(request)
    notice = None
    if request.query_params.get("ended"):
        notice = "Your session has ended (inactive for a while): please log in again."
    elif request.query_params.get("out"):
        notice = "You are logged out."
    response = page(
        request,
        "practice_login.html",
        None,
        status=status,
        title="Log in",
        token=login_form_token(nonce, practice.settings),
        error=error,
        notice=notice,
        email=email,
        next=safe_next(next_url or request.query_params.get("next")),
    )
    set_login_nonce(response, request, nonce)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, practice: PracticeDep) -> HTMLResponse:
    return _login_page(request, practice)


@router.post("/login", response_class=HTMLResponse)
def login_submit(request: Request, practice: PracticeDep, form: FormDep) -> Response:
    email, target = forms.text(form, "email"), safe_next(forms.text(form, "next"))
    password = form.get("password")
    try:
        check_login_form(request, forms.text(form, "csrf_token"), practice.settings)
        issued = login(
            practice.db,
            email=email,
            password=password if isinstance(password, str) else "",
            settings=practice.settings,
            client_ip=client_ip(request),
        )
    except CsrfRejected as exc:
        return _login_page(request, practice, status=403, error=exc.message, email=email)
    except LoginFailed as exc:  # and LoginThrottled: its own message, status 429
        status = 429 if isinstance(exc, LoginThrottled) else 401
        return _login_page(
            request, practice, status=status, error=exc.message, email=email, next_url=target
        )
    response = see_other(target)
    set_session_cookie(response, request, issued.token)
    response.delete_cookie(LOGIN_NONCE_COOKIE, path="/login")
    return response


@router.get("/logout", response_class=HTMLResponse)
def logout_page(request: Request, me: CurrentUser) -> HTMLResponse:
    return page(request, "practice_logout.html", me, title="Log out")


@router.post("/logout")
def logout_submit(request: Request, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        logout(session, token=request.cookies.get(COOKIE), settings=practice.settings)
    response = see_other("/login?out=1")
    clear_session_cookie(response, request)
    return response


# Clients ---------------------------------------------------------------------------------------


@router.get("/practice", response_class=HTMLResponse)
def clients_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    search = (request.query_params.get("q") or "").strip()
    with practice.db.transaction() as session:
        found = clients.list_clients(session, owner=me.user, search=search or None)
        alerts = screenings.clients_with_alerts(session, owner=me.user)
    return page(
        request,
        "practice_clients.html",
        me,
        title="Clients",
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
        "practice_client_form.html",
        me,
        status=422 if errors else 200,
        title="Edit client" if client_id else "New client",
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
        "practice_client.html",
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
