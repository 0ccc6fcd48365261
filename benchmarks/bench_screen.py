"""``screen()`` in-process for a five-condition intake, against its 50 µs target.

Side by side in one run: an empty intake (the fixed cost: validation, notes), the
five-condition intake of the target, and the same with a style, an age, a meal time and a
lesion region (every rule path). The knowledge base and its rulebook are loaded first, as
they are for every request after the first; that one-off cost is shown too.
"""

from __future__ import annotations

import gc
import statistics
import time

from plantar.knowledge import load
from plantar.safety import Intake, screen
from plantar.safety.rulebook import _rulebook, rulebook

RUNS = 20_000
TARGET_US = 50.0

FIVE = ("pregnancy", "varicose_veins", "diabetes", "osteoporosis", "anticoagulants")
CASES: list[tuple[str, Intake]] = [
    ("empty intake", Intake()),
    ("five conditions", Intake(conditions=FIVE)),
    (
        "five conditions + style, age, meal, lesion",
        Intake(
            conditions=FIVE,
            style="relaxing",
            performer="partner",
            age=70,
            minutes_since_meal=30,
            lesion_zones=("heel",),
        ),
    ),
]


def _percentiles(intake: Intake) -> tuple[float, float]:
    """p50 and p90 of one call, in microseconds."""
    kb = load()
    for _ in range(500):  # warm-up
        screen(intake, kb)
    samples = []
    clock = time.perf_counter_ns
    gc.disable()  # a collection in the middle of one call is noise, not screening's cost
    try:
        for _ in range(RUNS):
            started = clock()
            screen(intake, kb)
            samples.append(clock() - started)
    finally:
        gc.enable()
    cuts = statistics.quantiles(samples, n=10)
    return statistics.median(samples) / 1000, cuts[8] / 1000


def run() -> str:
    kb = load()
    _rulebook.cache_clear()
    started = time.perf_counter()
    rulebook(kb)
    build_us = (time.perf_counter() - started) * 1e6
    rows = []
    target_p50 = 0.0
    for name, intake in CASES:
        p50, p90 = _percentiles(intake)
        if name == "five conditions":
            target_p50 = p50
        rows.append(f"| {name} | {p50:.1f} | {p90:.1f} | {p50 / TARGET_US:.2f} |")
    verdict = "meets" if target_p50 <= TARGET_US else "MISSES"
    return (
        "## Safety screening (`plantar.safety.screen`, in-process)\n\n"
        f"{RUNS} calls per case after a warm-up, one call timed at a time, GC paused.\n\n"
        "| intake | p50 µs | p90 µs | p50 / target |\n|---|---:|---:|---:|\n"
        + "\n".join(rows)
        + f"\n\nFive-condition intake: p50 **{target_p50:.1f} µs**, "
        f"**{target_p50 / TARGET_US:.2f}x** the target of {TARGET_US:g} µs ({verdict}). "
        f"Building the rulebook once per knowledge base: {build_us:.0f} µs.\n"
    )


if __name__ == "__main__":
    print(run())
