"""The foot map: both feet in four views, with regions, reflex zones and points from the data.

``render_svg(kb, MapRequest(...))`` draws a map; ``map_of(kb, MapAsk(...))`` makes the
request from what a person asked (the CLI's flags, the web's query: one rule for both);
``export.write(svg, "map.png")`` saves it as SVG, PNG or PDF; ``demos.demo_svg("pressing")``
animates a technique. Geometry is computed in pure functions (``geometry``, ``outline``,
``layout``, ``scene``); ``svg`` only draws.
Imports the knowledge layer, and the planner for the map of a plan.
"""

from __future__ import annotations

from plantar.footmap.document import render_svg
from plantar.footmap.request import (
    MapAsk,
    MapOfPlan,
    MapRequest,
    PlanOnly,
    map_of,
    parse_feet,
    parse_pain,
    parse_schemes,
    parse_views,
)

__all__ = [
    "MapAsk",
    "MapOfPlan",
    "MapRequest",
    "PlanOnly",
    "map_of",
    "parse_feet",
    "parse_pain",
    "parse_schemes",
    "parse_views",
    "render_svg",
]
