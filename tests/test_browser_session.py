"""Real Chromium, phone and desktop: safety check → plan → guided player to the end."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_person_checks_safety_plans_and_follows_the_session_to_the_end(
    page: Any, live_server: str
) -> None:
    page.goto(live_server + "/")
    page.get_by_role("link", name="Is it safe for me today?").click()
    page.get_by_label("Age in years").fill("45")
    page.get_by_role("button", name="Check").click()
    assert "OK" in page.locator(".verdict h2").inner_text()
    screenshot(page, "flow-1-safety")

    page.get_by_role("link", name="Plan a session with these answers").click()
    page.locator("input[name=goals][value=fatigue]").check()
    page.get_by_label("Minutes (1 to 180)").fill("15")
    page.locator("select[name=time_of_day]").select_option("evening")
    page.get_by_role("button", name="Make my plan").click()
    steps = page.locator("ol.steps > li")
    assert steps.count() >= 6
    screenshot(page, "flow-2-plan")

    href = page.get_by_role("link", name="Start guided session").get_attribute("href")
    page.goto(live_server + href + "&speed=600")
    page.get_by_label("Spoken cues").uncheck()  # no speech engine in a headless browser
    page.get_by_role("button", name="Start or pause (space)").click()
    page.wait_for_function("() => window.plantarPlayer.state().index >= 1", timeout=10_000)
    screenshot(page, "flow-3-player")
    page.keyboard.press("Space")  # pause
    paused_at = page.evaluate("window.plantarPlayer.state()")
    assert paused_at["paused"]
    page.wait_for_timeout(300)
    assert page.evaluate("window.plantarPlayer.state().index") == paused_at["index"]
    page.keyboard.press("Space")  # resume, then hands off until the end
    page.wait_for_selector("#finished:not([hidden])", timeout=30_000)
    summary = page.locator("#summary").inner_text()
    total = page.evaluate(
        "JSON.parse(document.getElementById('session-data').textContent).steps.length"
    )
    assert summary == f"You did {total} of {total} steps."
    assert page.get_by_role("heading", name="Afterwards").count() == 1
    screenshot(page, "flow-4-finished")


def test_the_player_keys_go_forward_and_back(page: Any, live_server: str) -> None:
    page.goto(live_server + "/player?goals=sleep&minutes=15")
    page.get_by_label("Spoken cues").uncheck()
    page.keyboard.press("Space")
    page.wait_for_function("() => window.plantarPlayer.state().started")
    # Each n moves one screen on: the countdown, a step, the pause at a change of foot.
    seen = []
    for _ in range(4):
        page.keyboard.press("n")
        state = page.evaluate("window.plantarPlayer.state()")
        seen.append((state["phase"], state["index"]))
    assert seen == [("step", 0), ("switch", 1), ("step", 1), ("step", 2)]
    page.keyboard.press("b")
    assert page.evaluate("window.plantarPlayer.state().index") == 1
    page.keyboard.press("q")  # asks first
    assert not page.evaluate("window.plantarPlayer.state().finished")
    page.get_by_role("button", name="End the session").click()
    assert page.evaluate("window.plantarPlayer.state().finished")


def test_the_plan_page_prints_without_the_controls(page: Any, live_server: str) -> None:
    page.goto(live_server + "/plan?goals=sleep&minutes=15&time_of_day=evening")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.get_by_role("link", name="Start guided session").is_visible()
    assert page.locator("ol.steps > li").first.is_visible()
    if page.size_name == "desktop":  # page.pdf() prints at paper size, once is enough
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        (screenshot(page, "plan-print").parent / "plan-print.pdf").write_bytes(pdf)
