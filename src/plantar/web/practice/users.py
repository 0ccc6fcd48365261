"""Accounts on the web: the admin's page and API to disable, enable, log out or give a new
password to a practitioner (``/practice/users``, ``/api/v1/users``), and everyone's own
password change (``/practice/account``, ``/api/v1/me/password``). The rules are
``practice.accounts`` and ``practice.logins``; these only carry them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from plantar.errors import BadInput
from plantar.i18n import _
from plantar.practice import accounts
from plantar.practice.accounts import MAX_PASSWORD_LENGTH
from plantar.practice.logins import change_own_password
from plantar.practice.models import User
from plantar.practice.schemas import UserPublic
from plantar.web.practice import forms
from plantar.web.practice.auth import CurrentUser, FormDep, Me, PracticeDep, RecordId
from plantar.web.practice.shared import ERRORS, PracticeRoute, page, see_other

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)

Password = Annotated[str, Field(max_length=MAX_PASSWORD_LENGTH)]


class NewPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: Password


class OwnPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Password
    password: Password


class Ended(BaseModel):
    ended: int  # login sessions ended


def _target(session: Session, me: Me, user_id: int) -> User:
    accounts.require_admin(me.user)
    return accounts.account(session, user_id=user_id)


@api.get("/users", summary="The accounts of the journal (the admin's alone)")
def users_route(me: CurrentUser, practice: PracticeDep) -> list[UserPublic]:
    with practice.db.transaction() as session:
        return accounts.managed_accounts(session, actor=me.user)


@api.post("/users/{user_id}/disable", summary="Refuse the account's logins, end the open ones")
def disable_route(user_id: RecordId, me: CurrentUser, practice: PracticeDep) -> UserPublic:
    with practice.db.transaction() as session:
        user = _target(session, me, user_id)
        return accounts.disable_user(session, user=user, actor=me.user)


@api.post("/users/{user_id}/enable", summary="Let a disabled account log in again")
def enable_route(user_id: RecordId, me: CurrentUser, practice: PracticeDep) -> UserPublic:
    with practice.db.transaction() as session:
        user = _target(session, me, user_id)
        return accounts.enable_user(session, user=user, actor=me.user)


@api.post("/users/{user_id}/end-sessions", summary="Log the account out everywhere")
def end_sessions_route(user_id: RecordId, me: CurrentUser, practice: PracticeDep) -> Ended:
    with practice.db.transaction() as session:
        user = _target(session, me, user_id)
        return Ended(ended=accounts.end_sessions(session, user=user, actor=me.user))


@api.put(
    "/users/{user_id}/password",
    status_code=204,
    summary="Give the account a new password (its logins end)",
)
def password_route(
    user_id: RecordId, body: NewPassword, me: CurrentUser, practice: PracticeDep
) -> Response:
    with practice.db.transaction() as session:
        user = _target(session, me, user_id)
        accounts.set_password(session, user=user, password=body.password, actor=me.user)
    return Response(status_code=204)


@api.put(
    "/me/password",
    summary="Change your own password: every other login of the account ends",
)
def own_password_route(body: OwnPassword, me: CurrentUser, practice: PracticeDep) -> Ended:
    ended = change_own_password(
        practice.db,
        user_id=me.user.id,
        current=body.current_password,
        new=body.password,
        keep=me.session_id,
        settings=practice.settings,
    )
    return Ended(ended=ended)


# Pages ---------------------------------------------------------------------------------------


def _users_page(
    request: Request, me: Me, practice: PracticeDep, *, status: int = 200, **said: object
) -> HTMLResponse:
    with practice.db.transaction() as session:
        listed = accounts.managed_accounts(session, actor=me.user)
    return page(
        request,
        "practice/users.html",
        me,
        status=status,
        title=_("Accounts"),
        users=listed,
        alternate="/api/v1/users",
        **said,
    )


ACTIONS: dict[str, Callable[..., object]] = {
    "disable": accounts.disable_user,
    "enable": accounts.enable_user,
    "end-sessions": accounts.end_sessions,
}
DONE = {
    "disable": "is disabled: its logins are refused, and the open ones have ended.",
    "enable": "can log in again.",
    "end-sessions": "is logged out everywhere.",
    "password": "has a new password; its logins have ended.",
}


@router.get("/practice/users", response_class=HTMLResponse)
def users_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    done = request.query_params.get("done")
    return _users_page(
        request,
        me,
        practice,
        done=DONE.get(done or ""),
        done_for=request.query_params.get("user"),
    )


@router.post("/practice/users/{user_id}/{action}", response_class=HTMLResponse)
def user_action(
    user_id: RecordId,
    action: str,
    request: Request,
    me: CurrentUser,
    practice: PracticeDep,
    form: FormDep,
) -> Response:
    if action != "password" and action not in ACTIONS:
        raise BadInput("action", action, [*ACTIONS, "password"])
    try:
        with practice.db.transaction() as session:
            user = _target(session, me, user_id)
            if action == "password":
                typed = form.get("password")
                accounts.set_password(
                    session,
                    user=user,
                    password=typed if isinstance(typed, str) else "",
                    actor=me.user,
                )
            else:
                ACTIONS[action](session, user=user, actor=me.user)
    except BadInput as exc:
        return _users_page(request, me, practice, status=422, errors={user_id: exc.message})
    return see_other(f"/practice/users?done={action}&user={user_id}")


@router.get("/practice/account", response_class=HTMLResponse)
def account_page(request: Request, me: CurrentUser) -> HTMLResponse:
    return page(
        request,
        "practice/account.html",
        me,
        title=_("Your account"),
        errors={},
        changed=request.query_params.get("changed"),
    )


@router.post("/practice/account", response_class=HTMLResponse)
def account_submit(
    request: Request, me: CurrentUser, practice: PracticeDep, form: FormDep
) -> Response:
    current, new, again = (form.get(n) for n in ("current_password", "password", "again"))
    errors: dict[str, str] = {}
    if new != again:
        errors["again"] = _("again: the two new passwords differ")
    else:
        try:
            ended = change_own_password(
                practice.db,
                user_id=me.user.id,
                current=current if isinstance(current, str) else "",
                new=new if isinstance(new, str) else "",
                keep=me.session_id,
                settings=practice.settings,
            )
        except BadInput as exc:
            errors = forms.bad_input(exc)
        else:
            return see_other(f"/practice/account?changed={ended}")
    return page(
        request,
        "practice/account.html",
        me,
        status=422,
        title=_("Your account"),
        errors=errors,
        changed=None,
    )
