"""The foot map: the explorer page (`/map`) and its SVG twin (`/api/v1/map.svg`), both from
one `footmap.MapAsk` of the query; technique animations and the plan's printout.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from plantar.errors import BadInput
from plantar.footmap import MapOfPlan, PlanOnly, map_of
from plantar.footmap.demos import demo_svg
from plantar.footmap.document import render_svg
from plantar.footmap.request import LAYERS, SCHEMES, organs
from plantar.footmap.scene import scheme_title
from plantar.footmap.spot import Illustration, spot_svg
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import Claim, Goal, Point, Region, Zone
from plantar.knowledge.vocabulary import EVIDENCE_MEANINGS, MAP_LAYERS, MAP_TABS, MERIDIANS
from plantar.planner import plan
from plantar.web.deps import KbDep
from plantar.web.forms import Form
from plantar.web.templating import render

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["foot map"])


SVG = "image/svg+xml"


class SVGResponse(Response):
    media_type = SVG


def map_request(kb: KnowledgeBase, form: Form) -> MapOfPlan:
    """The query string of a map, made into what to draw; bad values raise ``BadInput``."""
    try:
        return map_of(kb, form.map_ask())
    except PlanOnly as exc:
        raise BadInput(
            exc.field,
            exc.value,
            message=_("{field}: {value} only with plan=1 (it shapes the plan to draw)").format(
                field=exc.field, value=repr(exc.value)
            ),
        ) from None


@api.get(
    "/map.svg",
    summary="The foot map as SVG (the flags of `plantar map` as query parameters)",
    response_class=SVGResponse,
    responses={200: {"content": {SVG: {}}}, 422: {"description": "A bad value, named"}},
)
def map_svg(
    request: Request,
    kb: KbDep,
    view: Annotated[
        str, Query(description="sole, top, inner, outer, a comma list, or all")
    ] = "all",
    foot: Annotated[str, Query(description="left, right or both")] = "both",
    scheme: Annotated[
        str, Query(description="western, article_home, article_map, article_acupressure, or all")
    ] = "western",
    layer: Annotated[
        list[str] | None, Query(description="guides, longitudinal, or all: drawn over the sole")
    ] = None,
    highlight: Annotated[
        list[str] | None, Query(description="zone, point, region, goal or organ")
    ] = None,
    goal: Annotated[list[str] | None, Query()] = None,
    pain: Annotated[list[str] | None, Query(description="REGION=0-10")] = None,
    routine: Annotated[str | None, Query(description="number a routine's steps")] = None,
) -> SVGResponse:
    # The parameters above document the query; map_request reads them all from the request.
    return SVGResponse(render_svg(kb, map_request(kb, Form.of(request.query_params)).request))


@api.get(
    "/demo/{technique}.svg",
    summary="An animated demonstration of a technique",
    response_class=SVGResponse,
    responses={200: {"content": {SVG: {}}}, 422: {"description": "Unknown technique, named"}},
)
def demo(
    technique: str,
    kb: KbDep,
    direction: Annotated[str | None, Query(description="clockwise or counterclockwise")] = None,
) -> SVGResponse:
    return SVGResponse(
        demo_svg(technique, direction, kb), headers={"Cache-Control": "public, max-age=86400"}
    )


def picture(kb: KnowledgeBase, kind: Illustration | None) -> dict[str, str] | None:
    """The ``<img>`` of a place (where it is) or a technique (how it is done), as the spot
    and demo routes below serve them: its address and its words for a screen reader."""
    if kind is None:
        return None
    what, name = kind[1], kb.title(kind[1])
    if kind[0] == "spot":
        return {"src": f"/api/v1/spot/{what}.svg", "alt": _("Where {place} is").format(place=name)}
    alt = _("How: {technique}").format(technique=name.lower())
    return {"src": f"/api/v1/demo/{what}.svg", "alt": alt}


@api.get(
    "/spot/{target}.svg",
    summary="Where one point, zone or region is: a small picture of the foot with it marked",
    response_class=SVGResponse,
    responses={200: {"content": {SVG: {}}}, 422: {"description": "Not a place on the map, named"}},
)
def spot(target: str, kb: KbDep) -> SVGResponse:
    return SVGResponse(spot_svg(target, kb), headers={"Cache-Control": "public, max-age=86400"})


@api.get(
    "/plan.pdf",
    summary="A plan as a printable PDF (the plan fields as query parameters)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, 422: {"description": "A bad value"}},
)
def plan_pdf(request: Request, kb: KbDep) -> Response:
    from plantar.guide.printout import plan_pdf as printout

    result = plan(Form.of(request.query_params).plan_request(), kb)
    # The file's name is ASCII (a header value): a title with none of it, such as a Russian
    # one, names it plantar-session.
    name = re.sub(r"[^a-z0-9]+", "-", (result.title or "plantar session").lower()).strip("-")
    name = name or "plantar-session"
    return Response(
        printout(result, kb),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
    )


def _claims(kb: KnowledgeBase, ids: list[str]) -> list[dict[str, str]]:
    out = []
    for claim_id in ids:
        found = kb.find(claim_id)
        if found is not None and isinstance(found[1], Claim):
            level = found[1].evidence
            out.append(
                {
                    "id": claim_id,
                    "text": found[1].text.text(),
                    "evidence": level,
                    "meaning": EVIDENCE_MEANINGS.label(level),
                }
            )
    return out


def beside(kb: KnowledgeBase, point: Point) -> list[dict[str, str]]:
    """An article step's place and the standard points nearest it, each a picture with its
    caption and page, to be shown side by side where the two readings disagree (steps 5
    and 8); nothing for any other point."""
    if not point.nearest:
        return []
    shown = [(point.id, _("The article, step {step}").format(step=point.article_step))]
    shown.extend((near, kb.title(near)) for near in point.nearest)
    out = []
    for target, caption in shown:
        img = picture(kb, ("spot", target))
        if img is not None:
            out.append({**img, "caption": caption, "href": f"/library/{target}"})
    return out


def details(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """What the explorer shows when a zone or point is tapped, by id."""
    region_titles = {r.id: title_of(r) for r in kb.all(Region)}
    out: dict[str, dict[str, Any]] = {}
    for zone in kb.all(Zone):
        out[zone.id] = {
            "title": zone.title.text(),
            "kind": "zone",
            "chart": scheme_title(zone.scheme),
            "region": region_titles.get(zone.region, zone.region),
            "corresponds": zone.corresponds_to.text(),
            "foot": zone.foot,
            "disagreement": zone.disagreement.text() if zone.disagreement else None,
            "claims": _claims(kb, list(zone.claims)),
        }
    for point in kb.all(Point):
        out[point.id] = {
            "title": point.title.text(),
            "kind": "point",
            "chart": _("The article's acupressure technique, step {step}").format(
                step=point.article_step
            )
            if point.article_step
            else _("Standard acupoint {code} · {meridian}").format(
                code=point.who_code, meridian=MERIDIANS.label(point.meridian or "")
            )
            if point.who_code and point.meridian
            else _("Acupressure point"),
            "region": region_titles.get(point.region, point.region),
            "corresponds": point.claimed_for.text() if point.claimed_for else None,
            "traditional": point.traditional_uses.text() if point.traditional_uses else None,
            "location": point.article_location.text() if point.article_location else None,
            "who": point.who_location.text() if point.who_location else None,
            "match": point.match,
            "match_note": point.match_note.text() if point.match_note else None,
            "claims": _claims(kb, list(point.claims)),
        }
        if point.nearest:
            out[point.id]["beside"] = beside(kb, point)
    return out


# The explorer opens on one foot and one view, big enough for a finger on a phone; the tabs
# go to any other, or to all of them at once (the API's own default).
PAGE_VIEW, PAGE_FOOT = "sole", "left"
VIEW_TABS = ("sole", "top", "inner", "outer", "all")
FOOT_TABS = ("left", "right", "both")


def _tabs(form: Form, view: str, foot: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    keep = [(k, v) for k, vs in form.values.items() if k not in ("view", "foot") for v in vs]

    def href(v: str, f: str) -> str:
        return "/map?" + urlencode([("view", v), ("foot", f), *keep])

    def tab(v: str, f: str, current: bool, which: str) -> dict[str, Any]:
        return {"title": MAP_TABS.label(which), "href": href(v, f), "current": current}

    return {
        "views": [(v, tab(v, foot, v == view, v)) for v in VIEW_TABS],
        "feet": [(f, tab(view, f, f == foot, f)) for f in FOOT_TABS],
    }


@router.get("/map", response_class=HTMLResponse)
def explorer(request: Request, kb: KbDep) -> HTMLResponse:
    given = Form.of(request.query_params)
    view = given.text("view") or PAGE_VIEW
    foot = given.text("foot") or PAGE_FOOT
    form = Form({**given.values, "view": [view], "foot": [foot]})
    compare = bool(form.text("compare"))
    error = None
    maps: list[tuple[str, str]] = []
    notes: tuple[str, ...] = ()
    try:
        drawn = map_request(kb, form)
        base, notes = drawn.request, drawn.notes
        if compare:
            article = ("article_home", "article_map", "article_acupressure")
            for title, schemes in (
                (_("The article's charts"), article),
                (_("Western chart"), ("western",)),
            ):
                maps.append((title, render_svg(kb, msgspec.structs.replace(base, schemes=schemes))))
        else:
            maps.append(("", render_svg(kb, base)))
    except BadInput as exc:
        error = exc.message
    goals = sorted((title_of(g), g.id) for g in kb.all(Goal))
    return render(
        request,
        "home/map.html",
        status=422 if error else 200,
        title=_("Foot map"),
        form=form,
        view=view,
        foot=foot,
        tabs=_tabs(given, view, foot),
        maps=maps,
        error=error,
        notes=notes,
        compare=compare,
        filtered=compare
        or form.text("scheme") not in (None, "", "western")
        or any(form.many("goal"))
        or any(form.many("highlight"))
        or any(form.many("layer")),
        goals=goals,
        organs=sorted(organs(kb)),
        schemes=[(s, scheme_title(s)) for s in SCHEMES],
        layers=[(layer, MAP_LAYERS.label(layer)) for layer in LAYERS],
        details_json=json.dumps(details(kb)).replace("</", "<\\/"),
        alternate=None,
    )
