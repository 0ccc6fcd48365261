"""The map as positioned things: panels (one per view and foot) holding items and labels in px.

Pure computation: the knowledge base and a resolved request in, geometry out. ``svg.py`` only
draws what this module placed, so every number on the map is decided here and can be tested
without parsing any SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from plantar.footmap import geometry as g
from plantar.footmap.layout import spread, text_width
from plantar.footmap.outline import Side, ViewGeometry, geometry
from plantar.footmap.palette import MUTED, PAIN, colour_of, group_of
from plantar.footmap.request import Focus, MapRequest
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Region, Shape, View, Zone
from plantar.knowledge.vocabulary import DIRECTIONS, FEET, NOTICES, VIEWS

# The English line, importable here too; what the map draws is ``not_a_diagnosis()``.
from plantar.knowledge.vocabulary import NOT_A_DIAGNOSIS as NOT_A_DIAGNOSIS

SCALE = 430.0  # px per foot length
PAD = 14.0
TITLE_H = 28.0
LABEL_SIZE = 11.0
PITCH = 14.5  # label line pitch
GAP = 16.0  # between a label column and the foot
MIN_COLUMN = 24.0

# Each chart's name inside a sentence ("Chart: the Western reflexology chart."), in English:
# ``scheme_name`` says it in the current language.
SCHEME_TITLES: dict[str, str] = {
    "western": N_("the Western reflexology chart"),
    "article_home": N_("the article's home scheme"),
    "article_map": N_("the article's classification of zones"),
    "article_acupressure": N_("the areas of the article's acupressure steps"),
    "acupoints": N_("the standard acupoints of foot and ankle (WHO)"),
}
# A standard acupoint that is no step of the article: a small dark-blue dot.
STANDARD_POINT = "#1F4E79"


def scheme_name(scheme: str) -> str:
    """A chart's name inside a sentence, in the current language."""
    return _(SCHEME_TITLES[scheme])


def scheme_title(scheme: str) -> str:
    """A chart's name as a heading ("The Western reflexology chart")."""
    words = scheme_name(scheme)
    return words[:1].upper() + words[1:]


def not_a_diagnosis() -> str:
    """The small print under every zone and point, in the current language."""
    # The term's own text (what ``NOTICES.label`` says), read when the map is drawn.
    return NOTICES["not_a_diagnosis"].text()


# "Left foot only.": a zone that a chart puts on one foot.
_ONE_FOOT: dict[str, str] = {"left": N_("Left foot only."), "right": N_("Right foot only.")}
# How well a point's place agrees with the standard (WHO) location, as a sentence.
_MATCHES: dict[str, str] = {
    "strong": N_("Match with standard charts: strong."),
    "good": N_("Match with standard charts: good."),
    "loose": N_("Match with standard charts: loose."),
    "disagrees": N_("Match with standard charts: disagrees."),
    "none": N_("Match with standard charts: none."),
}


@dataclass(slots=True)
class Item:
    kind: Literal["region", "zone", "point"]
    id: str
    dom_id: str
    title: str
    desc: str
    polygons: list[list[g.Pt]]
    anchor: g.Pt
    colour: str
    group: str | None = None
    scheme: str | None = None
    highlighted: bool = False
    dimmed: bool = False
    numbers: list[int] = field(default_factory=list)
    marker: str | None = None
    disagreement: str | None = None
    counterparts: list[str] = field(default_factory=list)
    pain: int | None = None
    labelled: bool = True


@dataclass(slots=True)
class Label:
    item: Item
    text: str
    side: Literal["left", "right"]
    x: float  # where the text starts (right column) or ends (left column)
    y: float


@dataclass(slots=True)
class Panel:
    view: View
    foot: Side
    title: str
    x: float
    y: float
    width: float
    height: float
    origin: g.Pt  # top-left corner of the foot's frame
    geometry: ViewGeometry
    regions: list[Item]
    zones: list[Item]
    points: list[Item]
    labels: list[Label]
    layers: tuple[str, ...] = ()  # MapRequest.layers: drawn over the views that have them

    def shown_layers(self) -> tuple[str, ...]:
        """The layers asked for that this view has lines for (the sole has both)."""
        has = {
            "guides": bool(self.geometry.guides),
            "longitudinal": bool(self.geometry.longitudinal),
        }
        return tuple(layer for layer in self.layers if has.get(layer))

    def to_px(self, point: g.Pt) -> g.Pt:
        """A normalised point of the LEFT foot's frame, placed on this panel's foot."""
        w, h = self.geometry.size
        x = point[0] if self.foot == "left" else 1 - point[0]
        return (self.origin[0] + x * w * SCALE, self.origin[1] + point[1] * h * SCALE)

    def phys_to_px(self, point: g.Pt) -> g.Pt:
        """A point of the left foot in physical units (foot lengths), placed on this panel."""
        w = self.geometry.size[0]
        x = point[0] if self.foot == "left" else w - point[0]
        return (self.origin[0] + x * SCALE, self.origin[1] + point[1] * SCALE)

    def items(self) -> list[Item]:
        return [*self.regions, *self.zones, *self.points]


def shapes_by_target(kb: KnowledgeBase) -> dict[tuple[str, str], list[Shape]]:
    out: dict[tuple[str, str], list[Shape]] = {}
    for shape in kb.all(Shape):
        out.setdefault((shape.of, shape.view), []).append(shape)
    return out


def _anchor(shapes: list[Shape]) -> g.Pt:
    for shape in shapes:
        if shape.label_at is not None:
            return shape.label_at
        if shape.at is not None:
            return shape.at
    largest = max((s.polygon for s in shapes if s.polygon), key=g.area)
    return g.centroid(largest)


def charts_disagree(disagreement: str) -> str:
    """The sentence that introduces how two charts disagree (a zone's, a point's, a mark's)."""
    return _("Charts disagree: {disagreement}").format(disagreement=disagreement)


def _zone_desc(zone: Zone) -> str:
    parts = [
        zone.corresponds_to.text() + ".",
        _("Chart: {chart}.").format(chart=scheme_name(zone.scheme)),
    ]
    if zone.foot in _ONE_FOOT:
        parts.append(_(_ONE_FOOT[zone.foot]))
    parts.append(not_a_diagnosis())
    if zone.disagreement is not None:
        parts.append(charts_disagree(zone.disagreement.text()))
    return " ".join(parts)


def traditionally_used_for(uses: str) -> str:
    """A standard point's traditional uses, said as tradition (never evidence that it works)."""
    return _("Traditionally used for {uses} (a traditional belief, not evidence).").format(
        uses=uses
    )


def _point_desc(point: Point, zone: Zone | None) -> str:
    parts = []
    if point.article_step is not None and point.article_location is not None:
        parts.append(
            _("Article, step {step}: {location}.").format(
                step=point.article_step, location=point.article_location.text()
            )
        )
    if point.claimed_for is not None:
        parts.append(point.claimed_for.text())
    if point.who_code and point.who_location:
        parts.append(
            _("WHO {code}: {location}").format(
                code=point.who_code, location=point.who_location.text()
            )
        )
    if point.traditional_uses is not None:
        parts.append(traditionally_used_for(point.traditional_uses.text()))
    if point.match is not None and point.match_note is not None:
        parts.append(f"{_(_MATCHES[point.match])} {point.match_note.text()}")
    way = DIRECTIONS.label(point.direction)
    parts.append(
        _("Work it in small circles, {direction} (counterclockwise where it hurts).").format(
            direction=way
        )
    )
    if point.pregnancy_light_only and not point.cautions:  # a caution says it, and why
        parts.append(_("In pregnancy, light pressure only."))
    parts.extend(caution.text.text() for caution in point.cautions)
    if zone is not None and zone.disagreement is not None:
        parts.append(charts_disagree(zone.disagreement.text()))
    parts.append(not_a_diagnosis())
    return " ".join(parts)


def build_items(
    kb: KnowledgeBase, request: MapRequest, focus: Focus, view: View, foot: Side
) -> tuple[list[Item], list[Item], list[Item]]:
    """Regions, zones and points drawn on one view of one foot, in normalised coordinates."""
    shapes = shapes_by_target(kb)
    suffix = f"{view}-{foot}"
    regions: list[Item] = []
    for region in kb.all(Region):
        found = shapes.get((region.id, view))
        if not found:
            continue
        pain = focus.pain.get(region.id)
        title = region.title.text()
        if pain is not None:
            title = _("{region}: pain {level}/10").format(region=title, level=pain)
        regions.append(
            Item(
                kind="region",
                id=region.id,
                dom_id=f"region-{region.id}-{suffix}",
                title=title,
                desc=region.description.text(),
                polygons=[list(s.polygon) for s in found if s.polygon],
                anchor=_anchor(found),
                colour=PAIN if pain is not None else MUTED,
                highlighted=region.id in focus.regions,
                numbers=focus.numbers.get((region.id, foot), []),
                pain=pain,
            )
        )
        regions[-1].labelled = bool(
            regions[-1].highlighted or regions[-1].numbers or pain is not None
        )
    zones: list[Item] = []
    for zone in kb.all(Zone):
        # A zone of another scheme is still drawn when it is asked for by id or by the plan.
        wanted = zone.id in focus.requested or (zone.id, foot) in focus.numbers
        if zone.foot not in (foot, "both") or not (zone.scheme in request.schemes or wanted):
            continue
        found = shapes.get((zone.id, view))
        if not found:
            continue
        group = group_of(zone.organs)
        zones.append(
            Item(
                kind="zone",
                id=zone.id,
                dom_id=f"zone-{zone.id}-{suffix}",
                title=zone.title.text(),
                desc=_zone_desc(zone),
                polygons=[list(s.polygon) for s in found if s.polygon],
                anchor=_anchor(found),
                colour=colour_of(group),
                group=group,
                scheme=zone.scheme,
                highlighted=zone.id in focus.zones,
                numbers=focus.numbers.get((zone.id, foot), []),
                disagreement=zone.disagreement.text() if zone.disagreement else None,
                counterparts=list(zone.disagrees_with),
            )
        )
    points: list[Item] = []
    standard = "acupoints" in request.schemes
    if request.points or focus.numbers or standard or focus.requested:
        for point in kb.all(Point):
            found = shapes.get((point.id, view))
            if not found or point.foot not in (foot, "both", "none"):
                continue
            home = kb.get(Zone, point.zone) if point.zone else None
            numbers = focus.numbers.get((point.id, foot), [])
            if focus.numbers and not numbers and not request.points:
                continue
            step = point.article_step is not None
            # The article's points with the points; a standard one with its chart, or when
            # it is asked for by its own id (not by its region's), or numbered by a plan.
            if not (
                (request.points and step)
                or (standard and point.who_code is not None)
                or point.id in focus.requested
                or numbers
            ):
                continue
            if focus.numbers:
                marker = ",".join(map(str, numbers)) if numbers else None
            else:
                marker = str(point.article_step) if point.article_step else None
            colour = "#000000" if step else STANDARD_POINT
            points.append(
                Item(
                    kind="point",
                    id=point.id,
                    dom_id=f"point-{point.id}-{suffix}",
                    title=point.title.text(),
                    desc=_point_desc(point, home),
                    polygons=[],
                    anchor=_anchor(found),
                    colour=MUTED if focus.numbers and not numbers else colour,
                    highlighted=point.id in focus.points,
                    numbers=numbers,
                    marker=marker,
                    disagreement=home.disagreement.text() if home and home.disagreement else None,
                    counterparts=list(home.disagrees_with) if home else [],
                )
            )
    emphasis = focus.active or bool(focus.numbers)
    for item in (*regions, *zones, *points):
        marked = item.highlighted or bool(item.numbers)
        item.highlighted = marked
        item.dimmed = emphasis and not marked and item.kind != "region"
    return regions, zones, points


def label_text(item: Item) -> str:
    text = item.title
    if item.numbers and item.kind != "point":
        text = f"{', '.join(map(str, item.numbers))}. {text}"
    if item.disagreement is not None:
        text += " \u2260"  # the not-equal sign marks a disagreement between charts
    return text


def build_panel(
    kb: KnowledgeBase, request: MapRequest, focus: Focus, view: View, foot: Side
) -> Panel:
    """One view of one foot at the origin (0, 0), its labels laid out beside it."""
    geo = geometry(view)
    w, h = geo.size
    regions, zones, points = build_items(kb, request, focus, view, foot)
    foot_w, foot_h = w * SCALE, h * SCALE
    labelled = [i for i in (*regions, *zones, *points) if i.labelled]
    sides: dict[str, list[Item]] = {"left": [], "right": []}
    for item in labelled:
        x = item.anchor[0] if foot == "left" else 1 - item.anchor[0]
        sides["left" if x < 0.5 else "right"].append(item)
    widths = {
        side: max([MIN_COLUMN, *(text_width(label_text(i), LABEL_SIZE, True) for i in items)])
        for side, items in sides.items()
    }
    needed = max(len(sides["left"]), len(sides["right"])) * PITCH
    body_h = max(foot_h, needed)
    origin = (PAD + widths["left"] + GAP, TITLE_H + (body_h - foot_h) / 2)
    panel = Panel(
        view=view,
        foot=foot,
        title=f"{FEET.label(foot)}, {VIEWS.label(view).lower()}",
        x=0.0,
        y=0.0,
        width=PAD + widths["left"] + GAP + foot_w + GAP + widths["right"] + PAD,
        height=TITLE_H + body_h + PAD,
        origin=origin,
        geometry=geo,
        regions=regions,
        zones=zones,
        points=points,
        labels=[],
        layers=request.layers,
    )
    for item in panel.items():
        item.anchor = panel.to_px(item.anchor)
        item.polygons = [[panel.to_px(p) for p in poly] for poly in item.polygons]
    for side, items in sides.items():
        items.sort(key=lambda i: i.anchor[1])
        ys = spread(
            [i.anchor[1] for i in items], PITCH, TITLE_H + PITCH / 2, TITLE_H + body_h - PITCH / 2
        )
        x = PAD + widths["left"] if side == "left" else origin[0] + foot_w + GAP
        panel.labels.extend(
            Label(item=i, text=label_text(i), side=side, x=x, y=y)  # type: ignore[arg-type]
            for i, y in zip(items, ys, strict=True)
        )
    return panel


def move(panel: Panel, dx: float, dy: float) -> None:
    """Shift a laid-out panel (and everything on it) by (dx, dy) px."""
    panel.x += dx
    panel.y += dy
    panel.origin = (panel.origin[0] + dx, panel.origin[1] + dy)
    for item in panel.items():
        item.anchor = (item.anchor[0] + dx, item.anchor[1] + dy)
        item.polygons = [[(x + dx, y + dy) for x, y in poly] for poly in item.polygons]
    for label in panel.labels:
        label.x += dx
        label.y += dy


def build_panels(kb: KnowledgeBase, request: MapRequest, focus: Focus, top: float) -> list[Panel]:
    """Every panel, one row per view and one column per foot, rows centred on the widest."""
    rows = [[build_panel(kb, request, focus, v, f) for f in request.feet] for v in request.views]
    widest = max(sum(p.width for p in row) for row in rows)
    y = top
    out: list[Panel] = []
    for row in rows:
        x = (widest - sum(p.width for p in row)) / 2
        for panel in row:
            move(panel, x, y)
            x += panel.width
            out.append(panel)
        y += max(p.height for p in row)
    return out
