"""Real Chromium: tapping a zone on the foot map highlights it and shows its details."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import fits_and_taps, screenshot

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


# Every zone and point, as a finger meets it: its hit area and what the centre of it takes.
TARGETS = """() => {
  // The hit circles, measured on the layout as it stands now (as the page does on each
  // resize and zoom).
  document.querySelectorAll('.map-figure svg').forEach(s => s.plantarMeasure());
  return [...document.querySelectorAll(
    '.map-figure [data-kind="zone"], .map-figure [data-kind="point"]')].map(n => {
    n.scrollIntoView({block: 'center'});
    const hit = n.querySelector(':scope > circle.hit');
    const r = (hit || n).getBoundingClientRect();
    // A spot inside the zone's own shape (a concave zone's centre may lie outside it).
    let x = r.x + r.width / 2, y = r.y + r.height / 2;
    const shape = n.querySelector('path');
    if (!hit && shape && shape.isPointInFill) {
      const svg = n.ownerSVGElement, inv = shape.getScreenCTM().inverse();
      outer: for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
        const p = svg.createSVGPoint(); p.x = r.x + r.width * i / 10; p.y = r.y + r.height * j / 10;
        if (shape.isPointInFill(p.matrixTransform(inv))) { x = p.x; y = p.y; break outer; }
      }
    }
    const under = document.elementFromPoint(x, y);
    const owner = under && under.closest('[data-kind]');
    return {id: n.getAttribute('data-id'), w: Math.round(r.width), h: Math.round(r.height),
            takes: owner ? owner.getAttribute('data-kind') : (under ? under.tagName : null)}; });
}"""


def test_on_a_phone_one_foot_fills_the_frame_and_every_target_takes_a_finger(
    page: Any, live_server: str
) -> None:
    page.goto(live_server + "/map")
    assert page.locator(".map-tabs a[aria-current=page]").all_inner_texts() == ["Sole", "Left foot"]
    fits_and_taps(page)
    for view in ("Sole", "Top", "Inner edge", "Outer edge"):
        page.get_by_role("link", name=view, exact=True).click()
        # Measured once at load and again when the layout has settled (ResizeObserver).
        page.wait_for_function(
            "() => document.querySelector('.map-figure svg').dataset.measured >= 2"
        )
        targets = page.evaluate(TARGETS)
        assert targets, view
        small = [t for t in targets if min(t["w"], t["h"]) < 24]
        assert small == [], (view, small[:5])
        # The centre of each target is a zone or a point, never a label or a leader.
        stolen = [t for t in targets if t["takes"] not in ("zone", "point")]
        assert stolen == [], (view, stolen[:5])
    screenshot(page, "map-outer")


def test_zoom_filters_and_clearing_the_selection(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map")
    box = page.evaluate("document.querySelector('.map-figure svg').getAttribute('viewBox')")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = page.evaluate("document.querySelector('.map-figure svg').getAttribute('viewBox')")
    assert float(zoomed.split()[2]) < float(box.split()[2])
    page.get_by_role("button", name="Whole foot").click()
    page.locator('[data-kind="zone"]').first.click()
    assert page.locator(".selected").count() >= 1
    page.get_by_role("button", name="Clear the selection").click()
    assert page.locator(".selected").count() == 0
    with page.expect_navigation():
        page.get_by_label("Goal").select_option("sleep")  # applies at once, no button
    assert "goal=sleep" in page.url
    assert "view=sole" in page.url
