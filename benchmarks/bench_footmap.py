"""Rendering the foot map in-process: both feet, all four views, every zone of every scheme.

Target (issue 5): p50 at most 10 ms per render of that map, the knowledge base loaded. The
first render after a start is measured too: it builds the outline curves and the string
caches that later renders of the same map reuse, as the web app does for every visitor.
"""

from __future__ import annotations

import statistics
import time

RUNS = 200
TARGET_MS = 10.0


def _clear_caches() -> None:
    from plantar.footmap import layout, outline, svg

    outline.geometry.cache_clear()
    outline._raw.cache_clear()
    layout.text_width.cache_clear()
    svg._bezier_d.cache_clear()
    svg._rounded_d.cache_clear()


def run() -> str:
    from plantar.footmap import MapRequest, render_svg
    from plantar.footmap.outline import VIEWS
    from plantar.footmap.request import SCHEMES
    from plantar.knowledge import load

    kb = load()
    everything = MapRequest(views=VIEWS, schemes=SCHEMES)
    western = MapRequest(views=VIEWS)
    _clear_caches()
    started = time.perf_counter()
    size = len(render_svg(kb, everything))
    first_ms = (time.perf_counter() - started) * 1000
    timings: dict[str, list[float]] = {"all schemes": [], "Western chart": []}
    for _ in range(RUNS):  # interleaved, so machine noise hits both alike
        for name, request in (("all schemes", everything), ("Western chart", western)):
            started = time.perf_counter()
            render_svg(kb, request)
            timings[name].append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(timings["all schemes"])
    verdict = "meets" if p50 <= TARGET_MS else "MISSES"
    rows = "\n".join(
        f"| both feet, 4 views, {name} | {statistics.median(t):.2f} | "
        f"{statistics.quantiles(t, n=20)[18]:.2f} |"
        for name, t in timings.items()
    )
    return (
        "## Foot map rendering (in-process)\n\n"
        f"{RUNS} renders each, interleaved, knowledge base loaded; SVG of {size // 1024} KiB.\n\n"
        "| map | p50 ms | p95 ms |\n|---|---|---|\n"
        f"{rows}\n"
        f"| first render after start (cold caches), all schemes | {first_ms:.2f} | |\n\n"
        f"Target: p50 at most {TARGET_MS:.0f} ms for all schemes: {verdict} "
        f"({p50:.2f} ms, {p50 / TARGET_MS:.2f} of the budget).\n"
    )


if __name__ == "__main__":
    print(run())
