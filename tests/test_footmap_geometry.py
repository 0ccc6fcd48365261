"""The map's pure geometry: curves, containment, areas and the label layout."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantar.footmap import geometry as g
from plantar.footmap.layout import spread, text_width

coords = st.floats(min_value=-5, max_value=5, allow_nan=False)
points = st.tuples(coords, coords)


def regular(n: int, r: float = 1.0, cx: float = 0.0, cy: float = 0.0) -> list[g.Pt]:
    return [
        (cx + r * math.cos(2 * math.pi * k / n), cy + r * math.sin(2 * math.pi * k / n))
        for k in range(n)
    ]


@given(st.lists(points, min_size=3, max_size=12, unique=True))
def test_the_spline_passes_through_every_control_point(pts: list[g.Pt]) -> None:
    segments = g.catmull_rom(pts, closed=True)
    assert len(segments) == len(pts)
    for seg, p in zip(segments, pts, strict=True):
        assert seg[0] == p
        assert g.bezier_point(seg, 0.0) == pytest.approx(p)
    for seg, p in zip(segments, [*pts[1:], pts[0]], strict=True):
        assert g.bezier_point(seg, 1.0) == pytest.approx(p)


def test_an_open_spline_has_one_segment_fewer_than_its_points() -> None:
    assert len(g.catmull_rom([(0, 0), (1, 0), (2, 1)], closed=False)) == 2


@given(st.lists(points, min_size=1, max_size=20))
def test_mirroring_twice_gives_back_the_points(pts: list[g.Pt]) -> None:
    back = g.mirror(g.mirror(pts))
    for (x0, y0), (x1, y1) in zip(back, pts, strict=True):
        assert (x0, y0) == (pytest.approx(x1), y1)


@given(st.floats(0.1, 10), st.floats(0.1, 10))
def test_the_area_of_a_rectangle_is_width_times_height(w: float, h: float) -> None:
    assert g.area([(0, 0), (w, 0), (w, h), (0, h)]) == pytest.approx(w * h)


@given(st.integers(3, 40), st.floats(0.1, 3))
def test_a_regular_polygon_contains_its_centre_and_not_a_far_point(n: int, r: float) -> None:
    poly = regular(n, r, 1.0, 2.0)
    assert g.contains(poly, g.centroid(poly))
    assert g.centroid(poly) == pytest.approx((1.0, 2.0), abs=1e-9)
    assert not g.contains(poly, (1.0 + 2 * r, 2.0))


def test_a_point_in_the_notch_of_a_concave_polygon_is_outside() -> None:
    u_shape = [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)]
    assert g.contains(u_shape, (0.5, 2))
    assert not g.contains(u_shape, (1.5, 2))
    assert g.outside_fraction([(1.2, 1.5), (1.8, 1.5), (1.8, 2.5), (1.2, 2.5)], u_shape) == 1
    assert g.outside_fraction([(0.2, 0.2), (0.8, 0.2), (0.8, 2.5)], u_shape) == 0


def test_the_overlap_of_two_squares_is_their_shared_part() -> None:
    a = [(0, 0), (1, 0), (1, 1), (0, 1)]
    b = [(0.5, 0.5), (1.5, 0.5), (1.5, 1.5), (0.5, 1.5)]
    assert g.overlap_area(a, b, step=0.01) == pytest.approx(0.25, rel=0.05)
    assert g.overlap_area(a, [(2, 2), (3, 2), (3, 3)]) == 0


def test_rounded_corners_stay_on_the_edges_of_the_polygon() -> None:
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
    for enter, corner, leave in g.rounded_path(square, 0.25):
        assert corner in square
        assert math.dist(enter, corner) == pytest.approx(0.5)
        assert math.dist(leave, corner) == pytest.approx(0.5)


wishes = st.lists(st.floats(0, 500, allow_nan=False), min_size=0, max_size=40).map(sorted)


@given(wishes, st.floats(5, 20))
def test_spread_labels_keep_their_order_and_never_overlap(
    wanted: list[float], pitch: float
) -> None:
    placed = spread(wanted, pitch, 0.0, 600.0)
    assert len(placed) == len(wanted)
    for a, b in itertools.pairwise(placed):
        assert b - a >= pitch - 1e-6
    if (len(wanted) - 1) * pitch <= 600:
        assert all(-1e-6 <= y <= 600 + 1e-6 for y in placed)


@given(wishes)
def test_spread_leaves_labels_that_fit_where_they_want_to_be(wanted: list[float]) -> None:
    spaced = [w * 40 for w in range(len(wanted))]  # already 40 apart
    assert spread(spaced, 10.0, 0.0, 2000.0) == pytest.approx(spaced)


def test_spread_refuses_unsorted_wishes() -> None:
    with pytest.raises(ValueError, match="sorted"):
        spread([3.0, 1.0], 1.0, 0.0, 10.0)


def test_text_width_grows_with_text_and_weight() -> None:
    assert text_width("Liver", 11) < text_width("Liver and gallbladder", 11)
    assert text_width("Liver", 11) < text_width("Liver", 11, bold=True)
    assert text_width("Liver", 22) == pytest.approx(2 * text_width("Liver", 11))
    assert text_width("\u2260", 10) == pytest.approx(10)  # unknown glyphs count a full em
