"""The map's data: every region, zone and point is drawn where it belongs, nothing spills over."""

from __future__ import annotations

import itertools

import pytest

from plantar.footmap import geometry as g
from plantar.footmap.outline import VIEWS, outline_polygon
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Region, Shape, Zone

# A zone may poke past its neighbour by this share of the smaller one's area (curves are
# sampled and corners rounded; a sliver of overlap is invisible, a shared organ is not).
OVERLAP_TOLERANCE = 0.02


def shapes_of(kb: KnowledgeBase, target: str, view: str | None = None) -> list[Shape]:
    return [s for s in kb.all(Shape) if s.of == target and view in (None, s.view)]


def region_polygons(kb: KnowledgeBase, region: str, view: str) -> list[list[g.Pt]]:
    return [list(s.polygon) for s in shapes_of(kb, region, view) if s.polygon]


def zone_shapes(kb: KnowledgeBase) -> list[tuple[Zone, Shape]]:
    return [(z, s) for z in kb.records("zones") if isinstance(z, Zone) for s in shapes_of(kb, z.id)]


def test_it_draws_every_region_on_each_of_its_views(kb: KnowledgeBase) -> None:
    for region in kb.records("regions"):
        assert isinstance(region, Region)
        for view in region.views:
            assert region_polygons(kb, region.id, view), f"{region.id} is not drawn on {view}"


def test_it_draws_every_zone_and_point_on_its_own_view(kb: KnowledgeBase) -> None:
    for kind in ("zones", "points"):
        for record in kb.records(kind):
            assert isinstance(record, Zone | Point)
            assert shapes_of(kb, record.id, record.view), f"{record.id} not on {record.view}"


def test_it_gives_every_shape_a_polygon_or_a_position(kb: KnowledgeBase) -> None:
    for shape in kb.all(Shape):
        assert shape.polygon or shape.at is not None, f"{shape.of} on {shape.view} is empty"
        if shape.polygon:
            assert len(shape.polygon) >= 3
            assert g.area(shape.polygon) > 0


def test_it_places_shapes_only_on_views_where_their_region_shows(kb: KnowledgeBase) -> None:
    for shape in kb.all(Shape):
        found = kb.find(shape.of)
        assert found is not None
        record = found[1]
        region_id = record.id if isinstance(record, Region) else record.region  # type: ignore[attr-defined]
        region = kb.get(Region, region_id)
        assert shape.view in region.views, f"{shape.of}: {region_id} does not show on {shape.view}"


def test_every_zone_polygon_lies_inside_the_foot_and_its_region(kb: KnowledgeBase) -> None:
    for zone, shape in zone_shapes(kb):
        if not shape.polygon:
            continue
        polygon = list(shape.polygon)
        outline = outline_polygon(shape.view)
        assert g.outside_fraction(polygon, outline) == 0, f"{zone.id} leaves the {shape.view}"
        regions = region_polygons(kb, zone.region, shape.view)
        inside = min(g.outside_fraction(polygon, r) for r in regions)
        assert inside == 0, f"{zone.id} leaves its region {zone.region} on the {shape.view}"


def test_every_point_lies_inside_the_foot_and_its_region(kb: KnowledgeBase) -> None:
    for point in kb.records("points"):
        assert isinstance(point, Point)
        for shape in shapes_of(kb, point.id):
            assert shape.at is not None, f"{point.id} on {shape.view} has no position"
            assert g.contains(outline_polygon(shape.view), shape.at), point.id
            regions = region_polygons(kb, point.region, shape.view)
            assert any(g.contains(r, shape.at) for r in regions), (
                f"{point.id} is not inside its region {point.region} on the {shape.view}"
            )


def test_a_point_lies_inside_its_zone_where_both_are_drawn(kb: KnowledgeBase) -> None:
    for point in kb.records("points"):
        assert isinstance(point, Point)
        if point.zone is None:
            continue
        for shape in shapes_of(kb, point.id):
            zones = [list(s.polygon) for s in shapes_of(kb, point.zone, shape.view) if s.polygon]
            if zones and shape.at is not None:
                assert any(g.contains(z, shape.at) for z in zones), point.id


@pytest.mark.parametrize(
    "scheme", ["western", "article_home", "article_map", "article_acupressure"]
)
def test_zones_of_one_scheme_do_not_overlap(kb: KnowledgeBase, scheme: str) -> None:
    drawn = [(z, s) for z, s in zone_shapes(kb) if z.scheme == scheme and s.polygon]
    assert drawn
    for (za, sa), (zb, sb) in itertools.combinations(drawn, 2):
        if za.id == zb.id or sa.view != sb.view or {za.foot, zb.foot} == {"left", "right"}:
            continue
        a, b = list(sa.polygon), list(sb.polygon)
        shared = g.overlap_area(a, b, step=0.003)
        assert shared <= OVERLAP_TOLERANCE * min(g.area(a), g.area(b)), (
            f"{za.id} and {zb.id} overlap on the {sa.view}"
        )


def test_the_western_chart_puts_the_liver_right_and_the_spleen_left(kb: KnowledgeBase) -> None:
    assert kb.get(Zone, "zone_western_liver").foot == "right"
    assert kb.get(Zone, "zone_western_spleen").foot == "left"
    assert kb.get(Zone, "zone_western_heart").foot == "left"


def test_it_draws_every_point_of_the_acupressure_steps_5_to_13(kb: KnowledgeBase) -> None:
    steps = {p.article_step for p in kb.records("points") if isinstance(p, Point)}
    assert steps >= set(range(5, 14))


@pytest.mark.parametrize("view", VIEWS)
def test_each_outline_fills_its_frame_like_a_foot(view: str) -> None:
    polygon = outline_polygon(view)  # type: ignore[arg-type]
    x0, y0, x1, y1 = g.bbox(polygon)
    # The curve may bulge a hair past its control points, never far.
    assert -0.02 <= x0 < 0.1
    assert 0.9 < x1 <= 1.02
    assert -0.02 <= y0 < 0.1
    assert 0.9 < y1 <= 1.02
    # A recognisable foot fills a good part of its frame but is no rectangle.
    assert 0.35 < g.area(polygon) < 0.85
