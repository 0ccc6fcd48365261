"""The installable, offline app: the web manifest, the service worker and the page shown
when a page was never kept and the network is gone.

The worker (templates/sw.js) keeps the app's pages, the library and the last plans and
sessions on the device; it never keeps the practice's pages (accounts, clients' notes) or any
response marked no-store. Its version is the app's version and a digest of the static files,
so a new release replaces what was kept.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from plantar import __version__
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import KINDS
from plantar.web.deps import KbDep
from plantar.web.home.library import LIBRARY
from plantar.web.templating import render

router = APIRouter(include_in_schema=False)
api = APIRouter()  # no JSON of its own

WEB = Path(__file__).resolve().parent.parent
STATIC = WEB / "static"
# What the app needs to open with no network: its main pages and every static file.
SHELL_PAGES = ("/", "/start", "/plan", "/safety", "/map", "/library", "/offline")
THEME = "#0b6e4f"


@cache
def _static_files() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in STATIC.iterdir() if p.is_file()))


@cache
def _version() -> str:
    digest = hashlib.sha256(__version__.encode())
    for name in _static_files():
        digest.update(name.encode())
        digest.update((STATIC / name).read_bytes())
    digest.update((WEB / "templates" / "sw.js").read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def _library_pages(kb: KnowledgeBase) -> list[str]:
    pages = [f"/library/{kind}" for kind in LIBRARY]
    pages += [
        f"/library/{record_id}" for kind in KINDS if kind in LIBRARY for record_id in kb.ids(kind)
    ]
    return pages


@router.get("/sw.js")
def service_worker(kb: KbDep) -> Response:
    precache = [*SHELL_PAGES, *(f"/static/{name}" for name in _static_files())]
    body = (WEB / "templates" / "sw.js").read_text(encoding="utf-8") % {
        "version": _version(),
        "precache": json.dumps(precache),
        "later": json.dumps(_library_pages(kb)),
    }
    # Served from the root so that it may look after every page; always checked for a new
    # version (browsers cap a worker's cache at a day anyway).
    return Response(
        body,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    icons = [
        {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml"},
        {"src": "/static/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icon-512-maskable.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    body = {
        "name": _("plantar: foot massage, safely and well"),
        "short_name": "plantar",
        "description": _(
            "Is a foot massage safe today, what to do for the minutes you have, "
            "where the points are, and a hands-free guide through it."
        ),
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": THEME,
        "icons": icons,
        "shortcuts": [
            {"name": _("Start a session"), "url": "/start"},
            {"name": _("Library"), "url": "/library"},
        ],
    }
    return Response(json.dumps(body, indent=1), media_type="application/manifest+json")


@router.get("/offline", response_class=HTMLResponse)
def offline(request: Request) -> HTMLResponse:
    return render(request, "home/offline.html", title=_("Offline"))
