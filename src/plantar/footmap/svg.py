"""Draw a laid-out map (``scene.py``) as SVG text. Nothing is decided here, only drawn.

Element ids are stable so the web app can make them interactive: ``zone-<id>-<view>-<foot>``,
``point-<id>-<view>-<foot>``, ``region-<id>-<view>-<foot>``, ``panel-<view>-<foot>``; each
such group carries ``data-id``, ``data-kind``, ``data-view`` and ``data-foot``, a <title> and
a <desc>. Numbers are written with a decimal dot whatever the process locale (``num``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import lru_cache
from xml.sax.saxutils import escape

from plantar.footmap import geometry as g
from plantar.footmap.palette import INK, MUTED, PAIN, SKIN, TEXT
from plantar.footmap.scene import LABEL_SIZE, SCALE, Item, Panel, charts_disagree
from plantar.knowledge.vocabulary import GUIDE_LINES

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


def num(value: float) -> str:
    """A coordinate with one decimal and a dot, never a comma: f-strings ignore the locale."""
    text = f"{value:.1f}"
    if text[-2:] == ".0":
        text = text[:-2]
        if text == "-0":
            return "0"
    return text


_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_NAMES: dict[str, str] = {}


def attrs(**values: str | float | None) -> str:
    """Attributes in a fixed order; ``class_`` -> class, ``stroke_width`` -> stroke-width."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = _NAMES.get(key)
        if name is None:
            name = _NAMES[key] = key.rstrip("_").replace("_", "-")
        if isinstance(value, str):
            parts.append(f'{name}="{value.translate(_ESCAPE)}"')
        else:
            parts.append(f'{name}="{num(value)}"')  # numbers need no escaping
    return " ".join(parts)


def el(tag: str, body: str | None = None, /, **values: str | float | None) -> str:
    """One SVG element: ``<tag a="1"/>`` or ``<tag a="1">body</tag>`` (body is already SVG)."""
    opening = f"<{tag} {attrs(**values)}".rstrip()
    return f"{opening}/>" if body is None else f"{opening}>{body}</{tag}>"


def text(content: str, /, **values: str | float | None) -> str:
    return el("text", escape(content), **values)


def polygon_d(points: Iterable[g.Pt], closed: bool = True) -> str:
    """Straight-line path data through ``points``; ``closed=False`` for a line, not an area."""
    pts = list(points)
    return "M" + " L".join(f"{num(x)} {num(y)}" for x, y in pts) + (" Z" if closed else "")


def rounded_d(points: list[g.Pt]) -> str:
    """A polygon with softened corners (quadratic curves), for zones that read as areas."""
    return _rounded_d(tuple(points))


@lru_cache(maxsize=2048)
def _rounded_d(points: tuple[g.Pt, ...]) -> str:
    # Cached: a zone lands on the same pixels whenever the same map is drawn again. Path data
    # only, no words: the same in every language (words are never cached here).
    corners = g.rounded_path(points, 0.3)
    start = corners[0][2]
    out = [f"M{num(start[0])} {num(start[1])}"]
    for (ex, ey), (cx, cy), (lx, ly) in [*corners[1:], corners[0]]:
        out.append(f"L{num(ex)} {num(ey)} Q{num(cx)} {num(cy)} {num(lx)} {num(ly)}")
    return " ".join(out) + " Z"


def bezier_d(panel: Panel, segments: list[g.Bezier], closed: bool) -> str:
    """Path data of Bézier segments of the left foot (physical units), placed on ``panel``."""
    return _bezier_d(tuple(segments), panel.foot, panel.geometry.size[0], panel.origin, closed)


@lru_cache(maxsize=256)
def _bezier_d(
    segments: tuple[g.Bezier, ...], foot: str, width: float, origin: g.Pt, closed: bool
) -> str:
    # Cached: the outline and details of a view are the same curves on every map, and only
    # move when the label columns beside them change width.
    if not segments:
        return ""
    ox, oy = origin

    def px(p: g.Pt) -> str:
        x = p[0] if foot == "left" else width - p[0]
        return f"{num(ox + x * SCALE)} {num(oy + p[1] * SCALE)}"

    out = [f"M{px(segments[0][0])}"]
    out.extend(f"C{px(c1)} {px(c2)} {px(end)}" for _, c1, c2, end in segments)
    return " ".join(out) + (" Z" if closed else "")


def _meta(item: Item, panel: Panel) -> dict[str, str | float | None]:
    classes = [
        item.kind,
        f"scheme-{item.scheme}" if item.scheme else "",
        f"group-{item.group}" if item.group else "",
        "highlighted" if item.highlighted else "",
        "dimmed" if item.dimmed else "",
    ]
    return {
        "id": item.dom_id,
        "class_": " ".join(c for c in classes if c),
        "data_id": item.id,
        "data_kind": item.kind,
        "data_view": panel.view,
        "data_foot": panel.foot,
    }


def _group(item: Item, panel: Panel, body: str) -> str:
    titled = el("title", escape(item.title)) + el("desc", escape(item.desc))
    return el("g", titled + body, **_meta(item, panel))


def _region(item: Item, panel: Panel) -> str:
    visible = item.highlighted or item.pain is not None
    style: dict[str, str | float | None] = {
        "fill": item.colour if item.pain is None else "url(#pain-hatch)",
        "fill_opacity": 0.0 if item.pain is None else min(1.0, 0.3 + 0.07 * item.pain),
        "stroke": (PAIN if item.pain is not None else INK) if visible else "none",
        "stroke_width": 1.6,
        "stroke_dasharray": "5 3" if visible else None,
    }
    return _group(item, panel, "".join(el("path", d=polygon_d(p), **style) for p in item.polygons))


def _zone(item: Item, panel: Panel) -> str:
    style: dict[str, str | float | None] = {
        "fill": item.colour,
        "fill_opacity": 0.85 if item.highlighted else (0.16 if item.dimmed else 0.55),
        "stroke": TEXT if item.highlighted else "#FFFFFF",
        "stroke_width": 1.6 if item.highlighted else 0.8,
    }
    return _group(item, panel, "".join(el("path", d=rounded_d(p), **style) for p in item.polygons))


def _point(item: Item, panel: Panel) -> str:
    x, y = item.anchor
    if item.marker is None:
        # A standard acupoint: a small dot in its colour (grey when a plan's other steps lead).
        body = el("circle", cx=x, cy=y, r=4.5, fill=item.colour, stroke="#FFFFFF", stroke_width=1.2)
    else:
        size = 9.5 if len(item.marker) < 3 else 7.5
        body = el(
            "circle",
            cx=x,
            cy=y,
            r=8.5 if item.highlighted else 7.5,
            fill=item.colour,
            stroke="#FFFFFF",
            stroke_width=1.5,
        ) + text(
            item.marker,
            x=x,
            y=y + size * 0.36,
            font_size=size,
            font_weight="bold",
            fill="#FFFFFF",
            text_anchor="middle",
        )
    if item.highlighted:
        ring = el("circle", cx=x, cy=y, r=12.0, fill="none", stroke=TEXT, stroke_width=1.6)
        body = ring + body
    return _group(item, panel, body)


def badge(x: float, y: float, label: str, colour: str = TEXT, fill: str = "#FFFFFF") -> str:
    """A small rounded tag with bold text centred on (x, y): plan numbers, pain levels."""
    width = 7 + 6.2 * len(label)
    box = el(
        "rect",
        x=x - width / 2,
        y=y - 8.0,
        width=width,
        height=16.0,
        rx=4.0,
        fill=fill,
        stroke=colour,
        stroke_width=1.2,
    )
    return box + text(
        label, x=x, y=y + 3.6, font_size=10.0, font_weight="bold", fill=colour, text_anchor="middle"
    )


def not_equal_mark(x: float, y: float) -> str:
    """The mark of a disagreement between charts: a not-equal sign in a white circle."""
    circle = el("circle", cx=x, cy=y, r=6.0, fill="#FFFFFF", stroke=TEXT, stroke_width=0.9)
    return circle + text("\u2260", x=x, y=y + 3.4, font_size=10.0, fill=TEXT, text_anchor="middle")


def _disagreements(panel: Panel) -> list[str]:
    """A not-equal mark on each element whose charts disagree; dashed lines to the counterpart."""
    anchors = {item.id: item.anchor for item in panel.zones}
    out: list[str] = []
    for item in (*panel.zones, *panel.points):
        if item.disagreement is None:
            continue
        x, y = item.anchor
        if item.kind == "point":
            x, y = x + 10.0, y - 10.0
        for other in item.counterparts:
            if other in anchors and other != item.id:
                ox, oy = anchors[other]
                out.append(
                    el(
                        "line",
                        x1=x,
                        y1=y,
                        x2=ox,
                        y2=oy,
                        stroke=TEXT,
                        stroke_width=1.0,
                        stroke_dasharray="2 3",
                        opacity=0.7,
                    )
                )
        title = el("title", escape(charts_disagree(item.disagreement)))
        out.append(
            el("g", title + not_equal_mark(x, y), class_="disagreement", data_for=item.dom_id)
        )
    return out


def _details(panel: Panel) -> str:
    out = []
    for detail, segments in panel.geometry.details:
        out.append(
            el(
                "path",
                d=bezier_d(panel, segments, detail.closed),
                fill=SKIN if detail.kind == "toe" else None,
                stroke_width=0.6 if detail.kind in {"tendon", "pad", "edge"} else None,
                class_=detail.kind,
            )
        )
    return el(
        "g",
        "".join(out),
        class_="details",
        fill="none",
        stroke=INK,
        stroke_width=0.9,
        stroke_linecap="round",
    )


def _layers(panel: Panel, clip: str) -> str:
    """The guide lines and the longitudinal zones asked for, over the zones and under the
    labels and points: thin dark lines a tap goes through, each named on the foot."""
    geo = panel.geometry
    shown = panel.shown_layers()
    out = []
    if "guides" in shown:
        for line, points in geo.guides.items():
            d = polygon_d((panel.to_px(p) for p in points), closed=False)
            out.append(el("path", d=d, stroke_dasharray="5 3", class_=f"guide guide-{line}"))
            # Named at the foot's middle, just above the line.
            mid = panel.to_px((0.5, _cross(points, 0.5, 0)))
            out.append(_layer_text(GUIDE_LINES.label(line), mid[0], mid[1] - 3.0))
    if "longitudinal" in shown:
        lines = geo.longitudinal
        for points in lines:
            d = polygon_d((panel.to_px(p) for p in points), closed=False)
            out.append(el("path", d=d, stroke_dasharray="1.5 3", class_="longitudinal"))
        # Each zone's number between its lines near the heel (1 on the big toe's side).
        y = 0.9
        edges = [0.83, *(_cross(p, y, 1) for p in lines), 0.19]
        for n, (a, b) in enumerate(itertools.pairwise(edges), start=1):
            x, yy = panel.to_px(((a + b) / 2, y))
            out.append(_layer_text(str(n), x, yy + 3.0, bold=True))
    if not out:
        return ""
    return el(
        "g",
        "".join(out),
        class_="layers",
        fill="none",
        stroke=TEXT,
        stroke_width=1.1,
        clip_path=clip,
        pointer_events="none",
    )


def _layer_text(words: str, x: float, y: float, bold: bool = False) -> str:
    """Small words on the foot, legible over any zone: a white halo drawn under them (a
    second copy, as not every renderer knows paint-order)."""
    font = {"font_size": 8.0, "font_weight": "bold" if bold else None, "text_anchor": "middle"}
    halo = text(words, x=x, y=y, fill="#FFFFFF", stroke="#FFFFFF", stroke_width=2.5, **font)
    return halo + text(words, x=x, y=y, fill=TEXT, stroke="none", **font)


def _cross(points: list[g.Pt], value: float, axis: int) -> float:
    """Where a polyline crosses ``value`` on ``axis`` (0: x, 1: y): its other coordinate."""
    other = 1 - axis
    for a, b in itertools.pairwise(points):
        if min(a[axis], b[axis]) <= value <= max(a[axis], b[axis]) and a[axis] != b[axis]:
            t = (value - a[axis]) / (b[axis] - a[axis])
            return a[other] + (b[other] - a[other]) * t
    return points[0][other]


def _leaders(panel: Panel) -> str:
    out = []
    for label in panel.labels:
        end = label.x + (3.0 if label.side == "left" else -3.0)
        ax, ay = label.item.anchor
        opacity = 0.35 if label.item.dimmed else 0.9
        out.append(el("line", x1=ax, y1=ay, x2=end, y2=label.y, opacity=opacity))
        if label.item.kind != "point":
            out.append(el("circle", cx=ax, cy=ay, r=1.8, fill="#6B6B6B", stroke="none"))
    return el("g", "".join(out), class_="leaders", stroke="#6B6B6B", stroke_width=0.7)


def _labels(panel: Panel) -> str:
    out = []
    for label in panel.labels:
        item = label.item
        out.append(
            text(
                label.text,
                x=label.x,
                y=label.y + LABEL_SIZE * 0.36,
                text_anchor="end" if label.side == "left" else "start",
                fill=MUTED if item.dimmed else TEXT,
                font_weight="bold" if item.highlighted else None,
                data_for=item.dom_id,
            )
        )
    return el("g", "".join(out), class_="labels", font_size=LABEL_SIZE)


def _badges(panel: Panel) -> str:
    out = []
    for item in (*panel.regions, *panel.zones):
        x, y = item.anchor
        if item.pain is not None:
            out.append(badge(x, y + (18.0 if item.numbers else 0.0), f"{item.pain}/10", PAIN))
        if item.numbers:
            out.append(badge(x, y, ",".join(map(str, item.numbers)), "#FFFFFF", TEXT))
    return el("g", "".join(out), class_="badges")


def panel_svg(panel: Panel) -> str:
    """One panel: the foot, its regions, zones, details, leaders, marks, points and labels."""
    geo = panel.geometry
    clip_id = f"clip-{panel.view}-{panel.foot}"
    clip = f"url(#{clip_id})"
    outline = bezier_d(panel, geo.outline, closed=True)
    skin_edge = bezier_d(panel, geo.outline[: geo.stroked], closed=geo.stroked == len(geo.outline))
    parts = [
        text(
            panel.title,
            x=panel.origin[0] + geo.size[0] * SCALE / 2,
            y=panel.y + 18.0,
            font_size=13.0,
            font_weight="bold",
            fill=TEXT,
            text_anchor="middle",
            class_="panel-title",
        ),
        el("clipPath", el("path", d=outline), id=clip_id),
        el("path", class_="foot", d=outline, fill=SKIN),
        el(
            "g", "".join(_region(r, panel) for r in panel.regions), class_="regions", clip_path=clip
        ),
        el("g", "".join(_zone(z, panel) for z in panel.zones), class_="zones", clip_path=clip),
        el(
            "path",
            class_="foot-edge",
            d=skin_edge,
            fill="none",
            stroke=INK,
            stroke_width=1.8,
            stroke_linejoin="round",
        ),
        _details(panel),
        _layers(panel, clip),
        _leaders(panel),
        el("g", "".join(_disagreements(panel)), class_="disagreements"),
        el("g", "".join(_point(p, panel) for p in panel.points), class_="points"),
        _badges(panel),
        _labels(panel),
    ]
    return el(
        "g",
        "\n".join(parts),
        id=f"panel-{panel.view}-{panel.foot}",
        class_="panel",
        data_view=panel.view,
        data_foot=panel.foot,
    )


def pain_pattern() -> str:
    """Diagonal hatching for pain overlays, so pain does not rest on colour alone."""
    fill = el("rect", width=6.0, height=6.0, fill=PAIN, fill_opacity=0.25)
    hatch = el("line", x1=0.0, y1=0.0, x2=0.0, y2=6.0, stroke=PAIN, stroke_width=2.5)
    return el(
        "pattern",
        fill + hatch,
        id="pain-hatch",
        width=6.0,
        height=6.0,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
