"""Every file the app reads at run time is in the package's data, so an installed wheel (not
only this checkout) has its templates, styles and scripts."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

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
        for folder in ("web/templates", "web/static", "knowledge/data", "footmap", "locale")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file()
        and path.suffix not in {".py", ".pyc", ".po", ".pot"}  # sources of the .mo files
        and path not in packaged
    ]
    assert missing == []


@pytest.mark.slow
def test_the_built_wheel_carries_each_compiled_catalog(tmp_path: Path) -> None:
    """The build compiles every language's .po into the .mo that gettext reads (setup.py)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(PYPROJECT.parent),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("plantar-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        mo = archive.read("plantar/locale/ru/LC_MESSAGES/plantar.mo")
    assert "plantar/locale/ru/LC_MESSAGES/plantar.mo" in names
    catalog = gettext.GNUTranslations(io.BytesIO(mo))
    assert catalog.ngettext("{n} minute", "{n} minutes", 5) == "{n} минут"
