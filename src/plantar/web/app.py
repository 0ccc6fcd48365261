"""The ASGI application: `plantar serve` runs it; tests run it on a real loopback server."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from plantar import __version__
from plantar.web import api_kb, api_session, errors, pages, pages_session, structs

STATIC = Path(__file__).parent / "static"


def create_app() -> FastAPI:
    app = FastAPI(
        title="plantar",
        version=__version__,
        description=(
            "A foot-massage companion. Not medical advice: reflex-zone correspondences are "
            "traditional beliefs, not diagnoses."
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    errors.install(app)
    app.include_router(api_kb.router, prefix="/api/v1")
    app.include_router(api_session.router, prefix="/api/v1")
    app.include_router(pages.router)
    app.include_router(pages_session.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/healthz", tags=["ops"], summary="Liveness: the process answers")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    structs.install_openapi(app)
    return app
