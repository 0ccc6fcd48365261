"""The foot-map explorer: four views of both feet; tap a zone or point for what it is said to
correspond to, where it is, and how good the evidence is; filter by goal or organ; the
article's chart beside the Western chart."""

from __future__ import annotations

import json
from typing import Any

import msgspec
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plantar.errors import BadInput
from plantar.footmap.document import render_svg
from plantar.footmap.request import SCHEMES, organs
from plantar.footmap.scene import scheme_title
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import Claim, Goal, Point, Region, Zone
from plantar.knowledge.vocabulary import EVIDENCE_MEANINGS
from plantar.web.api_map import map_request
from plantar.web.deps import KbDep
from plantar.web.forms import Form
from plantar.web.pages import render

router = APIRouter(include_in_schema=False)


def _claims(kb: KnowledgeBase, ids: list[str]) -> list[dict[str, str]]:
    out = []
    for claim_id in ids:
        found = kb.find(claim_id)
        if found is not None and isinstance(found[1], Claim):
            level = found[1].evidence
            out.append(
                {
                    "id": claim_id,
                    "text": found[1].text.en,
                    "evidence": level,
                    "meaning": EVIDENCE_MEANINGS.label(level),
                }
            )
    return out


def details(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """What the explorer shows when a zone or point is tapped, by id."""
    region_titles = {r.id: title_of(r) for r in kb.all(Region)}
    out: dict[str, dict[str, Any]] = {}
    for zone in kb.all(Zone):
        out[zone.id] = {
            "title": zone.title.en,
            "kind": "zone",
            "chart": scheme_title(zone.scheme),
            "region": region_titles.get(zone.region, zone.region),
            "corresponds": zone.corresponds_to.en,
            "foot": zone.foot,
            "disagreement": zone.disagreement.en if zone.disagreement else None,
            "claims": _claims(kb, list(zone.claims)),
        }
    for point in kb.all(Point):
        out[point.id] = {
            "title": point.title.en,
            "kind": "point",
            "chart": f"The article's acupressure technique, step {point.article_step}"
            if point.article_step
            else "Acupressure point",
            "region": region_titles.get(point.region, point.region),
            "corresponds": point.claimed_for.en,
            "location": point.article_location.en,
            "who": point.who_location.en if point.who_location else None,
            "match": point.match,
            "match_note": point.match_note.en if point.match_note else None,
            "claims": _claims(kb, list(point.claims)),
        }
    return out


@router.get("/map", response_class=HTMLResponse)
def explorer(request: Request, kb: KbDep) -> HTMLResponse:
    form = Form.of(request.query_params)
    compare = bool(form.text("compare"))
    error = None
    maps: list[tuple[str, str]] = []
    notes: tuple[str, ...] = ()
    try:
        drawn = map_request(kb, request)
        base, notes = drawn.request, drawn.notes
        if compare:
            article = ("article_home", "article_map", "article_acupressure")
            for title, schemes in (
                ("The article's charts", article),
                ("Western chart", ("western",)),
            ):
                maps.append((title, render_svg(kb, msgspec.structs.replace(base, schemes=schemes))))
        else:
            maps.append(("", render_svg(kb, base)))
    except BadInput as exc:
        error = exc.message
    goals = sorted((title_of(g), g.id) for g in kb.all(Goal))
    return render(
        request,
        "map.html",
        status=422 if error else 200,
        title="Foot map",
        form=form,
        maps=maps,
        error=error,
        notes=notes,
        compare=compare,
        goals=goals,
        organs=sorted(organs(kb)),
        schemes=[(s, scheme_title(s)) for s in SCHEMES],
        details_json=json.dumps(details(kb)).replace("</", "<\\/"),
        alternate=None,
    )
