"""The start page and the library: every record of the knowledge base, as a page and as
JSON (`/library/{id}` and `/api/v1/kb/{id}` side by side).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from plantar.errors import NotFound, did_you_mean
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.model import record_json
from plantar.knowledge.schema import KINDS
from plantar.knowledge.search import search as run_search
from plantar.knowledge.vocabulary import NOT_DIAGNOSES
from plantar.web.deps import KbDep
from plantar.web.templating import render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/kb", tags=["knowledge"])


# Kinds shown in the library, in reading order, with a sentence for each.
LIBRARY: dict[str, str] = {
    "styles": "Kinds of foot massage and what sets each apart.",
    "techniques": "The manipulations: how each is done, with which part of the hand.",
    "routines": "The article's step-by-step routines, with their timings.",
    "claims": "Every claim of the article, with an honest evidence level.",
    "conditions": "When not to massage, or to massage differently.",
    "rules": "Preparation and conduct: what to do before, during and after.",
    "points": "The points of the acupressure technique.",
    "zones": f"Reflex zones of the charts. {NOT_DIAGNOSES}",
    "goals": "What people hope massage will help with.",
    "devices": "Mats, rollers and home-made helpers.",
    "prices": "What a salon charged at the time of the article.",
    "sources": "The article's passages and the studies cited.",
}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, kb: KbDep) -> HTMLResponse:
    return render(request, "home/home.html", title="plantar")


@router.get("/library", response_class=HTMLResponse)
def library(request: Request, kb: KbDep) -> HTMLResponse:
    sections = [(kind, blurb, len(kb.records(kind))) for kind, blurb in LIBRARY.items()]
    return render(request, "home/library.html", title="Library", sections=sections)


def lookup(kb: KnowledgeBase, name: str) -> tuple[str, list[Any] | None, Any]:
    """What ``/library/{name}`` and ``/api/v1/kb/{name}`` both show: ``(kind, records, None)``
    for a kind, ``(kind, None, record)`` for one record's id; ``NotFound`` (with the nearest
    ids) for anything else."""
    if name in KINDS:
        return name, list(kb.records(name)), None
    found = kb.find(name)
    if found is None:
        hint = did_you_mean(name, kb.ids())
        raise NotFound(f"no record has the id {name!r}.{hint} Kinds: {', '.join(KINDS)}")
    return found[0], None, found[1]


@router.get("/library/{name}", response_class=HTMLResponse)
def library_entry(request: Request, name: str, kb: KbDep) -> HTMLResponse:
    kind, records, record = lookup(kb, name)
    if records is not None:
        return render(
            request,
            "home/library_kind.html",
            title=name.capitalize(),
            kind=kind,
            blurb=LIBRARY.get(kind, ""),
            records=[record_json(kind, r) | {"title": title_of(r)} for r in records],
            alternate=f"/api/v1/kb/{name}",
        )
    sources = []
    for source_id in getattr(record, "sources", []):
        source = kb.find(source_id)
        if source is not None:
            sources.append(record_json(*source) | {"title": title_of(source[1])})
    return render(
        request,
        "home/library_record.html",
        title=title_of(record),
        kind=kind,
        record=record_json(kind, record),
        sources=sources,
        alternate=f"/api/v1/kb/{name}",
    )


@api.get("/search", summary="Search every record (best match first)")
def search(
    kb: KbDep, q: str = Query(min_length=1, max_length=200), limit: int = Query(20, ge=1, le=500)
) -> list[dict[str, str]]:
    return [hit.as_json() for hit in run_search(kb, q, limit=limit)]


@api.get(
    "/{name}",
    summary="All records of a kind, or one record by its id",
    responses={404: {"description": "No record has this id (the message suggests the nearest)"}},
)
def kind_or_record(name: str, kb: KbDep) -> Any:
    """`/kb/points` lists a kind; `/kb/KI1` shows one record (ids never equal a kind name)."""
    kind, records, record = lookup(kb, name)
    if records is not None:
        return [record_json(kind, r) for r in records]
    return record_json(kind, record)
