"""The timeline's pain charts: pure geometry, drawn by the template."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from plantar.web.practice.pain_chart import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    num,
    pain_charts,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NUMBER = re.compile(r"^\d+(\.\d)?$")


def test_it_draws_ten_at_the_top_and_zero_at_the_bottom_on_a_time_axis() -> None:
    (chart,) = pain_charts({"arch": [(T0, 10), (T0 + timedelta(days=10), 0)]}, {"arch": "Arch"})
    first, last = chart.points
    assert (float(first.x), float(first.y)) == (LEFT, TOP)
    assert (float(last.x), float(last.y)) == (WIDTH - RIGHT, HEIGHT - BOTTOM)
    assert chart.line == f"{first.x},{first.y} {last.x},{last.y}"
    assert [d.label for d in chart.dates] == ["1 Mar 2025", "11 Mar 2025"]
    assert chart.summary == "From 10/10 to 0/10 over 2 visits (down); highest 10/10."


def test_one_visit_is_drawn_in_the_middle() -> None:
    (chart,) = pain_charts({"heel": [(T0, 4)]}, {})
    assert float(chart.points[0].x) == LEFT + (WIDTH - LEFT - RIGHT) / 2
    assert chart.title == "heel"
    assert [(d.label, d.anchor) for d in chart.dates] == [("1 Mar 2025", "middle")]
    assert chart.summary == "4/10 at one visit."


def test_charts_share_one_time_axis() -> None:
    later = T0 + timedelta(days=4)
    arch, heel = pain_charts(
        {"arch": [(T0, 5), (later, 3)], "heel": [(later, 6)]},
        {},
        span=(T0, T0 + timedelta(days=8)),
    )
    assert arch.points[1].x == heel.points[0].x == num(LEFT + (WIDTH - LEFT - RIGHT) / 2)


def test_no_points_no_charts() -> None:
    assert pain_charts({}, {}) == []
    assert pain_charts({"arch": []}, {}) == []


@given(
    st.dictionaries(
        st.sampled_from(["arch", "heel", "ball", "reported"]),
        st.lists(
            st.tuples(
                st.datetimes(
                    min_value=datetime(2000, 1, 1),
                    max_value=datetime(2100, 1, 1),
                    timezones=st.just(UTC),
                ),
                st.integers(0, 10),
            ),
            max_size=30,
        ),
    )
)
def test_every_point_lies_in_the_plot_and_is_written_with_a_decimal_dot(
    series: dict[str, list[tuple[datetime, int]]],
) -> None:
    for chart in pain_charts(series, {}):
        assert len(chart.points) == len(series[chart.key])
        for point in chart.points:
            assert NUMBER.match(point.x)
            assert NUMBER.match(point.y)
            assert LEFT - 0.05 <= float(point.x) <= WIDTH - RIGHT + 0.05
            assert TOP - 0.05 <= float(point.y) <= HEIGHT - BOTTOM + 0.05
        values = [p.value for p in chart.points]
        assert values == [v for _, v in sorted(series[chart.key])]
