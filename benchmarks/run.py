"""Run every benchmark (``benchmarks/bench_*.py``) and write docs/performance.md.

Each benchmark module has ``run() -> str`` returning its section of Markdown, with figures
measured side by side in this one run (ratios, not absolute times from another day).
"""

from __future__ import annotations

import importlib.util
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DOC = HERE.parent / "docs" / "performance.md"


def main() -> None:
    only = set(sys.argv[1:])
    sections = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem.removeprefix("bench_") not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"running {path.name} ...", flush=True)
        started = time.perf_counter()
        section = module.run()
        print(section)
        print(f"({path.name}: {time.perf_counter() - started:.1f} s)", flush=True)
        sections.append(section)
    header = (
        "# Performance\n\n"
        "Written by `make bench` (benchmarks/run.py); do not edit by hand.\n\n"
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()}. Measured {time.strftime('%Y-%m-%d')}.\n"
    )
    if only and DOC.exists():
        print("(partial run: docs/performance.md left as it was)")
        return
    DOC.write_text(header + "\n" + "\n".join(sections), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
