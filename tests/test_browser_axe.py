"""axe-core (4.12, bundled by axe-playwright-python) on every page, at phone and desktop size:
nothing serious or critical (issue 13, item 9). The practice's pages are checked logged in."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_browser_practice import journal_server, log_in  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

AXE = Axe()
HOME_PAGES = (
    "/",
    "/start",
    "/start?step=1&receiver=other",
    "/start?step=8&receiver=self&conditions=skin_lesion",
    "/start?step=9&receiver=self&answered=1&age=40",
    "/start?step=9&receiver=self&answered=1&conditions=fever",
    "/safety",
    "/safety?asked=1&answered=1&conditions=diabetes&age=60",
    "/plan",
    "/plan?goals=sleep&minutes=15&answered=1",
    "/plan?goals=sleep&minutes=15",
    "/plan?routine=routine_acupressure&answered=1",
    "/player?goals=sleep&minutes=15&answered=1",
    "/map",
    "/library",
    "/library/claims",
    "/library/KI1",
    "/library/zone_western_kidneys",
    "/library/routine_acupressure",
    "/library/fever",
    "/library/rubbing",
    "/library/sleep",
    "/login",
    "/offline",
    "/journal",
)
PRACTICE_PAGES = (
    "/practice",
    "/practice/clients/new",
    "/practice/journal",
    "/practice/prices",
    "/practice/account",
)


def serious(page: Any) -> list[str]:
    """The serious and critical violations on the page, each with where it is."""
    found = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", HOME_PAGES)
def test_axe_finds_nothing_serious_on_the_home_pages(
    page: Any, live_server: str, path: str
) -> None:
    page.goto(live_server + path)
    assert serious(page) == [], path


def test_axe_finds_nothing_serious_on_the_practice_pages(page: Any, journal_server: str) -> None:  # noqa: F811
    log_in(page, journal_server, "/practice")
    problems = {}
    for path in PRACTICE_PAGES:
        page.goto(journal_server + path)
        if found := serious(page):
            problems[path] = found
    assert problems == {}
