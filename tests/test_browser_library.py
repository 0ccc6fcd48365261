"""Real Chromium against a real server: the library and the remembered high-contrast option."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_reader_walks_from_home_to_a_claim_and_sees_its_evidence(
    page: Any, live_server: str
) -> None:
    page.goto(live_server + "/")
    page.get_by_role("link", name="Library").first.click()
    page.get_by_role("link", name="Claims").click()
    page.locator(".records a").first.click()
    assert page.locator("h1 .badge").count() == 1
    assert "Not medical advice" in page.locator("footer").inner_text()
    screenshot(page, "library-claim")


def test_high_contrast_is_remembered_across_pages(page: Any, live_server: str) -> None:
    page.goto(live_server + "/library")
    if page.size_name == "phone":  # on a phone the switch is in the menu
        page.locator("header .menu > summary").click()
    page.get_by_role("button", name="High contrast").click()
    assert page.evaluate("document.documentElement.dataset.contrast") == "high"
    page.goto(live_server + "/")
    assert page.evaluate("document.documentElement.dataset.contrast") == "high"
    assert page.locator("[data-toggle-contrast]").get_attribute("aria-pressed") == "true"
    screenshot(page, "home-high-contrast")
