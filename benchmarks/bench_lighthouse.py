"""Lighthouse (npm lighthouse@12.2.3, mobile, simulated throttling, Debian's Chromium) on the
main pages of the home side.

Targets (issue 13): performance at least 95, accessibility 100, best practices at least 95.
Every page is measured against one server process in this one run; `make bench` installs
Lighthouse under .cache/lighthouse (never a dependency of the app or of `make test`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from live_server import running_server

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path(
    os.environ.get(
        "LIGHTHOUSE", ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    )
)
CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
PAGES = [
    "/",
    "/start",
    "/start?step=1&receiver=self",
    "/plan?goals=sleep&minutes=15&answered=1",
    "/player?goals=sleep&minutes=15&answered=1",
    "/map",
    "/library",
    "/library/routine_acupressure",
    "/journal",
]
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95}


def _scores(url: str, out: Path) -> dict[str, int]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--form-factor=mobile",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
        ],
        check=True,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def run() -> str:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"no Lighthouse at {LIGHTHOUSE}: `make bench` installs it")
    rows = []
    with running_server() as base, tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(PAGES):
            scores = _scores(base + path, Path(tmp) / f"{n}.json")
            misses = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
            rows.append((path, scores, misses))
    lines = [
        "## Lighthouse, mobile (benchmarks/bench_lighthouse.py)",
        "",
        "Lighthouse 12.2.3, mobile form factor with simulated throttling, Debian's Chromium; "
        "targets: performance ≥ 95, accessibility 100, best practices ≥ 95.",
        "",
        "| page | performance | accessibility | best practices | meets the targets |",
        "|---|---:|---:|---:|---|",
    ]
    for path, scores, misses in rows:
        verdict = "yes" if not misses else "no: " + ", ".join(misses)
        lines.append(
            f"| `{path}` | {scores['performance']} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {verdict} |"
        )
    return "\n".join(lines) + "\n"
