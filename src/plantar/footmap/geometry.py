"""Plane geometry for the foot map, as small pure functions on tuples.

No shapely: these few operations (smooth curves through control points, point in polygon,
areas, containment) are enough, cost nothing at import and are easy to test by property.
A polygon is a list of (x, y) vertices, implicitly closed; orientation does not matter.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Pt = tuple[float, float]
# A cubic Bézier segment: start, first control, second control, end.
Bezier = tuple[Pt, Pt, Pt, Pt]


def catmull_rom(points: Sequence[Pt], closed: bool = True, alpha: float = 0.5) -> list[Bezier]:
    """Cubic Béziers of the Catmull-Rom spline through ``points``.

    Centripetal (alpha 0.5) rather than uniform: it never forms cusps or loops between close
    control points, which matters at the toe clefts where points crowd together. Open curves
    repeat their end points so the spline still passes through every point.
    """
    n = len(points)
    if n < 2:
        return []
    if closed:
        ring = [points[-1], *points, points[0], points[1]]
        count = n
    else:
        ring = [points[0], *points, points[-1]]
        count = n - 1
    segments: list[Bezier] = []
    for i in range(count):
        p0, p1, p2, p3 = ring[i], ring[i + 1], ring[i + 2], ring[i + 3]
        t01 = max(math.dist(p0, p1) ** alpha, 1e-9)
        t12 = max(math.dist(p1, p2) ** alpha, 1e-9)
        t23 = max(math.dist(p2, p3) ** alpha, 1e-9)
        # Tangents at p1 and p2 of the non-uniform spline, scaled to the segment (Barry-Goldman).
        m1 = tuple(
            ((p1[k] - p0[k]) / t01 - (p2[k] - p0[k]) / (t01 + t12) + (p2[k] - p1[k]) / t12) * t12
            for k in (0, 1)
        )
        m2 = tuple(
            ((p2[k] - p1[k]) / t12 - (p3[k] - p1[k]) / (t12 + t23) + (p3[k] - p2[k]) / t23) * t12
            for k in (0, 1)
        )
        c1 = (p1[0] + m1[0] / 3, p1[1] + m1[1] / 3)
        c2 = (p2[0] - m2[0] / 3, p2[1] - m2[1] / 3)
        segments.append((p1, c1, c2, p2))
    return segments


def bezier_point(seg: Bezier, t: float) -> Pt:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = seg
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)


def sample(segments: Sequence[Bezier], per_segment: int = 12) -> list[Pt]:
    """A polygon following the curve: ``per_segment`` points on each Bézier segment."""
    return [
        bezier_point(seg, step / per_segment) for seg in segments for step in range(per_segment)
    ]


def scale(points: Iterable[Pt], sx: float, sy: float) -> list[Pt]:
    return [(x * sx, y * sy) for x, y in points]


def mirror(points: Iterable[Pt], width: float = 1.0) -> list[Pt]:
    """Reflect across the vertical mid-line of a frame ``width`` wide (left foot <-> right)."""
    return [(width - x, y) for x, y in points]


def area(polygon: Sequence[Pt]) -> float:
    """Unsigned area (shoelace formula)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2


def centroid(polygon: Sequence[Pt]) -> Pt:
    """Area centroid; the vertex mean for a degenerate (zero-area) polygon."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        n = len(polygon)
        return (sum(p[0] for p in polygon) / n, sum(p[1] for p in polygon) / n)
    return (cx / (3 * a), cy / (3 * a))


def bbox(points: Iterable[Pt]) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y)."""
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def contains(polygon: Sequence[Pt], point: Pt) -> bool:
    """Even-odd ray casting: is ``point`` inside ``polygon``? (Edges count as either.)"""
    x, y = point
    inside = False
    j = len(polygon) - 1
    for i in range(len(polygon)):
        xi, yi = polygon[i]
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def edge_samples(polygon: Sequence[Pt], per_edge: int = 4) -> list[Pt]:
    """The vertices and evenly spaced points along every edge."""
    out: list[Pt] = []
    for (x0, y0), (x1, y1) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        for k in range(per_edge):
            t = k / per_edge
            out.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    return out


def outside_fraction(inner: Sequence[Pt], outer: Sequence[Pt], per_edge: int = 4) -> float:
    """Share of ``inner``'s boundary samples that fall outside ``outer`` (0 = fully inside)."""
    probes = edge_samples(inner, per_edge)
    return sum(not contains(outer, p) for p in probes) / len(probes)


def overlap_area(a: Sequence[Pt], b: Sequence[Pt], step: float = 0.004) -> float:
    """Area common to two polygons, estimated on a grid of ``step`` (any shape, convex or not)."""
    ax0, ay0, ax1, ay1 = bbox(a)
    bx0, by0, bx1, by1 = bbox(b)
    x0, y0, x1, y1 = max(ax0, bx0), max(ay0, by0), min(ax1, bx1), min(ay1, by1)
    if x0 >= x1 or y0 >= y1:
        return 0.0
    hits = 0
    y = y0 + step / 2
    while y < y1:
        x = x0 + step / 2
        while x < x1:
            if contains(a, (x, y)) and contains(b, (x, y)):
                hits += 1
            x += step
        y += step
    return hits * step * step


def rounded_path(polygon: Sequence[Pt], radius: float = 0.3) -> list[tuple[Pt, Pt, Pt]]:
    """Corner-rounded outline: for each corner, (enter, corner, leave) of a quadratic curve.

    ``radius`` is the share of each edge (at most one half) cut off at either end, so the
    rounded shape stays inside a convex polygon and hugs it closely otherwise.
    """
    n = len(polygon)
    r = min(max(radius, 0.0), 0.5)
    out: list[tuple[Pt, Pt, Pt]] = []
    for i in range(n):
        prev, here, nxt = polygon[i - 1], polygon[i], polygon[(i + 1) % n]
        enter = (here[0] + (prev[0] - here[0]) * r, here[1] + (prev[1] - here[1]) * r)
        leave = (here[0] + (nxt[0] - here[0]) * r, here[1] + (nxt[1] - here[1]) * r)
        out.append((enter, here, leave))
    return out
