"""Every file the app reads at run time is in the package's data, so an installed wheel (not
only this checkout) has its templates, styles and scripts."""

from __future__ import annotations

import tomllib
from pathlib import Path

import plantar

ROOT = Path(plantar.__file__).resolve().parent
PYPROJECT = ROOT.parents[1] / "pyproject.toml"


def test_the_package_data_covers_every_template_static_file_and_data_file() -> None:
    globs = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    # As setuptools reads them: each glob relative to its package's folder, "*" within one.
    packaged = {
        path
        for package, patterns in globs.items()
        for pattern in patterns
        for path in ROOT.parent.joinpath(*package.split(".")).glob(pattern)
    }
    missing = [
        str(path.relative_to(ROOT))
        for folder in ("web/templates", "web/static", "knowledge/data", "footmap")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file() and path.suffix not in {".py", ".pyc"} and path not in packaged
    ]
    assert missing == []
