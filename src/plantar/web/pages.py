"""Server-rendered pages. Each page computes its data once and renders it; no domain rules."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plantar.errors import NotFound, did_you_mean
from plantar.knowledge import title_of
from plantar.knowledge.model import record_json
from plantar.knowledge.schema import KINDS
from plantar.web.deps import TEMPLATES, KbDep

router = APIRouter(include_in_schema=False)

# Kinds shown in the library, in reading order, with a sentence for each.
LIBRARY: dict[str, str] = {
    "styles": "Kinds of foot massage and what sets each apart.",
    "techniques": "The manipulations: how each is done, with which part of the hand.",
    "routines": "The article's step-by-step routines, with their timings.",
    "claims": "Every claim of the article, with an honest evidence level.",
    "conditions": "When not to massage, or to massage differently.",
    "rules": "Preparation and conduct: what to do before, during and after.",
    "points": "The points of the acupressure technique.",
    "zones": "Reflex zones of the charts (traditional beliefs, not diagnoses).",
    "goals": "What people hope massage will help with.",
    "devices": "Mats, rollers and home-made helpers.",
    "prices": "What a salon charged at the time of the article.",
    "sources": "The article's passages and the studies cited.",
}


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, kb: KbDep) -> HTMLResponse:
    return render(request, "home.html", title="plantar")


@router.get("/library", response_class=HTMLResponse)
def library(request: Request, kb: KbDep) -> HTMLResponse:
    sections = [(kind, blurb, len(kb.records(kind))) for kind, blurb in LIBRARY.items()]
    return render(request, "library.html", title="Library", sections=sections)


@router.get("/library/{name}", response_class=HTMLResponse)
def library_entry(request: Request, name: str, kb: KbDep) -> HTMLResponse:
    if name in KINDS:
        records = [record_json(name, r) | {"title": title_of(r)} for r in kb.records(name)]
        return render(
            request,
            "library_kind.html",
            title=name.capitalize(),
            kind=name,
            blurb=LIBRARY.get(name, ""),
            records=records,
            alternate=f"/api/v1/kb/{name}",
        )
    found = kb.find(name)
    if found is None:
        raise NotFound(f"no record has the id {name!r}.{did_you_mean(name, kb.ids())}")
    kind, record = found
    sources = []
    for source_id in getattr(record, "sources", []):
        source = kb.find(source_id)
        if source is not None:
            sources.append(record_json(*source) | {"title": title_of(source[1])})
    return render(
        request,
        "library_record.html",
        title=title_of(record),
        kind=kind,
        record=record_json(kind, record),
        sources=sources,
        alternate=f"/api/v1/kb/{name}",
    )
