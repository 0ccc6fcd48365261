"""Map domain errors onto HTTP: bad input is 422 with the same message the CLI prints."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from plantar.errors import BadInput


class NotFound(LookupError):
    """Nothing with this id (or not yours): 404 either way, so ids reveal nothing."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def install(app: FastAPI) -> None:
    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Starlette answers 405 with the methods of the first route on the path only; a path
        # with GET and POST as two routes must list both in Allow (RFC 9110, 15.5.6).
        if exc.status_code == 405:
            scope = {"type": "http", "path": request.url.path, "method": "", "root_path": ""}
            allowed: set[str] = set()
            for route in request.app.router.routes:
                if isinstance(route, Route) and route.methods:
                    match, _ = route.matches(scope)
                    if match != Match.NONE:
                        allowed |= route.methods
            return JSONResponse(
                {"detail": "Method Not Allowed"},
                status_code=405,
                headers={"Allow": ", ".join(sorted(allowed))},
            )
        return await http_exception_handler(request, exc)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=404)
