"""/api/v1/kb: the knowledge base as JSON, the same shapes as `plantar kb ... --json`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from plantar.errors import NotFound, did_you_mean
from plantar.knowledge.model import record_json
from plantar.knowledge.schema import KINDS
from plantar.knowledge.search import search as run_search
from plantar.web.deps import KbDep

router = APIRouter(prefix="/kb", tags=["knowledge"])


@router.get("/search", summary="Search every record (best match first)")
def search(
    kb: KbDep, q: str = Query(min_length=1, max_length=200), limit: int = Query(20, ge=1, le=500)
) -> list[dict[str, str]]:
    return [hit.as_json() for hit in run_search(kb, q, limit=limit)]


@router.get(
    "/{name}",
    summary="All records of a kind, or one record by its id",
    responses={404: {"description": "No record has this id (the message suggests the nearest)"}},
)
def kind_or_record(name: str, kb: KbDep) -> Any:
    """`/kb/points` lists a kind; `/kb/KI1` shows one record (ids never equal a kind name)."""
    if name in KINDS:
        return [record_json(name, record) for record in kb.records(name)]
    found = kb.find(name)
    if found is None:
        hint = did_you_mean(name, kb.ids())
        raise NotFound(f"no record has the id {name!r}.{hint} Kinds: {', '.join(KINDS)}")
    return record_json(*found)
