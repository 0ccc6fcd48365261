"""Real Chromium against a real server: the library and the remembered high-contrast option."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import fits_and_taps, screenshot

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


@pytest.mark.parametrize(
    "path",
    ["/library/routine_acupressure", "/library/KI1", "/library/fever", "/library/points"],
)
def test_library_pages_fit_a_phone_and_show_their_pictures(
    page: Any, live_server: str, path: str
) -> None:
    page.goto(live_server + path)
    fits_and_taps(page)
    for picture in page.locator("img.record-picture, img.step-picture").all():
        picture.scroll_into_view_if_needed()
        picture.evaluate("img => img.decode()")
        assert picture.evaluate("img => img.naturalWidth") > 0
    screenshot(page, "library-" + path.rsplit("/", 1)[1])
