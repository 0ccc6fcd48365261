"""`plantar kb show KI1 --json` as a whole process, against `python -c pass`, side by side,
in English and in Russian (`--lang ru`).

Targets (issue 2, and issue 14 for either language): at most 6x the time of an empty
interpreter, peak memory at most 60 MiB.
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
    commands = {"en": _plantar(), "ru": [_plantar()[0], "--lang", "ru", *_plantar()[1:]]}
    for command in commands.values():
        _measure(command)  # warm the compiled cache and the page cache
    base_t, base_m = [], []
    times: dict[str, list[float]] = {lang: [] for lang in commands}
    peaks: dict[str, list[float]] = {lang: [] for lang in commands}
    for _ in range(RUNS):
        t, m = _measure(baseline)
        base_t.append(t)
        base_m.append(m)
        for lang, command in commands.items():
            t, m = _measure(command)
            times[lang].append(t)
            peaks[lang].append(m)
    base_med = statistics.median(base_t)
    rows, verdicts = [], []
    for lang, command in commands.items():
        med = statistics.median(times[lang])
        ratio, peak = med / base_med, max(peaks[lang])
        ok_t = "meets" if ratio <= TARGET_RATIO else "MISSES"
        ok_m = "meets" if peak <= TARGET_MIB else "MISSES"
        shown = " ".join(["plantar", *command[1:]])
        rows.append(f"| `{shown}` | {med * 1000:.1f} | {peak:.1f} | {ratio:.2f}x |\n")
        verdicts.append(
            f"{lang}: **{ratio:.2f}x** an empty interpreter (target ≤ {TARGET_RATIO:g}x: "
            f"{ok_t}), peak memory **{peak:.1f} MiB** (target ≤ {TARGET_MIB:g} MiB: {ok_m})."
        )
    bytecode = (
        " This machine sets PYTHONDONTWRITEBYTECODE, so plantar's own modules are compiled on "
        "every run (an installed copy has them compiled: a little faster still)."
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else ""
    )
    return (
        "## Knowledge base start-up (`plantar kb show KI1 --json`)\n\n"
        f"{RUNS} alternating runs of each, median wall time, warm cache (the compiled knowledge "
        "base and its `--json` index, written by a user's first command). The plain "
        "`kb show ID --json` is answered without click or msgspec (`plantar.cli.quick`)."
        f"{bytecode}\n\n"
        "| command | median ms | peak RSS MiB | ratio |\n|---|---:|---:|---:|\n"
        f"| `python -c pass` | {base_med * 1000:.1f} | {max(base_m):.1f} | 1x |\n"
        + "".join(rows)
        + "\n"
        + " ".join(verdicts)
        + "\n"
    )


if __name__ == "__main__":
    print(run())
