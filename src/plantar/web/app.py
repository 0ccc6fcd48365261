"""The ASGI application: `plantar serve` runs it; tests run it on a real loopback server."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from plantar import __version__
from plantar.knowledge import load
from plantar.knowledge.vocabulary import NOT_DIAGNOSES, NOT_MEDICAL_ADVICE
from plantar.web import errors, structs
from plantar.web.home import flow, foot_map, library, offline, session
from plantar.web.language import Spoken
from plantar.web.practice import auth, clients, intake, login, records, users, visits
from plantar.web.security import Guarded
from plantar.web.templating import render

# Each module: a resource's pages (``router``) and its JSON twin (``api``, under /api/v1).
MODULES = (
    library,
    flow,
    session,
    foot_map,
    offline,
    login,
    clients,
    visits,
    intake,
    records,
    users,
)

if TYPE_CHECKING:
    from plantar.practice.db import Database
    from plantar.practice.settings import Settings

STATIC = Path(__file__).parent / "static"
# Swagger UI's script and styles, as fastapi-offline ships them (its FastAPIOffline class would
# also write an inline script, which the CSP forbids: web/static/api-docs.js starts it instead).
SWAGGER = Path(fastapi_offline.__file__).parent / "static"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the knowledge base before the first request, then freeze the heap.

    Everything loaded now lives as long as the process; gc.freeze() moves it out of the
    collector's reach, so a full collection no longer walks thousands of long-lived records
    in the middle of a request (it showed as tens of milliseconds at p99 under load).
    """
    load()
    gc.collect()
    gc.freeze()
    yield


def create_app(*, settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    """The app; the practice journal's ``settings`` and ``db`` default to the environment's
    (PLANTAR_DB, PLANTAR_SECRET...), and tests pass their own."""
    from plantar.safety.advice import emergency_number

    # Every page offers the emergency number: a bad PLANTAR_EMERGENCY_NUMBER fails here, once,
    # with its message (``plantar serve`` reports it as bad input before starting).
    emergency_number()
    app = FastAPI(
        lifespan=lifespan,
        title="plantar",
        version=__version__,
        description=f"A foot-massage companion. {NOT_MEDICAL_ADVICE} {NOT_DIAGNOSES}",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served below, from the package (Swagger UI's own would use a CDN)
        redoc_url=None,
    )
    errors.install(app)
    auth.install(app, settings=settings, db=db)
    # SVG maps and JSON compress several times over; phones on slow links feel the difference.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    # Every request in its language (pages, the API, their errors).
    app.add_middleware(Spoken)
    # Outermost: the headers reach every response, errors and redirects included.
    app.add_middleware(Guarded)
    for module in MODULES:
        app.include_router(module.api, prefix="/api/v1")
    for module in MODULES:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/api/docs/assets", StaticFiles(directory=SWAGGER), name="api-docs")

    @app.get("/api/docs", include_in_schema=False)
    async def api_docs(request: Request) -> HTMLResponse:
        return render(request, "api_docs.html", openapi_url=app.openapi_url)

    @app.get("/healthz", tags=["ops"], summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    structs.install_openapi(app)
    return app
