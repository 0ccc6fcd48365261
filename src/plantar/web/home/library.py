"""The start page and the library: every record of the knowledge base, as a page and as
JSON (`/library/{id}` and `/api/v1/kb/{id}` side by side).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from plantar.errors import NotFound, did_you_mean
from plantar.footmap.demos import RECIPES
from plantar.footmap.spot import illustration, spotted
from plantar.i18n import N_, Words, _, pgettext
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.model import record_json
from plantar.knowledge.schema import KINDS, Goal, Point, Routine
from plantar.knowledge.search import search as run_search
from plantar.knowledge.vocabulary import NOTICES
from plantar.library.reading import record_view
from plantar.web.deps import KbDep
from plantar.web.home.foot_map import beside, picture
from plantar.web.templating import render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/kb", tags=["knowledge"])


# Kinds shown in the library, in reading order, with a sentence for each (said in the
# current language when looked up; ``blurb`` adds a kind's notice).
LIBRARY: Mapping[str, str] = Words(
    {
        "styles": N_("Kinds of foot massage and what sets each apart."),
        "techniques": N_("The manipulations: how each is done, with which part of the hand."),
        "routines": N_("The article's step-by-step routines, with their timings."),
        "claims": N_("Every claim of the article, with an honest evidence level."),
        "conditions": N_("When not to massage, or to massage differently."),
        "rules": N_("Preparation and conduct: what to do before, during and after."),
        "points": N_("The points of the acupressure technique."),
        "zones": N_("Reflex zones of the charts."),
        "goals": N_("What people hope massage will help with."),
        "devices": N_("Mats, rollers and home-made helpers."),
        "prices": N_("What a salon charged at the time of the article."),
        "sources": N_("The article's passages and the studies cited."),
    }
)
# The notice (vocabulary.NOTICES) a kind's sentence ends with.
_NOTICE_OF = {"zones": "not_diagnoses"}


def blurb(kind: str) -> str:
    """The library's sentence about a kind, in the current language ("" for one not shown)."""
    if kind not in LIBRARY:
        return ""
    notice = _NOTICE_OF.get(kind)
    return f"{LIBRARY[kind]} {NOTICES.label(notice)}" if notice else LIBRARY[kind]


def kind_title(kind: str) -> str:
    """A kind's name as a heading ("Styles"), in the current language (the templates' words)."""
    titles = {
        "sources": pgettext("library kind", "Sources"),
        "styles": pgettext("library kind", "Styles"),
        "techniques": pgettext("library kind", "Techniques"),
        "regions": pgettext("library kind", "Regions"),
        "zones": pgettext("library kind", "Zones"),
        "points": pgettext("library kind", "Points"),
        "conditions": pgettext("library kind", "Conditions"),
        "goals": pgettext("library kind", "Goals"),
        "claims": pgettext("library kind", "Claims"),
        "rules": pgettext("library kind", "Rules"),
        "routines": pgettext("library kind", "Routines"),
        "devices": pgettext("library kind", "Devices"),
        "prices": pgettext("library kind", "Prices"),
        "exercises": pgettext("library kind", "Exercises"),
    }
    return titles.get(kind, kind.capitalize())


@router.get("/", response_class=HTMLResponse)
def home(request: Request, kb: KbDep) -> HTMLResponse:
    return render(request, "home/home.html", title="plantar")


@router.get("/library", response_class=HTMLResponse)
def library(request: Request, kb: KbDep) -> HTMLResponse:
    sections = [(kind, blurb(kind), len(kb.records(kind))) for kind in LIBRARY]
    return render(request, "home/library.html", title=_("Library"), sections=sections)


def lookup(kb: KnowledgeBase, name: str) -> tuple[str, list[Any] | None, Any]:
    """What ``/library/{name}`` and ``/api/v1/kb/{name}`` both show: ``(kind, records, None)``
    for a kind, ``(kind, None, record)`` for one record's id; ``NotFound`` (with the nearest
    ids) for anything else."""
    if name in KINDS:
        return name, list(kb.records(name)), None
    found = kb.find(name)
    if found is None:
        hint = did_you_mean(name, kb.ids())
        missing = _("no record has the id {id}.").format(id=repr(name))
        kinds = _("Kinds: {kinds}").format(kinds=", ".join(KINDS))
        raise NotFound(f"{missing}{hint} {kinds}")
    return found[0], None, found[1]


@router.get("/library/{name}", response_class=HTMLResponse)
def library_entry(request: Request, name: str, kb: KbDep) -> HTMLResponse:
    kind, records, record = lookup(kb, name)
    if records is not None:
        return render(
            request,
            "home/library_kind.html",
            title=kind_title(kind),
            kind=kind,
            blurb=blurb(kind),
            records=[
                record_json(kind, r)
                | {"title": title_of(r), "region_title": kb.title(getattr(r, "region", "") or "")}
                for r in records
            ],
            alternate=f"/api/v1/kb/{name}",
        )
    data = record_json(kind, record)
    return render(
        request,
        "home/library_record.html",
        title=title_of(record),
        kind=kind,
        record=data,
        view=record_view(kind, data, kb, record),
        picture=_picture(kb, kind, record.id),
        beside=beside(kb, record) if isinstance(record, Point) else [],
        actions=_actions(kind, record),
        step_pictures=_step_pictures(kb, record) if isinstance(record, Routine) else [],
        alternate=f"/api/v1/kb/{name}",
    )


def _picture(kb: KnowledgeBase, kind: str, record_id: str) -> dict[str, str] | None:
    """Where a place is (a point, zone or region), or how a technique is done."""
    if kind in ("points", "zones", "regions") and record_id in spotted(kb):
        return picture(kb, ("spot", record_id))
    if kind == "techniques" and record_id in RECIPES:
        return picture(kb, ("demo", record_id))
    return None


def _actions(kind: str, record: Any) -> list[dict[str, str]]:
    """What a reader can do from here: follow a routine, plan for a goal."""
    if isinstance(record, Routine):
        query = urlencode(
            [
                ("routine", record.id),
                ("performer", record.performers[0]),
                *(("equipment", d) for d in record.devices),
            ]
        )
        return [
            {"text": _("Start this routine"), "href": f"/player?{query}", "class": "button"},
            {
                "text": _("See it as a plan"),
                "href": f"/plan?{query}",
                "class": "button secondary",
            },
        ]
    if isinstance(record, Goal):
        return [
            {
                "text": _("Plan a session for this"),
                "href": f"/plan?goals={record.id}",
                "class": "button",
            }
        ]
    return []


def _step_pictures(kb: KnowledgeBase, routine: Routine) -> list[dict[str, str] | None]:
    """Each step's picture: where its point or zone is (its technique has a page of its own)."""
    return [
        picture(kb, found)
        if (found := illustration(step.target, step.technique, kb)) and found[0] == "spot"
        else None
        for step in routine.steps
    ]


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
