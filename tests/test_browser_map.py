"""Real Chromium: tapping a zone on the foot map highlights it and shows its details."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import fits_and_taps, screenshot
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Shape

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


def test_an_article_step_that_disagrees_shows_the_nearest_standard_points_beside_it(
    page: Any, live_server: str
) -> None:
    """Step 8 (the stomach point): its place, KI3 and BL60 drawn side by side in the panel,
    each picture loaded and its caption a link to its page, nothing wider than the screen."""
    page.goto(live_server + "/map?view=sole")
    page.locator('[data-kind="point"][data-id="zone_article_stomach"]').first.click()
    row = page.locator("#map-detail .side-pictures")
    row.scroll_into_view_if_needed()
    assert row.locator("figcaption a").all_inner_texts() == [
        "The article, step 8", "Taixi (KI3)", "Kunlun (BL60)",
    ]  # fmt: skip
    page.wait_for_function(
        "() => [...document.querySelectorAll('#map-detail .side-pictures img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    fits_and_taps(page)
    screenshot(page, "map-beside")


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
            takes: owner ? owner.getAttribute('data-kind') : (under ? under.tagName : null),
            owner: owner ? owner.getAttribute('data-id') : null}; });
}"""


def test_on_a_phone_one_foot_fills_the_frame_and_every_target_takes_a_finger(
    page: Any, live_server: str
) -> None:
    page.goto(live_server + "/map")
    assert page.locator(".map-tabs a[aria-current=page]").all_inner_texts() == ["Sole", "Left"]
    fits_and_taps(page)
    for view in ("Sole", "Top", "Inner", "Outer"):
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


@pytest.mark.parametrize("view", ["sole", "top", "inner", "outer"])
def test_every_standard_acupoint_is_drawn_and_takes_its_own_tap(
    page: Any, live_server: str, kb: KnowledgeBase, view: str
) -> None:
    """The standard acupoints' chart: each point of the view is there, a finger's width
    across, and a tap at its centre selects that point and no neighbour."""
    page.goto(f"{live_server}/map?scheme=acupoints&view={view}&foot=left")
    page.wait_for_function("() => document.querySelector('.map-figure svg').dataset.measured >= 2")
    fits_and_taps(page)
    targets = page.evaluate(TARGETS)
    drawn = {t["id"] for t in targets}
    expected = {
        s.of
        for s in kb.all(Shape)
        if s.view == view and (p := kb.find(s.of)) and getattr(p[1], "who_code", None)
    }
    assert expected <= drawn, sorted(expected - drawn)
    small = [t for t in targets if min(t["w"], t["h"]) < 24]
    assert small == [], small[:5]
    stolen = [t for t in targets if t["owner"] != t["id"]]
    assert stolen == [], stolen[:5]
    screenshot(page, f"map-acupoints-{view}")


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
    # The chart and its filters wait under the map, folded, until wanted.
    assert not page.get_by_label("Goal").is_visible()
    page.get_by_text("Chart, goal and organ").click()
    with page.expect_navigation():
        page.get_by_label("Goal").select_option("sleep")  # applies at once, no button
    assert "goal=sleep" in page.url
    assert "view=sole" in page.url
    assert page.get_by_label("Goal").is_visible()  # still open: a filter is in use


def _touch(session: Any, kind: str, points: list[tuple[float, float]]) -> None:
    session.send(
        "Input.dispatchTouchEvent",
        {
            "type": kind,
            "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)],
        },
    )


def _fingers(session: Any, paths: list[list[tuple[float, float]]]) -> None:
    """Real touch input (the browser's own, touch-action honoured): fingers along their paths."""
    _touch(session, "touchStart", [p[0] for p in paths])
    for step in range(1, len(paths[0])):
        _touch(session, "touchMove", [p[step] for p in paths])
    _touch(session, "touchEnd", [])


@pytest.fixture
def finger(browser: Any) -> Any:
    """A phone with a touch screen, and the browser's own touch input to drive it."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=1,
        has_touch=True,
        is_mobile=True,
    )
    opened = context.new_page()
    opened.size_name = "touch"
    yield opened, context.new_cdp_session(opened)
    context.close()


def _frame(page: Any) -> Any:
    page.locator(".map-figure svg").scroll_into_view_if_needed()
    return page.locator(".map-figure .zoom-area").bounding_box()


def test_a_sideways_swipe_turns_to_the_next_view_and_back(finger: Any, live_server: str) -> None:
    page, session = finger
    page.goto(live_server + "/map")
    box = _frame(page)
    y = box["y"] + box["height"] / 2
    right, left = box["x"] + box["width"] * 0.8, box["x"] + box["width"] * 0.2
    with page.expect_navigation():
        _fingers(session, [[(right - i * (right - left) / 8, y) for i in range(9)]])
    assert page.locator(".map-tabs a[aria-current=page]").all_inner_texts() == ["Top", "Left"]
    box = _frame(page)
    y = box["y"] + box["height"] / 2
    with page.expect_navigation():
        _fingers(session, [[(left + i * (right - left) / 8, y) for i in range(9)]])
    assert "view=sole" in page.url
    # A tap is still a tap, and it does not turn the page.
    page.locator('[data-kind="point"][data-id="KI1"]').first.tap()
    assert "KI1" in page.locator("#map-detail h2").inner_text()
    assert "view=sole" in page.url


def test_two_fingers_pinch_the_foot_larger(finger: Any, live_server: str) -> None:
    page, session = finger
    page.goto(live_server + "/map")
    box = _frame(page)
    before = page.evaluate("document.querySelector('.map-figure svg').viewBox.baseVal.width")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    spread = [(cx - 20 - i * 8, cy) for i in range(8)], [(cx + 20 + i * 8, cy) for i in range(8)]
    _fingers(session, list(spread))
    after = page.evaluate("document.querySelector('.map-figure svg').viewBox.baseVal.width")
    assert after < before * 0.6, (before, after)
    assert page.locator(".map-figure.zoomed").count() == 1
    # Zoomed, one finger pans the foot rather than turning the page.
    view = page.evaluate("document.querySelector('.map-figure svg').getAttribute('viewBox')")
    url = page.url
    _fingers(session, [[(cx + 60 - i * 15, cy) for i in range(9)]])
    assert page.url == url
    moved = page.evaluate("document.querySelector('.map-figure svg').getAttribute('viewBox')")
    assert moved != view
