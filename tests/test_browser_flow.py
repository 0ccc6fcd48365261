"""The guided flow in real Chromium at phone and desktop size: from the home page through who,
the question screens, age and meal, the verdict and the plan, to the player (issue 13,
item 1)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import fits_and_taps, screenshot

pytestmark = pytest.mark.browser


def test_someone_else_goes_from_home_to_the_player(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_role("link", name="Start a session").click()
    fits_and_taps(page)
    screenshot(page, "flow-start-who")
    page.get_by_role("button", name="Someone else").click()
    screens = 0
    while page.locator("button.none-of-these").count():
        screens += 1
        fits_and_taps(page)
        none = page.get_by_role("button", name="None of these")
        diabetes = page.locator("input[name=conditions][value=diabetes]")
        if diabetes.count():
            assert "Do they have diabetes" in page.locator("form").inner_text()
            diabetes.check()
            assert not none.is_visible()  # a tap on it would drop the tick
            screenshot(page, "flow-start-ticked")
            page.get_by_role("button", name="Next, with what I ticked").click()
        else:
            if screens == 1:
                screenshot(page, "flow-start-questions")
            none.click()
    assert screens >= 5
    assert page.locator("h1").inner_text() == "Age and the last meal"
    page.get_by_label("Age in years").fill("62")
    page.get_by_role("button", name="See the result").click()
    fits_and_taps(page)
    assert "ADAPT" in page.locator(".verdict h2").inner_text()
    assert "Diabetes" in page.locator("details.answers summary").inner_text()
    assert page.locator("input[name=performer][value=partner]").is_checked()  # under "More"
    screenshot(page, "flow-start-verdict")
    page.locator("input[name=goals][value=relaxation]").check()
    page.get_by_role("button", name="Make my plan").click()
    fits_and_taps(page)
    advised = " ".join(page.locator("ol.steps, .before-start").all_text_contents()).lower()
    assert "foot bath" not in advised  # a diabetic is never told to take one
    assert "Diabetes" in page.locator("ol.findings").inner_text()  # said why, on the plan
    page.get_by_role("link", name="Start guided session").click()
    page.wait_for_function("() => window.plantarPlayer && window.plantarPlayer.state()")
    assert page.evaluate("window.plantarPlayer.state().phase") == "before"
