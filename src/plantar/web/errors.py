"""One error contract for the whole web app: which status each error is, and how it is shown.

- ``STATUS`` is the one table from exception to HTTP status: bad input 422, not found 404,
  and the practice journal's outcomes (401, 403, 409, 429).
- ``error_response`` is the one renderer. The API (paths under ``/api/``) answers JSON,
  ``{"detail": message}``, plus ``"field"`` on every 422; a page shows the same message on an
  error page with the same status, and a page whose login ended sends the person to log in
  and come back. No error answer is cached.
- A request FastAPI cannot decode (a path id too large, a body that is not JSON) is bad input
  like any other, in ``BadInput``'s words.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from plantar.errors import BadInput, NotFound
from plantar.i18n import _
from plantar.practice import audit
from plantar.practice.errors import (
    Conflict,
    CsrfRejected,
    Forbidden,
    LoginFailed,
    LoginThrottled,
    NoteLocked,
    PracticeError,
    SessionInvalid,
    SignatureUnconfirmed,
)
from plantar.practice.errors import NotFound as PracticeNotFound
from plantar.web.practice.auth import (
    COOKIE,
    NO_STORE,
    NotConfigured,
    OverPlainNetwork,
    clear_session_cookie,
    safe_next,
)
from plantar.web.templating import TEMPLATES

STATUS: tuple[tuple[type[Exception], int], ...] = (
    (BadInput, 422),
    (NotConfigured, 404),
    (OverPlainNetwork, 403),
    (NotFound, 404),
    (LoginThrottled, 429),
    (LoginFailed, 401),
    (SessionInvalid, 401),
    (CsrfRejected, 403),
    (Forbidden, 403),
    (NoteLocked, 409),
    (SignatureUnconfirmed, 409),
    (Conflict, 409),
)
# Never echo these back in an error message.
SECRET_FIELDS = frozenset({"password"})


def status_of(exc: Exception) -> int:
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 400)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def audit_refusal(request: Request, exc: Exception) -> None:
    """A logged-in account refused a record (403) or asking for one not its own (404): in the
    audit log, the request's own transaction having rolled back."""
    account = getattr(request.state, "account_id", None)
    if account is None or not isinstance(exc, Forbidden | PracticeNotFound):
        return
    if isinstance(exc, Forbidden):
        action, entity, record = "denied", "request", None
    else:
        action, entity = "missing", exc.kind
        record = exc.record_id if isinstance(exc.record_id, int) else None
    with request.app.state.practice.db.transaction() as session:
        audit.refused(
            session,
            actor_id=account,
            action=action,
            entity=entity,
            entity_id=record,
            detail=f"{request.method} {request.url.path}",
        )


def error_response(request: Request, exc: BadInput | NotFound | PracticeError) -> Response:
    status = status_of(exc)
    audit_refusal(request, exc)
    headers = dict(NO_STORE)
    if isinstance(exc, LoginThrottled):
        headers["Retry-After"] = str(exc.retry_after_seconds)
    response: Response
    if wants_json(request):
        body: dict[str, str | list[str]] = {"detail": exc.message}
        if isinstance(exc, BadInput):
            body["field"] = exc.field
        if isinstance(exc, SignatureUnconfirmed):
            body["confirm"] = list(exc.gaps)
        response = JSONResponse(body, status_code=status, headers=headers)
    elif isinstance(exc, SessionInvalid):
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        target = safe_next(back if request.method == "GET" else None)
        # "Your session has ended" only to someone who had one; others simply log in.
        ended = "ended=1&" if request.cookies.get(COOKIE) else ""
        response = RedirectResponse(f"/login?{ended}next={quote(target)}", status_code=303)
    else:
        practice = request.url.path.startswith("/practice")
        response = TEMPLATES.TemplateResponse(
            request,
            "error.html",
            {
                "title": _("Not found") if status == 404 else _("Sorry"),
                "message": exc.message,
                "status": status,
                "back": ("/practice", _("Back to your clients")) if practice else ("/", _("Home")),
            },
            status_code=status,
            headers=headers,
        )
    if isinstance(exc, SessionInvalid):
        clear_session_cookie(response, request)
    return response


def validation_error(exc: RequestValidationError) -> BadInput:
    """The first problem FastAPI found in a request, as ``BadInput`` (field and message)."""
    first = exc.errors()[0]
    where = [str(part) for part in first["loc"] if part not in ("body", "query", "header", "path")]
    field = ".".join(where) if where and not where[0].isdigit() else "body"
    if first["type"] == "missing":
        return BadInput(field, None, message=_("{field}: a value is required").format(field=field))
    if first["type"] == "json_invalid" or field == "body":
        # The decoder's own words inside the brackets stay as it says them (English).
        reason = first["msg"][:1].lower() + first["msg"][1:]
        said = _("{field}: expected a JSON object ({reason})").format(field="body", reason=reason)
        return BadInput("body", None, message=said)
    value = _("(hidden)") if field in SECRET_FIELDS else first.get("input")
    said = first["msg"]  # only its first letter lowered: '^[A-Z]{3}$' stays what it is
    return BadInput(field, value, said[:1].lower() + said[1:])  # BadInput cuts a long value short


def install(app: FastAPI) -> None:
    async def known(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadInput | NotFound | PracticeError)
        return error_response(request, exc)

    for kind in (BadInput, NotFound, PracticeError):
        app.add_exception_handler(kind, known)

    @app.exception_handler(RequestValidationError)
    async def undecodable(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and wants_json(request):
            # A body that is not even text (FastAPI says 400): bad input like any other.
            message = _("{field}: expected a JSON object (the body could not be read)").format(
                field="body"
            )
            return error_response(request, BadInput("body", None, message=message))
        # Starlette answers 405 with the methods of the first route on the path only; a path
        # with GET and POST as two routes must list both in Allow (RFC 9110, 15.5.6).
        if exc.status_code == 405:
            scope = {"type": "http", "path": request.url.path, "method": "", "root_path": ""}
            allowed: set[str] = set()
            for route in request.app.router.routes:
                if isinstance(route, Route) and route.methods:
                    match, _scope = route.matches(scope)
                    if match != Match.NONE:
                        allowed |= route.methods
            return JSONResponse(
                {"detail": "Method Not Allowed"},
                status_code=405,
                headers={"Allow": ", ".join(sorted(allowed))},
            )
        return await http_exception_handler(request, exc)
