"""The map's data: every region, zone and point is drawn where it belongs, nothing spills over
(the rules themselves are footmap/checks.py's, run by `plantar kb check`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plantar.footmap import geometry as g
from plantar.footmap.checks import shape_problems
from plantar.footmap.outline import VIEWS, outline_polygon
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Point, Region, Shape, Zone


def shapes_of(kb: KnowledgeBase, target: str, view: str | None = None) -> list[Shape]:
    return [s for s in kb.all(Shape) if s.of == target and view in (None, s.view)]


def region_polygons(kb: KnowledgeBase, region: str, view: str) -> list[list[g.Pt]]:
    return [list(s.polygon) for s in shapes_of(kb, region, view) if s.polygon]


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


def test_kb_check_finds_every_shape_where_it_belongs(kb: KnowledgeBase, run: Any) -> None:
    assert shape_problems(kb) == []
    result = run("kb", "check")
    assert result.exit_code == 0, result.output


def test_kb_check_names_a_shape_out_of_place(data_copy: Path) -> None:
    """The thyroid moved onto the heel: it leaves its region and overlaps the pelvis zone."""
    shapes = data_copy / "shapes.yaml"
    text = shapes.read_text(encoding="utf-8")
    start = text.index("- of: zone_western_thyroid\n")
    end = text.index("\n", text.index("  polygon:", start))
    moved = "  polygon: [[0.40, 0.84], [0.60, 0.84], [0.60, 0.88], [0.40, 0.88]]"
    head = text[: text.index("  polygon:", start)]
    shapes.write_text(head + moved + text[end:], encoding="utf-8")
    problems = shape_problems(load(data_copy))
    assert "zone_western_thyroid: leaves its region ball on the sole" in problems
    overlaps = [p for p in problems if "overlap" in p and "zone_western_thyroid" in p]
    assert any("zone_western_pelvis_sciatic" in p for p in overlaps), problems
