"""The drawn foot: outlines and details of each view, from ``outlines.yaml``.

Control points live in the data file; this module turns them into Bézier curves once per view
(cached) and answers geometric questions in the normalised frame of a view: where the outline
runs, for the left foot or its mirror image, the right.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, get_args

import msgspec

from plantar.footmap import geometry as g
from plantar.knowledge.schema import View

VIEWS: tuple[View, ...] = get_args(View)
FEET: tuple[Literal["left", "right"], ...] = ("left", "right")
Side = Literal["left", "right"]

OUTLINES_FILE = Path(__file__).with_name("outlines.yaml")


class Detail(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A line or small shape drawn over the foot so a person recognises it."""

    # toe: filled like skin (the small toes of the outer view overlap one another).
    kind: Literal["crease", "pad", "nail", "leg", "tendon", "bone", "edge", "toe"]
    closed: bool
    points: list[tuple[float, float]]


# The transverse guide lines of the Western chart (vocabulary.GUIDE_LINES names them).
GuideLine = Literal["shoulder", "diaphragm", "waist", "pelvic"]


class ViewOutline(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    size: tuple[float, float]
    outline: list[tuple[float, float]]
    stroke_until: int | None = None
    details: list[Detail] = []
    # Normalised polylines of the left foot: the guide lines across it, and the four lines
    # between its five longitudinal zones (from the big toe's side outward).
    guides: dict[GuideLine, list[tuple[float, float]]] = {}
    longitudinal: list[list[tuple[float, float]]] = []


class ViewGeometry(msgspec.Struct, frozen=True):
    """A view's compiled geometry for the LEFT foot, in physical units (foot lengths)."""

    view: View
    size: tuple[float, float]
    outline: list[g.Bezier]
    stroked: int  # how many outline segments are skin (the rest: a cut through the leg)
    details: list[tuple[Detail, list[g.Bezier]]]
    polygon: list[g.Pt]  # the outline sampled, normalised 0..1
    guides: dict[GuideLine, list[g.Pt]] = {}
    longitudinal: list[list[g.Pt]] = []


@cache
def _raw() -> dict[View, ViewOutline]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(OUTLINES_FILE.read_text(encoding="utf-8"), Loader=loader)
    return msgspec.convert(data, dict[View, ViewOutline])


@cache
def geometry(view: View) -> ViewGeometry:
    raw = _raw()[view]
    w, h = raw.size
    # Curves are fitted in physical units: centripetal Catmull-Rom is not invariant under
    # unequal x/y scaling, and the frame of a sole is 2.5 times taller than it is wide.
    outline = g.catmull_rom(g.scale(raw.outline, w, h), closed=True)
    details = [(d, g.catmull_rom(g.scale(d.points, w, h), closed=d.closed)) for d in raw.details]
    stroked = raw.stroke_until if raw.stroke_until is not None else len(outline)
    polygon = g.scale(g.sample(outline, 10), 1 / w, 1 / h)
    return ViewGeometry(
        view=view,
        size=(w, h),
        outline=outline,
        stroked=stroked,
        details=details,
        polygon=polygon,
        guides=dict(raw.guides),
        longitudinal=list(raw.longitudinal),
    )


def for_foot(points: list[g.Pt], foot: Side) -> list[g.Pt]:
    """Normalised points of the left foot, as they lie on ``foot``."""
    return points if foot == "left" else g.mirror(points)


def outline_polygon(view: View, foot: Side = "left") -> list[g.Pt]:
    """The outline of ``foot`` in ``view`` as a polygon in the normalised frame."""
    return for_foot(geometry(view).polygon, foot)
