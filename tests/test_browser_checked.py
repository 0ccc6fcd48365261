"""Real Chromium at phone size: safety check -> plan -> player with the check done and not done.

Each page must fit the phone (nothing scrolls sideways), show the plan's warnings and, when the
check was not done, say so; every tap target is at least 24 px (WCAG 2.5.8). Screenshots go
to artifacts/screenshots/checked-*-phone.png, to be looked at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import PHONE, fits_and_taps, screenshot
from plantar.safety import advice

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    opened = context.new_page()
    opened.size_name = "phone"
    yield opened
    context.close()


def shot(page: Any, name: str) -> None:
    """A full-page screenshot, then back to the top: after one, Chromium's clicks can miss on
    a long page left scrolled to its end."""
    screenshot(page, name)
    page.evaluate("window.scrollTo(0, 0)")


def test_not_checked_plan_and_player_say_so_and_show_the_warnings(
    phone: Any, live_server: str
) -> None:
    page = phone
    # Diabetes named on a link, the safety questions never answered.
    page.goto(live_server + "/plan?conditions=diabetes")
    notice = page.locator(".plan-form .not-checked")
    assert notice.is_visible()
    assert advice.NOT_CHECKED_HEADLINE in notice.inner_text()
    fits_and_taps(page)
    shot(page, "checked-not-1-plan-form")

    page.locator("input[name=goals][value=sleep]").check()
    page.locator("input[name=goals][value=digestion]").check()
    page.get_by_label("Minutes (1 to 180)").fill("15")
    page.get_by_role("button", name="Make my plan").click()
    # Diabetes was named, so the verdict is its own; it still says the check was not done.
    box = page.locator("section.verdict")
    assert box.locator("h2").inner_text().startswith("ADAPT")
    assert advice.NOT_CHECKED_HEADLINE in box.locator(".unchecked").inner_text()
    assert page.get_by_role("link", name="Answer the safety questions").first.is_visible()
    warnings = page.locator("section.plan .warnings")
    assert warnings.is_visible()
    assert "traditional belief" in warnings.inner_text()
    first_step = page.locator("ol.steps > li").first
    assert warnings.bounding_box()["y"] < first_step.bounding_box()["y"]
    fits_and_taps(page)
    shot(page, "checked-not-2-plan")

    page.get_by_role("link", name="Start guided session").click()
    assert page.locator(".before-start .verdict-line").is_visible()
    assert advice.NOT_CHECKED_HEADLINE in page.locator(".before-start").inner_text()
    assert page.locator(".before-start .warnings").is_visible()
    start = page.get_by_role("button", name="Start or pause (space)")
    assert page.locator(".before-start").bounding_box()["y"] < start.bounding_box()["y"]
    fits_and_taps(page)
    shot(page, "checked-not-3-player")

    page.get_by_role("link", name="Answer the safety questions").click()
    assert page.locator("input[name=conditions][value=diabetes]").is_checked()

    # Nothing named at all: the badge is "not checked", never a green OK.
    page.goto(live_server + "/plan?goals=sleep&minutes=15")
    box = page.locator("section.verdict")
    assert box.locator("h2").inner_text() == advice.NOT_CHECKED_HEADLINE
    assert "verdict-not_checked" in (box.get_attribute("class") or "")
    colour = box.evaluate("el => getComputedStyle(el).borderTopColor")
    assert colour != "rgb(11, 110, 79)"  # the OK green
    fits_and_taps(page)
    shot(page, "checked-not-4-plan-nothing-named")


def test_checked_flow_carries_the_answers_to_the_player(phone: Any, live_server: str) -> None:
    page = phone
    page.goto(live_server + "/safety")
    page.locator("input[name=conditions][value=diabetes]").check()
    page.get_by_label("Age in years").fill("58")
    fits_and_taps(page)
    shot(page, "checked-flow-1-safety")

    page.get_by_role("button", name="Check").click()
    box = page.locator("section.verdict")
    assert box.locator("h2").inner_text().startswith("ADAPT")
    # The answers stay ticked below the result, ready to change one.
    assert page.locator("input[name=conditions][value=diabetes]").is_checked()
    assert page.get_by_label("Age in years").input_value() == "58"
    fits_and_taps(page)
    shot(page, "checked-flow-2-result")

    page.get_by_role("link", name="Plan a session with these answers").click()
    assert "answered=1" in page.url
    assert "conditions=diabetes" in page.url
    assert "Your safety answers are included" in page.locator(".plan-form .note").inner_text()
    page.locator("input[name=goals][value=sleep]").check()
    page.locator("input[name=goals][value=digestion]").check()
    page.get_by_label("Minutes (1 to 180)").fill("15")
    fits_and_taps(page)
    shot(page, "checked-flow-3-plan-form")

    page.get_by_role("button", name="Make my plan").click()
    box = page.locator("section.verdict")
    assert box.locator("h2").inner_text().startswith("ADAPT")
    assert advice.NOT_CHECKED_HEADLINE not in page.content()
    warnings = page.locator("section.plan .warnings")
    assert warnings.is_visible()
    assert "Digestion" in warnings.inner_text()
    assert warnings.bounding_box()["y"] < page.locator("ol.steps > li").first.bounding_box()["y"]
    fits_and_taps(page)
    shot(page, "checked-flow-4-plan")

    page.get_by_role("link", name="Start guided session").click()
    assert "answered=1" in page.url
    assert "conditions=diabetes" in page.url
    before = page.locator(".before-start")
    assert before.locator(".verdict-line").inner_text().startswith("ADAPT")
    assert before.locator(".warnings").is_visible()
    fits_and_taps(page)
    shot(page, "checked-flow-5-player")

    page.get_by_label("Spoken cues").uncheck()  # no speech engine in a headless browser
    page.get_by_role("button", name="Start or pause (space)").click()
    page.wait_for_function("() => window.plantarPlayer.state().started")
    assert not before.is_visible()  # read before Start; the stage has the screen now
    fits_and_taps(page)
    shot(page, "checked-flow-6-player-running")


def test_an_emergency_offers_the_number_to_call(phone: Any, live_server: str) -> None:
    page = phone
    page.goto(live_server + "/safety")
    page.locator("input[name=conditions][value=cold_pale_foot]").check()
    page.get_by_role("button", name="Check").click()
    call = page.locator("section.verdict a.call")
    assert call.is_visible()
    assert call.get_attribute("href") == "tel:112"
    assert call.bounding_box()["height"] >= 48
    assert page.locator("footer a.call").get_attribute("href") == "tel:112"
    fits_and_taps(page)
    shot(page, "checked-emergency-safety")
