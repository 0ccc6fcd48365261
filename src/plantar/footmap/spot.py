"""Where one place is: a small picture of a foot with one zone, point or region marked.

A plan's point step, a library page of a point or zone, and the map's point panel show it
where the whole map (tens of kilobytes, every zone) would be too much: one view of the left
foot, the place filled or ringed, about 2 KB. ``illustration(target, technique)`` says which
picture a step gets: the place for a point or zone (a person must find it), otherwise the
technique's demonstration.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal
from xml.sax.saxutils import escape

from plantar.errors import BadInput
from plantar.footmap.demos import RECIPES, foot_drawing
from plantar.footmap.outline import geometry
from plantar.footmap.palette import VERMILLION
from plantar.footmap.scene import shapes_by_target
from plantar.footmap.svg import el, num
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Shape, View, Zone

SPOT_SIZE = 160.0
SPOT_FOOT = 144.0
# The view a place is shown on when it is drawn on several: where one would look first.
VIEW_ORDER: tuple[View, ...] = ("sole", "top", "inner", "outer")
# Where the picture looks, by view and foot: the words of its title.
_WHERE: dict[tuple[str, str], str] = {
    ("sole", "left"): N_("sole of the left foot"),
    ("sole", "right"): N_("sole of the right foot"),
    ("top", "left"): N_("top of the left foot"),
    ("top", "right"): N_("top of the right foot"),
    ("inner", "left"): N_("inner of the left foot"),
    ("inner", "right"): N_("inner of the right foot"),
    ("outer", "left"): N_("outer of the left foot"),
    ("outer", "right"): N_("outer of the right foot"),
}


@lru_cache(maxsize=4)
def spotted(kb: KnowledgeBase) -> dict[str, tuple[View, list[Shape]]]:
    """Every place drawn on the map, with the view it is shown on and its shapes there:
    worked out once per knowledge base (a plan page asks for each step). Do not change it.
    Views and shapes only, no words: one cache serves every language."""
    by_target = shapes_by_target(kb)
    found: dict[str, tuple[View, list[Shape]]] = {}
    for view in reversed(VIEW_ORDER):
        for (target, shape_view), shapes in by_target.items():
            if shape_view == view:
                found[target] = (view, shapes)
    return found


def spot_svg(target: str, kb: KnowledgeBase) -> str:
    """A ``SPOT_SIZE`` px square picture of a foot with ``target`` marked: the left foot, or
    the right for a place only the right foot has."""
    places = spotted(kb)
    if target not in places:
        raise BadInput("target", target, sorted(places))
    view, shapes = places[target]
    # A place on one foot only (the Western chart's liver is on the right) is drawn on that
    # foot: the left foot's drawing, mirrored.
    found = kb.find(target)
    side = getattr(found[1], "foot", "both") if found else "both"
    right = side == "right"
    foot, scale, x0, y0 = foot_drawing(view, SPOT_SIZE, SPOT_FOOT, top=0.0)
    w, h = geometry(view).size

    def px(p: tuple[float, float]) -> str:
        return f"{num(x0 + p[0] * w * scale)} {num(y0 + p[1] * h * scale)}"

    marks = []
    for shape in shapes:
        if shape.polygon:
            d = "M" + " L".join(px(p) for p in shape.polygon) + " Z"
            marks.append(
                el(
                    "path",
                    d=d,
                    fill=VERMILLION,
                    fill_opacity=0.55,
                    stroke=VERMILLION,
                    stroke_width=1.5,
                    stroke_linejoin="round",
                )
            )
        if shape.at is not None:
            x, y = px(shape.at).split()
            marks.append(
                el("circle", cx=x, cy=y, r=9.0, fill="none", stroke=VERMILLION, stroke_width=2.5)
            )
            marks.append(el("circle", cx=x, cy=y, r=3.5, fill=VERMILLION))
    where = _(_WHERE[view, "right" if right else "left"])
    title = _("Where: {place} ({where})").format(place=kb.title(target), where=where)
    drawing = foot + "".join(marks)
    if right:
        drawing = el("g", drawing, transform=f"translate({num(SPOT_SIZE)} 0) scale(-1 1)")
    return (
        el(
            "svg",
            "".join(
                [
                    el("title", escape(title)),
                    el("rect", width=SPOT_SIZE, height=SPOT_SIZE, fill="#FFFFFF"),
                    drawing,
                ]
            ),
            xmlns="http://www.w3.org/2000/svg",
            width=SPOT_SIZE,
            height=SPOT_SIZE,
            viewBox=f"0 0 {num(SPOT_SIZE)} {num(SPOT_SIZE)}",
            role="img",
        )
        + "\n"
    )


Illustration = tuple[Literal["spot", "demo"], str]


def illustration(target: str | None, technique: str, kb: KnowledgeBase) -> Illustration | None:
    """The picture a step is shown with: ("spot", a point or zone to find), ("demo", its
    technique), or None when neither is drawn."""
    if target is not None and target in spotted(kb):
        found = kb.find(target)
        if found is not None and isinstance(found[1], Point | Zone):
            return ("spot", target)
    if technique in RECIPES:
        return ("demo", technique)
    return None
