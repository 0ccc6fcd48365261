"""The foot map: both feet in four views, with regions, reflex zones and points from the data.

``render_svg(kb, MapRequest(...))`` draws a map; ``export.write(svg, "map.png")`` saves it as
SVG, PNG or PDF; ``demos.demo_svg("pressing")`` animates a technique. Geometry is computed in
pure functions (``geometry``, ``outline``, ``layout``, ``scene``); ``svg`` only draws.
Imports only the knowledge layer.
"""

from __future__ import annotations

from plantar.footmap.document import render_svg
from plantar.footmap.request import MapRequest, parse_feet, parse_pain, parse_schemes, parse_views

__all__ = ["MapRequest", "parse_feet", "parse_pain", "parse_schemes", "parse_views", "render_svg"]
