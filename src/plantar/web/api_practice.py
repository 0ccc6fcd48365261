"""/api/v1 of the practice journal: login, clients, visits (intake, foot chart, plan, session
note, signing, addenda). Courses, prices, timeline, exports, the audit log and the home journal are
in ``api_practice_records``.

Each call is one transaction around one service of ``plantar.practice``; the services hold
every rule (ownership, locking, validation). A record of another practitioner is 404 exactly
like one that does not exist, because the services cannot tell the two apart either.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from plantar.planner import PlanRequest
from plantar.planner.request import request_of
from plantar.practice import chart, clients, planning, screenings, visits
from plantar.practice.accounts import get_user
from plantar.practice.logins import login, logout
from plantar.practice.models import User
from plantar.practice.schemas import (
    AddendumCreate,
    AddendumPublic,
    ClientCreate,
    ClientPublic,
    ClientUpdate,
    FindingCreate,
    FindingPublic,
    IntakeCreate,
    IntakePublic,
    VisitCreate,
    VisitPublic,
    VisitUpdate,
)
from plantar.web.auth import (
    COOKIE,
    NO_STORE,
    CurrentUser,
    PracticeDep,
    RecordId,
    clear_session_cookie,
    client_ip,
    set_session_cookie,
)
from plantar.web.deps import KbDep
from plantar.web.structs import body_spec


class PracticeRoute(APIRoute):
    """Keeps every answer of the journal's API out of caches (errors are answered by
    ``web/errors.py``, also uncached)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            response = await handler(request)
            response.headers.update(NO_STORE)
            return response

        return route


class Detail(BaseModel):
    detail: str


def error_doc(description: str) -> dict[str, Any]:
    return {"description": description, "model": Detail}


ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_doc("Not logged in, or the login has ended"),
    403: error_doc("No X-CSRF-Token header, or not the admin"),
    404: error_doc("No such record, or it belongs to another practitioner"),
    422: error_doc("Bad input: the message names the field and what is valid"),
}
router = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class AccountPublic(BaseModel):
    id: int
    email: str
    role: str  # practitioner or admin


class LoginPublic(BaseModel):
    csrf_token: str
    user: AccountPublic


def _account(user: User) -> AccountPublic:
    return AccountPublic(id=user.id, email=user.email, role=user.role)


@router.post(
    "/login",
    summary="Log in: sets the session cookie and returns the CSRF token",
    responses={
        401: error_doc("Wrong email or password"),
        429: error_doc("Too many failed attempts"),
    },
)
def login_route(
    body: LoginBody, request: Request, response: Response, practice: PracticeDep
) -> LoginPublic:
    issued = login(
        practice.db,
        email=body.email,
        password=body.password,
        settings=practice.settings,
        client_ip=client_ip(request),
    )
    set_session_cookie(response, request, issued.token)
    with practice.db.transaction() as session:
        user = get_user(session, user_id=issued.user_id)
        assert user is not None
        account = _account(user)
    return LoginPublic(csrf_token=issued.csrf_token, user=account)


@router.post("/logout", status_code=204, summary="Log out: ends the session on the server")
def logout_route(request: Request, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        logout(session, token=request.cookies.get(COOKIE), settings=practice.settings)
    response = Response(status_code=204)
    clear_session_cookie(response, request)
    return response


@router.get("/me", summary="Who is logged in, and the CSRF token for state-changing calls")
def me_route(me: CurrentUser) -> LoginPublic:
    return LoginPublic(csrf_token=me.csrf_token, user=_account(me.user))


# Clients ---------------------------------------------------------------------------------------


@router.get("/clients", summary="The caller's clients, by name")
def list_clients_route(
    me: CurrentUser, practice: PracticeDep, q: str | None = None
) -> list[ClientPublic]:
    with practice.db.transaction() as session:
        return clients.list_clients(session, owner=me.user, search=q)


@router.post("/clients", status_code=201, summary="A new client (consent stamped with the time)")
def create_client_route(body: ClientCreate, me: CurrentUser, practice: PracticeDep) -> ClientPublic:
    with practice.db.transaction() as session:
        return clients.create_client(session, owner=me.user, data=body)


@router.get("/clients/{client_id}", summary="One of the caller's clients")
def get_client_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep) -> ClientPublic:
    with practice.db.transaction() as session:
        return clients.get_client(session, owner=me.user, client_id=client_id)


@router.patch("/clients/{client_id}", summary="Change a client's fields (absent: unchanged)")
def update_client_route(
    client_id: RecordId, body: ClientUpdate, me: CurrentUser, practice: PracticeDep
) -> ClientPublic:
    with practice.db.transaction() as session:
        return clients.update_client(session, owner=me.user, client_id=client_id, data=body)


@router.get(
    "/clients/{client_id}/alert",
    summary="The last screening when its verdict is not ok (null otherwise)",
)
def alert_route(client_id: RecordId, me: CurrentUser, practice: PracticeDep) -> IntakePublic | None:
    with practice.db.transaction() as session:
        return screenings.screening_alert(session, owner=me.user, client_id=client_id)


@router.get(
    "/clients/{client_id}/intake/last",
    summary="The last answers given, to ask: anything changed since last time?",
)
def last_intake_route(
    client_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> IntakePublic | None:
    with practice.db.transaction() as session:
        return screenings.previous_intake(session, owner=me.user, client_id=client_id)


# Visits ----------------------------------------------------------------------------------------


@router.get("/clients/{client_id}/visits", summary="A client's visits, newest first")
def list_visits_route(
    client_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> list[VisitPublic]:
    with practice.db.transaction() as session:
        return visits.list_visits(session, owner=me.user, client_id=client_id)


@router.post("/clients/{client_id}/visits", status_code=201, summary="Record a session")
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


@router.get("/visits/{visit_id}", summary="One session record with its addenda")
def get_visit_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> VisitPublic:
    with practice.db.transaction() as session:
        return visits.get_visit(session, owner=me.user, visit_id=visit_id)


@router.patch(
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


@router.post(
    "/visits/{visit_id}/sign",
    summary="Sign and lock the note",
    responses={409: error_doc("Already signed")},
)
def sign_visit_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> VisitPublic:
    with practice.db.transaction() as session:
        return visits.sign_visit(session, owner=me.user, visit_id=visit_id)


@router.post(
    "/visits/{visit_id}/addenda", status_code=201, summary="A dated change to a signed note"
)
def addendum_route(
    visit_id: RecordId, body: AddendumCreate, me: CurrentUser, practice: PracticeDep
) -> AddendumPublic:
    with practice.db.transaction() as session:
        return visits.add_addendum(session, owner=me.user, visit_id=visit_id, data=body)


@router.post(
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


# Intake and foot chart -------------------------------------------------------------------------


@router.post(
    "/visits/{visit_id}/intake",
    status_code=201,
    summary=(
        "Screen the visit's questionnaire and store it with the verdict and a doctor's "
        "clearance (`cleared`, `cleared_by`, `cleared_on`, `clearance_note`), if any"
    ),
    responses={409: error_doc("The visit is signed and locked")},
)
def intake_route(
    visit_id: RecordId, body: IntakeCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> IntakePublic:
    with practice.db.transaction() as session:
        return screenings.record_intake(session, owner=me.user, visit_id=visit_id, data=body, kb=kb)


@router.get("/visits/{visit_id}/intakes", summary="The screenings of a visit, in order")
def intakes_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> list[IntakePublic]:
    with practice.db.transaction() as session:
        return screenings.intakes_of_visit(session, owner=me.user, visit_id=visit_id)


@router.get("/visits/{visit_id}/chart", summary="The foot chart of a visit")
def chart_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> list[FindingPublic]:
    with practice.db.transaction() as session:
        return chart.list_findings(session, owner=me.user, visit_id=visit_id)


@router.post(
    "/visits/{visit_id}/chart",
    status_code=201,
    summary="Mark a finding on a region or zone of the map",
    responses={409: error_doc("The visit is signed and locked")},
)
def add_finding_route(
    visit_id: RecordId, body: FindingCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> FindingPublic:
    with practice.db.transaction() as session:
        return chart.add_finding(session, owner=me.user, visit_id=visit_id, data=body, kb=kb)


@router.delete(
    "/visits/{visit_id}/chart/{finding_id}",
    status_code=204,
    summary="Take a mark off an unsigned chart",
    responses={409: error_doc("The visit is signed and locked")},
)
def remove_finding_route(
    visit_id: RecordId, finding_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> Response:
    with practice.db.transaction() as session:
        chart.remove_finding(session, owner=me.user, visit_id=visit_id, finding_id=finding_id)
    return Response(status_code=204)
