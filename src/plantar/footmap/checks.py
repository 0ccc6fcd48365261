"""Where the map's shapes may lie, checked against the drawn foot: what ``plantar kb check``
adds to the knowledge base's own checks (which cannot know the outlines drawn here).

Each shape is given once, for the left foot, and the right foot is its mirror image by
construction (``outline.for_foot``), so mirroring needs no check of its own. Checked: every
shape lies on a view its region shows on; a zone's polygon inside the foot and inside its
region; a point inside the foot, inside its region and inside its zone where both are drawn;
no two zones of one scheme overlapping on one foot (beyond a sliver of the smaller one).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from plantar.footmap import geometry as g
from plantar.footmap.outline import outline_polygon
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Region, Shape, Zone

# A zone may poke past its neighbour by this share of the smaller one's area (curves are
# sampled and corners rounded; a sliver of overlap is invisible, a shared organ is not).
OVERLAP_TOLERANCE = 0.02


def shape_problems(kb: KnowledgeBase) -> list[str]:
    """Every problem with where a shape lies, one line each (none: an empty list)."""
    return list(_problems(kb))


def _problems(kb: KnowledgeBase) -> Iterator[str]:
    shapes: dict[str, list[Shape]] = {}
    for shape in kb.all(Shape):
        shapes.setdefault(shape.of, []).append(shape)

    def polygons(target: str, view: str) -> list[list[g.Pt]]:
        return [list(s.polygon) for s in shapes.get(target, []) if s.view == view and s.polygon]

    for shape in kb.all(Shape):
        found = kb.find(shape.of)
        record = found[1] if found else None
        region_id = record.id if isinstance(record, Region) else getattr(record, "region", None)
        region = kb.get(Region, region_id) if region_id else None
        if region is not None and shape.view not in region.views:
            yield f"{shape.of}: drawn on the {shape.view}, where {region.id} does not show"
            continue
        outline = outline_polygon(shape.view)
        regions = polygons(region_id, shape.view) if region_id else []
        if isinstance(record, Zone) and shape.polygon:
            polygon = list(shape.polygon)
            if g.outside_fraction(polygon, outline) > 0:
                yield f"{shape.of}: leaves the foot on the {shape.view}"
            if regions and min(g.outside_fraction(polygon, r) for r in regions) > 0:
                yield f"{shape.of}: leaves its region {region_id} on the {shape.view}"
        if isinstance(record, Point) and shape.at is not None:
            if not g.contains(outline, shape.at):
                yield f"{shape.of}: lies outside the foot on the {shape.view}"
            if regions and not any(g.contains(r, shape.at) for r in regions):
                yield f"{shape.of}: lies outside its region {region_id} on the {shape.view}"
            zones = polygons(record.zone, shape.view) if record.zone else []
            if zones and not any(g.contains(z, shape.at) for z in zones):
                yield f"{shape.of}: lies outside its zone {record.zone} on the {shape.view}"
    drawn = [
        (zone, shape) for zone in kb.all(Zone) for shape in shapes.get(zone.id, []) if shape.polygon
    ]
    for (za, sa), (zb, sb) in itertools.combinations(drawn, 2):
        if za.scheme != zb.scheme or za.id == zb.id or sa.view != sb.view:
            continue
        if {za.foot, zb.foot} == {"left", "right"}:
            continue  # never on the same foot
        a, b = list(sa.polygon), list(sb.polygon)
        if g.overlap_area(a, b, step=0.003) > OVERLAP_TOLERANCE * min(g.area(a), g.area(b)):
            yield f"{za.id} and {zb.id}: overlap on the {sa.view} ({za.scheme} chart)"
