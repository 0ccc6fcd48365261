"""The architecture stays visible: ``knowledge → safety → planner → guide``, ``footmap`` and
``practice`` beside them, ``cli`` and ``web`` adapters on top; no import cycle anywhere.

Read from the source with ``ast`` (every import, at module level or inside a function, since
a lazy import is still a dependency): a layer never imports one above it, and the modules'
import graph has no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import plantar

ROOT = Path(plantar.__file__).resolve().parent
# What each part may import of the others (besides itself and the shared plantar.errors and
# plantar top-level modules).
ALLOWED: dict[str, set[str]] = {
    "knowledge": set(),
    "safety": {"knowledge"},
    "planner": {"knowledge", "safety"},
    "guide": {"knowledge", "safety", "planner", "footmap"},  # the printout draws the map
    "footmap": {"knowledge", "safety", "planner"},
    "practice": {"knowledge", "safety", "planner", "guide", "footmap"},
    # a record as a person reads it, for the library's pages and `kb show`
    "library": {"knowledge", "safety", "planner", "footmap"},
    "cli": {"knowledge", "safety", "planner", "guide", "footmap", "practice", "library", "web"},
    "web": {"knowledge", "safety", "planner", "guide", "footmap", "practice", "library"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The plantar modules ``path`` imports (``from plantar.x import y`` counts ``plantar.x``
    and, when ``y`` is a module, ``plantar.x.y``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("plantar"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if not module.startswith("plantar"):
                continue
            found.add(module)
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if _exists(candidate):
                    found.add(candidate)
    return found


def _exists(module: str) -> bool:
    place = ROOT.joinpath(*module.split(".")[1:])
    return place.with_suffix(".py").exists() or (place / "__init__.py").exists()


SOURCES = sorted(ROOT.rglob("*.py"))
GRAPH = {_module_name(p): _imports(p) for p in SOURCES}


def _part(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_the_parts_below_it(part: str) -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if _part(module) == part
        for target in targets
        if (other := _part(target)) and other != part and other not in ALLOWED[part]
    )
    assert wrong == []


def test_no_module_imports_itself_back_through_others() -> None:
    """No cycle in the import graph (a package's __init__ importing its own modules is the one
    expected back edge, so a package is not counted as importing its parent package)."""
    edges = {
        module: {
            t for t in targets if t in GRAPH and t != module and not module.startswith(t + ".")
        }
        for module, targets in GRAPH.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []
