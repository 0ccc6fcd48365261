"""Technique demonstrations: a small animated SVG per manipulation, instead of the article's videos.

Each demonstration draws the foot from the map's own geometry and moves a translucent "thumb"
or "palm" over it with SMIL animation (supported by every current browser; a static renderer
such as cairosvg shows the first frame). A recipe says which view, where and how the hand
moves; places are the map's named points where one fits, so a demo agrees with the map.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from plantar.errors import BadInput
from plantar.footmap import geometry as g
from plantar.footmap.layout import text_width
from plantar.footmap.outline import geometry
from plantar.footmap.palette import BLUE, INK, SKIN, TEXT, VERMILLION
from plantar.footmap.svg import el, num, text
from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Shape, Technique, View
from plantar.knowledge.vocabulary import DIRECTIONS

SIZE = 260.0  # px of the square canvas; the foot is drawn 200 px long
FOOT_PX = 200.0
HandKind = Literal["thumb", "fingers", "knuckles", "palm_heel", "palm", "foot", "device"]
Motion = Literal[
    "circles", "line", "back_and_forth", "loops", "jitter", "taps", "squeeze", "rotate", "shake"
]


@dataclass(frozen=True)
class Recipe:
    view: View
    motion: Motion
    start: tuple[float, float]  # normalised, left foot
    end: tuple[float, float] | None = None
    seconds: float = 2.0
    hand: HandKind = "thumb"


# Where on the map each technique is shown. Coordinates are in the view's normalised frame
# (outlines.yaml) and sit on the sole's ball and arch, the top's toe-to-ankle line, or the toes.
RECIPES: dict[str, Recipe] = {
    "pressing": Recipe("sole", "circles", (0.50, 0.45), seconds=1.6),
    "circular_rubbing": Recipe("sole", "loops", (0.50, 0.30), (0.50, 0.85), 4.0, "knuckles"),
    "stroking": Recipe("top", "line", (0.50, 0.12), (0.50, 0.78), 1.8, "palm"),
    "rubbing": Recipe("sole", "back_and_forth", (0.30, 0.55), (0.72, 0.55), 0.45, "knuckles"),
    "kneading": Recipe("sole", "squeeze", (0.50, 0.60), seconds=1.4, hand="fingers"),
    "vibration": Recipe("sole", "jitter", (0.50, 0.33), seconds=0.12, hand="fingers"),
    "rotation": Recipe("inner", "rotate", (0.25, 0.58), seconds=2.4, hand="palm"),
    "stretching": Recipe("sole", "line", (0.556, 0.10), (0.556, -0.02), 1.2, "fingers"),
    "toe_pulling": Recipe("sole", "line", (0.81, 0.10), (0.81, -0.03), 1.2, "fingers"),
    "flexion": Recipe("inner", "back_and_forth", (0.96, 0.93), (0.96, 0.76), 1.2, "fingers"),
    "patting": Recipe("top", "taps", (0.50, 0.45), seconds=1.5, hand="palm"),
    "pinching": Recipe("top", "squeeze", (0.50, 0.40), seconds=0.9, hand="fingers"),
    "sliding": Recipe("top", "back_and_forth", (0.42, 0.13), (0.42, 0.30), 0.8, "fingers"),
    "shaking": Recipe("inner", "shake", (0.25, 0.58), seconds=0.3, hand="fingers"),
    "fan_lines": Recipe("sole", "line", (0.50, 0.55), (0.42, 0.07), 1.4),
    "leg_rubbing": Recipe("inner", "back_and_forth", (0.14, 0.45), (0.14, 0.05), 1.0, "foot"),
    "mat_walking": Recipe("inner", "shake", (0.50, 0.95), seconds=0.9, hand="device"),
    "device_rolling": Recipe("sole", "back_and_forth", (0.50, 0.30), (0.50, 0.75), 1.6, "device"),
    "palpation": Recipe("sole", "loops", (0.40, 0.30), (0.60, 0.80), 6.0),
}

# Techniques whose direction of circling the user may choose (the article: clockwise, and
# counterclockwise on a painful place).
CIRCULAR = {"pressing", "circular_rubbing"}


def _path_d(segments: list[g.Bezier], px: Callable[[g.Pt], str], closed: bool) -> str:
    if not segments:
        return ""
    body = " ".join(f"C{px(a)} {px(b)} {px(c)}" for _, a, b, c in segments)
    return f"M{px(segments[0][0])} {body}" + (" Z" if closed else "")


def foot_drawing(
    view: View, size: float = SIZE, length: float = FOOT_PX, top: float = 40.0
) -> tuple[str, float, float, float]:
    """The left foot's outline in ``view``, ``length`` px long, centred on a ``size`` px square
    below ``top`` px (room for a caption); returns (svg, scale, x0, y0)."""
    geo = geometry(view)
    w, h = geo.size
    scale = length / max(w, h)
    x0 = (size - w * scale) / 2
    y0 = top + (size - top - h * scale) / 2

    def px(p: g.Pt) -> str:
        return f"{num(x0 + p[0] * scale)} {num(y0 + p[1] * scale)}"

    out = [el("path", d=_path_d(geo.outline, px, True), fill=SKIN, stroke=INK, stroke_width=1.5)]
    for detail, segments in geo.details:
        fill = SKIN if detail.kind == "toe" else "none"
        d = _path_d(segments, px, detail.closed)
        out.append(el("path", d=d, fill=fill, stroke=INK, stroke_width=0.8))
    return "".join(out), scale, x0, y0


# The massaging hand, drawn around its point of contact (0, 0): the thumb's pad, the finger
# tips, the knuckles of a loose fist, the heel of the palm or the whole palm, as the technique
# uses. Each is a few capsules and rounded shapes, outlined as one silhouette (the outlines
# are drawn first, the fills over them), translucent so the foot shows through.
HAND_SKIN = "#D9A07B"


def _capsule(x1: float, y1: float, x2: float, y2: float, r: float) -> str:
    """A rounded bar of radius ``r`` from (x1, y1) to (x2, y2): a finger or a thumb."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * r, dx / length * r
    a, b = (x1 + nx, y1 + ny), (x2 + nx, y2 + ny)
    c, d = (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)
    return (
        f"M{num(a[0])} {num(a[1])} L{num(b[0])} {num(b[1])} "
        f"A{num(r)} {num(r)} 0 0 0 {num(c[0])} {num(c[1])} L{num(d[0])} {num(d[1])} "
        f"A{num(r)} {num(r)} 0 0 0 {num(a[0])} {num(a[1])} Z"
    )


def _rounded(x: float, y: float, w: float, h: float, r: float) -> str:
    return (
        f"M{num(x + r)} {num(y)} H{num(x + w - r)} A{num(r)} {num(r)} 0 0 1 {num(x + w)} "
        f"{num(y + r)} V{num(y + h - r)} A{num(r)} {num(r)} 0 0 1 {num(x + w - r)} "
        f"{num(y + h)} H{num(x + r)} A{num(r)} {num(r)} 0 0 1 {num(x)} {num(y + h - r)} "
        f"V{num(y + r)} A{num(r)} {num(r)} 0 0 1 {num(x + r)} {num(y)} Z"
    )


def _open_hand(dx: float, dy: float) -> list[str]:
    """A flat hand, fingers pointing up, its palm's centre at (dx, dy)."""
    palm = _rounded(dx - 17, dy - 13, 34, 34, 10)
    fingers = [
        _capsule(dx + x, dy - 9, dx + x * 1.08, dy - 9 - length, 4.3)
        for x, length in ((-12.5, 20.0), (-4.2, 25.0), (4.2, 23.0), (12.0, 17.0))
    ]
    thumb = _capsule(dx - 14, dy + 10, dx - 29, dy - 5, 5.0)
    return [palm, *fingers, thumb]


def _fist(dx: float, dy: float) -> list[str]:
    """A loose fist seen from above, its knuckles along the top edge at y = dy."""
    body = _rounded(dx - 17, dy - 2, 34, 30, 10)
    knuckles = [_capsule(dx + x, dy + 1, dx + x, dy + 6, 4.6) for x in (-12.0, -4.0, 4.0, 12.0)]
    return [body, *knuckles]


def _hand_parts(kind: str) -> tuple[list[str], list[tuple[float, float, float, float]]]:
    """The silhouette's shapes and its nails (cx, cy, rx, ry) for a hand of ``kind``."""
    if kind == "thumb":  # a fist beside the spot, the thumb's pad on it
        return [*_fist(22.0, 8.0), _capsule(8.0, 14.0, 0.0, 0.0, 5.6)], [(1.2, 1.6, 2.6, 2.0)]
    if kind == "fingers":  # index and middle finger tips on the spot
        shapes = [
            _rounded(8.0, 12.0, 30.0, 28.0, 10),
            _capsule(12.0, 16.0, -2.0, 0.0, 4.4),
            _capsule(20.0, 13.0, 7.0, -4.0, 4.4),
            _capsule(30.0, 14.0, 24.0, 4.0, 4.2),
            _capsule(9.0, 32.0, -3.0, 26.0, 5.0),
        ]
        return shapes, [(-1.0, 1.0, 2.2, 1.7), (6.0, -2.6, 2.2, 1.7)]
    if kind == "foot":  # the other foot's sole rubbing this leg (no hand at all)
        toes = [
            _capsule(x, -25.0 + abs(x) * 0.2, x, -23.0 + abs(x) * 0.2, 3.2)
            for x in (-7.0, -2.0, 3.0, 7.5)
        ]
        return [
            _rounded(-10.0, -20.0, 20.0, 44.0, 10),
            _capsule(-12.0, -25.0, -12.0, -22.0, 4.2),
            *toes,
        ], []
    if kind == "knuckles":  # the flat of a loose fist's knuckles along the spot
        return _fist(0.0, -3.0), []
    if kind == "palm_heel":  # the heel of the palm on the spot, fingers beyond it
        return _open_hand(0.0, -14.0), []
    # "palm": the whole palm over the spot
    return _open_hand(0.0, 0.0), []


def _hand(kind: str, mirror: bool = False) -> str:
    if kind == "device":
        roller = el(
            "rect", x=-26.0, y=-7.0, width=52.0, height=14.0, rx=7.0, fill=BLUE,
            fill_opacity=0.5, stroke=BLUE,
        )  # fmt: skip
        spikes = "".join(
            el("circle", cx=x, cy=0.0, r=2.0, fill="#FFFFFF") for x in (-18.0, -9.0, 0.0, 9.0, 18.0)
        )
        return el("g", roller + spikes, class_="hand hand-device")
    shapes, nails = _hand_parts(kind)
    outline = "".join(el("path", d=d, fill="none", stroke=INK, stroke_width=2.4) for d in shapes)
    fill = "".join(el("path", d=d, fill=HAND_SKIN) for d in shapes)
    marks = "".join(
        el("ellipse", cx=cx, cy=cy, rx=rx, ry=ry, fill="#F3D9C6", stroke=INK, stroke_width=0.6)
        for cx, cy, rx, ry in nails
    )
    contact = el("circle", r=2.2, fill=VERMILLION)  # where the hand works
    body = el("g", outline + fill + marks, opacity=0.9) + contact
    return el("g", body, class_=f"hand hand-{kind}", transform="scale(-1 1)" if mirror else None)


def _loop(**values: str | float | None) -> dict[str, str | float | None]:
    return {**values, "repeatCount": "indefinite"}


def _pts(points: list[g.Pt], dx: float = 0.0, dy: float = 0.0) -> str:
    return "M" + " L".join(f"{num(x + dx)} {num(y + dy)}" for x, y in points)


def _motion(recipe: Recipe, to_px: tuple[float, float, float], clockwise: bool) -> tuple[str, str]:
    """(moving hand, static guide) for a recipe: the guide shows the path and its direction."""
    scale, x0, y0 = to_px
    w, h = geometry(recipe.view).size
    sx, sy = x0 + recipe.start[0] * w * scale, y0 + recipe.start[1] * h * scale
    end = recipe.end or recipe.start
    ex, ey = x0 + end[0] * w * scale, y0 + end[1] * h * scale
    dur = f"{round(recipe.seconds * 1000)}ms"
    hand = _hand(recipe.hand)
    arrow: dict[str, str | float | None] = {
        "marker_end": "url(#arrow)",
        "stroke": VERMILLION,
        "stroke_width": 1.6,
        "fill": "none",
    }

    # The hand stands at the start (so a static renderer shows it in place) and each motion
    # is relative to it: animateMotion and translate add to the element's position.
    def moving(*animations: str, offset: str = "0 0", body: str | None = None) -> str:
        inner = el("g", (body or hand) + "".join(animations), transform=f"translate({offset})")
        return el("g", inner, transform=f"translate({num(sx)} {num(sy)})")

    def translate(values: str, **extra: str | float | None) -> str:
        return el(
            "animateTransform",
            **_loop(attributeName="transform", type="translate", values=values, dur=dur, **extra),
        )

    if recipe.motion == "circles":
        r, sweep = 14.0, 1 if clockwise else 0
        arc = f"A{num(r)} {num(r)} 0 1 {sweep}"
        path = f"M{num(r)} 0 {arc} {num(-r)} 0 {arc} {num(r)} 0"
        turn = (r + 6) * (1 if clockwise else -1)
        guide_d = (
            f"M{num(sx + r + 6)} {num(sy)} A{num(r + 6)} {num(r + 6)} 0 0 {sweep} "
            f"{num(sx)} {num(sy + turn)}"
        )
        pulse = el("animate", **_loop(attributeName="opacity", values="0.6;1;0.6", dur=dur))
        return moving(pulse, el("animateMotion", **_loop(dur=dur, path=path))), el(
            "path", d=guide_d, **arrow
        )
    if recipe.motion == "loops":
        turns = 2 * math.pi * 5 * (1 if clockwise else -1)
        pts = [
            (
                (ex - sx) * t + 12 * math.cos(turns * t) - 12,
                (ey - sy) * t + 12 * math.sin(turns * t),
            )
            for t in (k / 48 for k in range(49))
        ]
        guide = el(
            "path",
            d=_pts(pts, sx, sy),
            stroke=VERMILLION,
            stroke_width=0.8,
            fill="none",
            stroke_dasharray="2 3",
        )
        return moving(el("animateMotion", **_loop(dur=dur, path=_pts(pts)))), guide
    if recipe.motion in {"line", "back_and_forth"}:
        there = f"M0 0 L{num(ex - sx)} {num(ey - sy)}"
        guide = el("path", d=f"M{num(sx)} {num(sy)} L{num(ex)} {num(ey)}", **arrow)
        if recipe.motion == "line":
            fade = el(
                "animate",
                **_loop(
                    attributeName="opacity", values="0;1;1;0", keyTimes="0;0.15;0.85;1", dur=dur
                ),
            )
            return moving(fade, el("animateMotion", **_loop(dur=dur, path=there))), guide
        return moving(el("animateMotion", **_loop(dur=dur, path=f"{there} L0 0"))), guide
    if recipe.motion == "jitter":
        return moving(translate("0 0;2 -1;-2 1;1 2;0 0")), ""
    if recipe.motion == "taps":
        spots = "0 0;-18 40;16 -30;0 70"
        blink = el(
            "animate",
            **_loop(
                attributeName="opacity", values="0;1;0", dur=f"{round(recipe.seconds * 250)}ms"
            ),
        )
        return moving(blink, translate(spots, calcMode="discrete")), ""
    if recipe.motion == "squeeze":
        half = f"-{round(recipe.seconds * 500)}ms"
        # Two hands, one each side, their bodies outward: the left one is the mirror image.
        mirrored = _hand(recipe.hand, mirror=True)
        left = moving(translate("-22 0;-7 0;-22 0"), offset="-22 0", body=mirrored)
        right = moving(translate("22 0;7 0;22 0", begin=half), offset="22 0")
        return left + right, ""
    # rotate and shake move the whole foot about a pivot; the hand holds the pivot.
    return moving(), ""


def demo_svg(technique: str, direction: str | None = None, kb: KnowledgeBase | None = None) -> str:
    """An animated SVG demonstrating ``technique`` (a technique id of the knowledge base)."""
    if kb is None:
        from plantar.knowledge import load

        kb = load()
    found = kb.find(technique)
    valid = [t for t in kb.ids("techniques") if t in RECIPES]
    if found is None or not isinstance(found[1], Technique) or technique not in RECIPES:
        raise BadInput("technique", technique, valid)
    record = found[1]
    if direction is not None and direction not in {"clockwise", "counterclockwise"}:
        raise BadInput("direction", direction, ["clockwise", "counterclockwise"])
    if direction is not None and technique not in CIRCULAR:
        only = ", ".join(sorted(CIRCULAR))
        expected = _("no direction: only {techniques} go in circles").format(techniques=only)
        raise BadInput("direction", direction, expected)
    recipe = _placed(RECIPES[technique], technique, kb)
    foot, scale, x0, y0 = foot_drawing(recipe.view)
    hand, guide = _motion(recipe, (scale, x0, y0), direction != "counterclockwise")
    if recipe.motion in {"rotate", "shake"}:
        w, h = geometry(recipe.view).size
        pivot = f"{num(x0 + recipe.start[0] * w * scale)} {num(y0 + recipe.start[1] * h * scale)}"
        if recipe.motion == "rotate":
            kind, values = "rotate", f"-14 {pivot};14 {pivot};-14 {pivot}"
        else:
            kind = "translate"
            values = "0 0;0 -4;0 0" if recipe.hand == "device" else "-4 0;4 0;-4 0"
        swing = el(
            "animateTransform",
            **_loop(
                attributeName="transform",
                type=kind,
                values=values,
                dur=f"{round(recipe.seconds * 1000)}ms",
            ),
        )
        foot = el("g", foot + swing)
    # A circling technique says which way (the vocabulary's words: "clockwise").
    caption = record.title.text() + (
        f", {DIRECTIONS.label(direction or 'clockwise')}" if technique in CIRCULAR else ""
    )
    marker = el(
        "marker",
        el("path", d="M0 0 L10 5 L0 10 z", fill=VERMILLION),
        id="arrow",
        viewBox="0 0 10 10",
        refX=8.0,
        refY=5.0,
        markerWidth=6.0,
        markerHeight=6.0,
        orient="auto-start-reverse",
    )
    heading = text(
        caption,
        x=SIZE / 2,
        y=22.0,
        font_size=_fit(caption),
        font_weight="bold",
        fill=TEXT,
        text_anchor="middle",
    )
    body = [
        el("title", escape(caption), id="demo-title"),
        el("desc", escape(record.how.text()), id="demo-desc"),
        el("defs", marker),
        el("rect", width=SIZE, height=SIZE, fill="#FFFFFF"),
        heading,
        foot,
        guide,
        hand,
    ]
    return (
        el(
            "svg",
            "\n".join(body),
            xmlns="http://www.w3.org/2000/svg",
            width=SIZE,
            height=SIZE,
            viewBox=f"0 0 {num(SIZE)} {num(SIZE)}",
            role="img",
            aria_labelledby="demo-title demo-desc",
            font_family="DejaVu Sans, Verdana, Arial, sans-serif",
            id=f"demo-{technique}",
        )
        + "\n"
    )


def _fit(caption: str) -> float:
    """The largest font size up to 14 px at which the caption fits the canvas."""
    return min(14.0, 14.0 * (SIZE - 16) / max(text_width(caption, 14.0, True), 1.0))


def _placed(recipe: Recipe, technique: str, kb: KnowledgeBase) -> Recipe:
    """Pressing is shown on KI1 where the map places it, so the demo and the map agree."""
    if technique != "pressing":
        return recipe
    for shape in kb.all(Shape):
        if (
            isinstance(shape, Shape)
            and shape.of == "KI1"
            and shape.view == recipe.view
            and shape.at
        ):
            return Recipe(recipe.view, recipe.motion, shape.at, None, recipe.seconds, recipe.hand)
    return recipe
