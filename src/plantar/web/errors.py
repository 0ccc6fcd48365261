"""Map domain errors onto HTTP: bad input is 422 with the same message the CLI prints."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

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

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=404)
