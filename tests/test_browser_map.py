"""Real Chromium: tapping a zone on the foot map highlights it and shows its details."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import screenshot

pytestmark = pytest.mark.browser


def test_tapping_a_zone_highlights_it_and_shows_its_details(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map?view=sole")
    zone = page.locator('[data-kind="zone"][data-id="zone_western_lungs"]').first
    zone.click()
    assert "selected" in (zone.get_attribute("class") or "")
    detail = page.locator("#map-detail")
    assert "Lungs" in detail.locator("h2").inner_text()
    assert "not a diagnosis" in detail.inner_text()
    screenshot(page, "map-zone-selected")


def test_a_point_shows_its_location_and_evidence_level(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map?view=sole")
    page.locator('[data-kind="point"][data-id="KI1"]').first.click()
    detail = page.locator("#map-detail")
    assert "KI1" in detail.locator("h2").inner_text()
    assert "WHO" in detail.inner_text()
    assert detail.locator(".badge").count() >= 1


def test_a_zone_can_be_chosen_with_the_keyboard(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map?view=sole")
    zone = page.locator('[data-kind="zone"]').first
    zone.focus()
    page.keyboard.press("Enter")
    assert page.locator("#map-detail h2").count() == 1


def test_the_two_charts_stand_side_by_side(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map?view=sole&compare=1")
    captions = page.locator("figcaption").all_inner_texts()
    assert captions == ["The article's charts", "Western chart"]
    screenshot(page, "map-compare")


def test_the_map_fits_the_screen_and_says_why_a_plan_is_not_drawn(
    page: Any, live_server: str
) -> None:
    page.goto(live_server + "/map?plan=1&goals=sleep&minutes=20&conditions=fever")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), f"scrolls sideways: {width}"
    note = page.get_by_role("status").filter(has_text="No massage now")
    assert note.is_visible()
    screenshot(page, "map-plan-not-advised")
