"""Geometry of the timeline's pain charts: one small chart per region, pain 0-10 over time.

Pure functions: they take the timeline's series and return coordinates already written as
text (with a decimal dot, whatever the locale); the template ``_practice_pain_chart.html``
only draws them. Every chart of a client shares one time axis, so they can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from plantar import formats
from plantar.i18n import _, ngettext, pgettext

WIDTH = 320
HEIGHT = 150
LEFT = 30.0  # room for the 0/5/10 labels
RIGHT = 12.0
TOP = 12.0
BOTTOM = 28.0  # room for the dates
PAIN_MAX = 10


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    value: int
    label: str  # "3 Mar 2025: 7/10", the point's tooltip and its text for screen readers


@dataclass(frozen=True)
class Tick:
    at: str  # x or y coordinate
    label: str
    anchor: str = "end"  # text-anchor of the label


@dataclass(frozen=True)
class PainChart:
    key: str
    title: str
    width: int
    height: int
    line: str  # the polyline's points
    points: list[ChartPoint]
    levels: list[Tick]  # horizontal grid lines at 0, 5, 10
    dates: list[Tick]  # first and last date under the axis
    plot_left: str
    plot_right: str
    summary: str  # the chart in words, for the caption and screen readers


def num(value: float) -> str:
    """A coordinate with one decimal and a dot (format() never reads the locale)."""
    return f"{value:.1f}".removesuffix(".0")


def day(moment: datetime) -> str:
    """A chart's date in the current language, by Babel: "3 Mar 2025", «3 мар. 2025»."""
    return formats.day(moment)


def _x(moment: datetime, start: datetime, end: datetime) -> float:
    span = (end - start).total_seconds()
    inner = WIDTH - LEFT - RIGHT
    if span <= 0:
        return LEFT + inner / 2  # one visit, or all on one instant: the middle
    return LEFT + inner * (moment - start).total_seconds() / span


def _y(value: int) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - value / PAIN_MAX)


def _dates(start: datetime, end: datetime) -> list[Tick]:
    if day(start) == day(end):
        return [Tick(num(_x(start, start, end)), day(start), "middle")]
    return [
        Tick(num(_x(start, start, end)), day(start), "start"),
        Tick(num(_x(end, start, end)), day(end), "end"),
    ]


def _trend(values: Sequence[int]) -> str:
    if values[-1] < values[0]:
        return pgettext("pain trend", "down")
    if values[-1] > values[0]:
        return pgettext("pain trend", "up")
    return pgettext("pain trend", "unchanged")


def _summary(values: Sequence[int]) -> str:
    if len(values) == 1:
        return _("{value}/10 at one visit.").format(value=values[0])
    # Two visits at least: English always says "visits"; Russian counts them in its forms.
    return ngettext(
        "From {first}/10 to {last}/10 over {n} visit ({trend}); highest {high}/10.",
        "From {first}/10 to {last}/10 over {n} visits ({trend}); highest {high}/10.",
        len(values),
    ).format(
        first=values[0], last=values[-1], n=len(values), trend=_trend(values), high=max(values)
    )


def pain_charts(
    series: Mapping[str, Sequence[tuple[datetime, int]]],
    titles: Mapping[str, str],
    *,
    span: tuple[datetime, datetime] | None = None,
) -> list[PainChart]:
    """One chart per series that has points, in the order given. ``span`` is the time axis
    (default: from the first to the last point of all series)."""
    moments = [moment for points in series.values() for moment, _ in points]
    if not moments:
        return []
    start, end = span or (min(moments), max(moments))
    charts = []
    for key, raw in series.items():
        points = sorted(raw)
        if not points:
            continue
        title = titles.get(key, key)
        plotted = [
            ChartPoint(
                x=num(_x(moment, start, end)),
                y=num(_y(value)),
                value=value,
                label=f"{day(moment)}: {value}/10",
            )
            for moment, value in points
        ]
        charts.append(
            PainChart(
                key=key,
                title=title,
                width=WIDTH,
                height=HEIGHT,
                line=" ".join(f"{p.x},{p.y}" for p in plotted),
                points=plotted,
                levels=[Tick(num(_y(v)), str(v)) for v in (0, 5, 10)],
                dates=_dates(start, end),
                plot_left=num(LEFT),
                plot_right=num(WIDTH - RIGHT),
                summary=_summary([p.value for p in plotted]),
            )
        )
    return charts
