"""Shared fixtures: the real knowledge base and a CLI runner (no mocks of our own code)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

# Tests never read or write the user's cache: one fresh cache directory per test run.
os.environ["PLANTAR_CACHE_DIR"] = tempfile.mkdtemp(prefix="plantar-test-cache-")
# Hundreds of logins: a cheap password hash (one test checks the standard cost real accounts
# get). Servers the tests start inherit it.
os.environ.setdefault("PLANTAR_PASSWORD_COST", "test")

from plantar.cli import cli
from plantar.knowledge import DATA_DIR, KnowledgeBase, load

# Registered once for every test module: the hypothesis profiles (full or dev), the practice
# journal's fixtures (a database per test, on SQLite and PostgreSQL; personas) and its HTTP
# fixtures.
pytest_plugins = ["hypothesis_profiles", "practice_fixtures", "web_practice_support"]


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


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Base URL of a real `plantar serve` on a free loopback port."""
    from live_server import running_server

    with running_server() as base:
        yield base


ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
# Flags for Debian's Chromium on a machine with no network but loopback (see the env notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=["phone", "desktop"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A fresh browser page at a phone size and at a desktop size."""
    size = PHONE if request.param == "phone" else DESKTOP
    context = browser.new_context(viewport=size, device_scale_factor=1)
    opened = context.new_page()
    opened.size_name = request.param
    yield opened
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots/ (kept by the test run)."""
    target = ARTIFACTS / "screenshots" / f"{name}-{page.size_name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    return target


# Interactive elements shown on the page, and the smallest of their sides in CSS pixels.
SMALL_TARGETS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, summary')) {
    if (el.type === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.visually-hidden, .skip')) continue;
    if (Math.min(r.width, r.height) < 24) {
      out.push(`${el.tagName} "${(el.innerText || el.value || el.name || '').trim().slice(0, 40)}"`
        + ` ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return out;
}"""


def fits_and_taps(page: Any) -> None:
    """Nothing scrolls sideways; every tap target is big enough."""
    width = page.evaluate("document.scrollingElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url} scrolls sideways: {width} > {inner}"
    assert page.evaluate(SMALL_TARGETS) == [], page.url
