"""Shared fixtures: the real knowledge base and a CLI runner (no mocks of our own code)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

# Tests never read or write the user's cache: one fresh cache directory per test run.
os.environ["PLANTAR_CACHE_DIR"] = tempfile.mkdtemp(prefix="plantar-test-cache-")

from plantar.cli import cli
from plantar.knowledge import DATA_DIR, KnowledgeBase, load


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture
def run() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the data directory, for tests that break the data on purpose."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA_DIR.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    return target
