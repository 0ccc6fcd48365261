"""/api/v1/map.svg and /api/v1/demo/{technique}.svg: the foot map and technique animations.

The map takes the flags of `plantar map` as query parameters (a repeatable flag repeats:
`?highlight=liver&highlight=KI1&pain=heel=6`); `routine=ID` numbers a routine's steps, and the
plan fields (`goals`, `minutes`, ...) with `plan=1` number a plan's steps.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from plantar.errors import BadInput
from plantar.footmap import MapOfPlan, PlanOnly, map_of
from plantar.footmap.demos import demo_svg
from plantar.footmap.document import render_svg
from plantar.knowledge import KnowledgeBase
from plantar.planner import plan
from plantar.web.deps import KbDep
from plantar.web.forms import Form

router = APIRouter(tags=["foot map"])
SVG = "image/svg+xml"


class SVGResponse(Response):
    media_type = SVG


def map_request(kb: KnowledgeBase, request: Request) -> MapOfPlan:
    """The query string of a map, made into what to draw; bad values raise ``BadInput``."""
    try:
        return map_of(kb, Form.of(request.query_params).map_ask())
    except PlanOnly as exc:
        raise BadInput(
            exc.field,
            exc.value,
            message=f"{exc.field}: {exc.value!r} only with plan=1 (it shapes the plan to draw)",
        ) from None


@router.get(
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
    highlight: Annotated[
        list[str] | None, Query(description="zone, point, region, goal or organ")
    ] = None,
    goal: Annotated[list[str] | None, Query()] = None,
    pain: Annotated[list[str] | None, Query(description="REGION=0-10")] = None,
    routine: Annotated[str | None, Query(description="number a routine's steps")] = None,
) -> SVGResponse:
    # The parameters above document the query; map_request reads them all from the request.
    return SVGResponse(render_svg(kb, map_request(kb, request).request))


@router.get(
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


@router.get(
    "/plan.pdf",
    summary="A plan as a printable PDF (the plan fields as query parameters)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, 422: {"description": "A bad value"}},
)
def plan_pdf(request: Request, kb: KbDep) -> Response:
    from plantar.guide.printout import plan_pdf as printout

    result = plan(Form.of(request.query_params).plan_request(), kb)
    name = re.sub(r"[^a-z0-9]+", "-", (result.title or "plantar session").lower()).strip("-")
    return Response(
        printout(result, kb),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
    )
