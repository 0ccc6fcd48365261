"""`plantar kb show KI1 --json` as a whole process, against `python -c pass`, side by side.

Targets (issue 2): at most 6x the time of an empty interpreter, peak memory at most 60 MiB.
Runs alternate (baseline, plantar, baseline, ...) so machine noise hits both alike; the
compiled knowledge-base cache is warmed first, as it is after a user's first command.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 40
TARGET_RATIO = 6.0
TARGET_MIB = 60.0


def _plantar() -> list[str]:
    exe = Path(sys.executable).with_name("plantar")
    found = str(exe) if exe.exists() else shutil.which("plantar")
    if found is None:
        raise SystemExit("plantar is not installed in this environment: run `make bench`")
    return [found, "kb", "show", "KI1", "--json"]


def _measure(cmd: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak resident memory in MiB of one run of ``cmd``."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def run() -> str:
    baseline = [sys.executable, "-c", "pass"]
    target = _plantar()
    _measure(target)  # warm the compiled cache and the page cache
    base_t, base_m, kb_t, kb_m = [], [], [], []
    for _ in range(RUNS):
        t, m = _measure(baseline)
        base_t.append(t)
        base_m.append(m)
        t, m = _measure(target)
        kb_t.append(t)
        kb_m.append(m)
    base_med = statistics.median(base_t)
    kb_med = statistics.median(kb_t)
    ratio = kb_med / base_med
    peak = max(kb_m)
    ok_t = "meets" if ratio <= TARGET_RATIO else "MISSES"
    ok_m = "meets" if peak <= TARGET_MIB else "MISSES"
    return (
        "## Knowledge base start-up (`plantar kb show KI1 --json`)\n\n"
        f"{RUNS} alternating runs of each, median wall time, warm cache.\n\n"
        "| command | median ms | peak RSS MiB |\n|---|---:|---:|\n"
        f"| `python -c pass` | {base_med * 1000:.1f} | {max(base_m):.1f} |\n"
        f"| `plantar kb show KI1 --json` | {kb_med * 1000:.1f} | {peak:.1f} |\n\n"
        f"Ratio: **{ratio:.2f}x** an empty interpreter (target ≤ {TARGET_RATIO:g}x: {ok_t}). "
        f"Peak memory **{peak:.1f} MiB** (target ≤ {TARGET_MIB:g} MiB: {ok_m}).\n"
    )


if __name__ == "__main__":
    print(run())
