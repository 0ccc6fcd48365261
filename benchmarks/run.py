"""Run the benchmarks (``benchmarks/bench_*.py``) and write docs/performance.md.

Each benchmark module has ``run() -> str`` returning its section of Markdown, with figures
measured side by side in that one run (ratios, not absolute times from another day).
``python benchmarks/run.py web kb`` runs only those; their sections replace the old ones in
docs/performance.md and the others stay as they were (each section says when it was measured).
"""

from __future__ import annotations

import importlib.util
import platform
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DOC = HERE.parent / "docs" / "performance.md"
BLOCK = re.compile(r"<!-- bench:(\w+) -->\n.*?<!-- /bench:\1 -->\n", re.S)


def _existing() -> dict[str, str]:
    if not DOC.exists():
        return {}
    return {m.group(1): m.group(0) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}


def main() -> None:
    only = set(sys.argv[1:])
    paths = sorted(HERE.glob("bench_*.py"))
    names = [p.stem.removeprefix("bench_") for p in paths]
    unknown = only - set(names)
    if unknown:
        raise SystemExit(f"no benchmark named {', '.join(sorted(unknown))}; have: {names}")
    sections = _existing()
    for path, name in zip(paths, names, strict=True):
        if only and name not in only:
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
        stamp = f"_Measured {time.strftime('%Y-%m-%d %H:%M')} UTC._\n"
        sections[name] = (
            f"<!-- bench:{name} -->\n{section.rstrip()}\n\n{stamp}<!-- /bench:{name} -->\n"
        )
    header = (
        "# Performance\n\n"
        "Written by `make bench` (benchmarks/run.py); do not edit by hand.\n\n"
        f"Machine: {platform.machine()}, {platform.system()}, Python "
        f"{platform.python_version()}, 2 cores. Each section's figures were measured side by "
        "side in one run of that benchmark.\n"
    )
    ordered = [sections[n] for n in names if n in sections]
    DOC.write_text(header + "\n" + "\n".join(ordered), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
