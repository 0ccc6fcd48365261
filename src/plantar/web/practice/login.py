"""Logging in and out: the pages (`/login`, `/logout`) and the API (`/api/v1/login`,
`/logout`, `/me`) over the same services of `plantar.practice.logins`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from plantar.errors import BadInput
from plantar.i18n import _, pgettext
from plantar.practice.accounts import MAX_PASSWORD_LENGTH, get_user
from plantar.practice.errors import CsrfRejected, LoginFailed, LoginThrottled
from plantar.practice.logins import login, logout
from plantar.practice.models import User
from plantar.web.practice import forms
from plantar.web.practice.auth import (
    COOKIE,
    DEVICE_COOKIE,
    LOGIN_NONCE_COOKIE,
    CurrentUser,
    FormDep,
    PracticeDep,
    check_login_form,
    clear_session_cookie,
    client_ip,
    login_form_token,
    login_nonce,
    safe_next,
    set_device_cookie,
    set_login_nonce,
    set_session_cookie,
)
from plantar.web.practice.shared import ERRORS, PracticeRoute, error_doc, page, see_other

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class AccountPublic(BaseModel):
    id: int
    email: str
    role: str  # practitioner or admin


class LoginPublic(BaseModel):
    csrf_token: str
    user: AccountPublic


def _account(user: User) -> AccountPublic:
    return AccountPublic(id=user.id, email=user.email, role=user.role)


@api.post(
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
        device=request.cookies.get(DEVICE_COOKIE),
    )
    set_session_cookie(response, request, issued.token)
    set_device_cookie(response, request, issued.device)
    with practice.db.transaction() as session:
        user = get_user(session, user_id=issued.user_id)
        assert user is not None
        account = _account(user)
    return LoginPublic(csrf_token=issued.csrf_token, user=account)


@api.post("/logout", status_code=204, summary="Log out: ends the session on the server")
def logout_route(request: Request, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        logout(session, token=request.cookies.get(COOKIE), settings=practice.settings)
    response = Response(status_code=204)
    clear_session_cookie(response, request)
    return response


@api.get("/me", summary="Who is logged in, and the CSRF token for state-changing calls")
def me_route(me: CurrentUser) -> LoginPublic:
    return LoginPublic(csrf_token=me.csrf_token, user=_account(me.user))


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
        notice = _("Your session has ended (inactive for a while): please log in again.")
    elif request.query_params.get("out"):
        notice = _("You are logged out.")
    response = page(
        request,
        "practice/login.html",
        None,
        status=status,
        title=pgettext("page title", "Log in"),
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
            device=request.cookies.get(DEVICE_COOKIE),
        )
    except BadInput as exc:  # a password longer than any account's
        return _login_page(
            request, practice, status=422, error=exc.message, email=email, next_url=target
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
    set_device_cookie(response, request, issued.device)
    response.delete_cookie(LOGIN_NONCE_COOKIE, path="/login")
    return response


@router.get("/logout", response_class=HTMLResponse)
def logout_page(request: Request, me: CurrentUser) -> HTMLResponse:
    return page(request, "practice/logout.html", me, title=pgettext("page title", "Log out"))


@router.post("/logout")
def logout_submit(request: Request, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        logout(session, token=request.cookies.get(COOKIE), settings=practice.settings)
    response = see_other("/login?out=1")
    clear_session_cookie(response, request)
    return response
