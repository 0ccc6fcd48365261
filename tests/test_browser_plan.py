"""The plan page in a real browser, at phone and desktop size: read in a minute, edited in
place, printed complete (issue 13, item 2)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import fits_and_taps, screenshot

pytestmark = pytest.mark.browser

SLEEP = "/plan?goals=sleep&minutes=15&answered=1"


def test_the_plan_fits_the_screen_with_its_pictures_and_folds(page: Any, live_server: str) -> None:
    page.goto(live_server + SLEEP)
    fits_and_taps(page)
    assert page.get_by_role("heading", name="Before you start").is_visible()
    essentials = page.locator("ul.essentials > li")
    assert 1 <= essentials.count() <= 5
    more = page.locator("details.more")
    assert not more.locator("ul.reminders").is_visible()
    more.locator("summary").click()
    assert more.locator("ul.reminders").is_visible()
    assert page.get_by_text("Repeat these steps on the right foot.").is_visible()
    pictures = page.locator("img.step-picture")
    assert pictures.count() == page.locator("ol.steps > li").count()
    for i in range(pictures.count()):
        picture = pictures.nth(i)
        picture.scroll_into_view_if_needed()
        picture.evaluate("img => img.decode()")
        assert picture.evaluate("img => img.naturalWidth") > 0, picture.get_attribute("src")
    fits_and_taps(page)
    screenshot(page, "plan-sleep")


def test_the_printout_opens_every_fold(page: Any, live_server: str) -> None:
    page.goto(live_server + SLEEP)
    page.emulate_media(media="print")
    assert page.locator("details.more ul.reminders").is_visible()
    assert page.locator(".step-body details p").first.is_visible()
    assert not page.locator("details.change").is_visible()  # the form is not printed


def test_minutes_are_a_preset_or_a_number_and_the_plan_changes_in_place(
    page: Any, live_server: str
) -> None:
    page.goto(live_server + "/plan?answered=1")
    fits_and_taps(page)
    page.locator("input[name=goals][value=sleep]").check()
    assert page.get_by_role("radio", name="15 min").is_checked()  # the default
    page.get_by_role("radio", name="20 min").check()
    assert page.get_by_role("radio", name="20 min").is_checked()
    other = page.get_by_label("Other: minutes (1 to 180)")
    other.fill("45")
    assert not page.locator("input[type=radio][name=minutes]:checked").count()
    page.get_by_role("button", name="Make my plan").click()
    assert "45" in page.locator("h1").inner_text()
    # Change it from the result: the form stands there with what was asked.
    page.locator("details.change > summary").click()
    assert page.get_by_label("Other: minutes (1 to 180)").input_value() == "45"
    page.get_by_role("radio", name="10 min").check()
    assert page.get_by_label("Other: minutes (1 to 180)").input_value() == ""
    page.get_by_role("button", name="Make the new plan").click()
    assert "10-minute" in page.locator("h1").inner_text()
    # The last length is offered again on a fresh form.
    page.goto(live_server + "/plan?answered=1")
    assert page.get_by_role("radio", name="10 min").is_checked()


def test_a_routine_is_picked_from_the_form(page: Any, live_server: str) -> None:
    page.goto(live_server + "/plan?answered=1")
    page.get_by_label("Routine").select_option("routine_self")
    page.get_by_role("button", name="Make my plan").click()
    assert "Evening self-massage of the feet" in page.locator("h1").inner_text()
    fits_and_taps(page)
    screenshot(page, "plan-routine")
