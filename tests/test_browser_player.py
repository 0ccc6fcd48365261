"""The guided player in real Chromium, as a person with oily hands uses it: controls that stay
under the thumb, a "get ready" countdown, a pause at each change of foot, a clock that keeps
the wall's time through a background tab, Stop and leaving that ask first, and headphone
buttons (the Media Session API).

Time is Playwright's fake clock (``page.clock``): ``run_for`` lets time pass with every timer
firing, ``fast_forward`` jumps ahead with timers firing at most once — what a background tab
or a locked phone does to a page's timers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import fits_and_taps, screenshot
from plantar.guide.timeline import READY_SECONDS, SWITCH_PAUSE_DEFAULT

pytestmark = pytest.mark.browser

PLAYER = "/player?goals=sleep&minutes=15&answered=1"
CONTROLS = ("#back", "#pause", "#next")

# Records the page's Media Session handlers, so a test can press a "headphone button".
MEDIA_HANDLERS = """
window.__media = {};
if (navigator.mediaSession) {
  const set = navigator.mediaSession.setActionHandler.bind(navigator.mediaSession);
  navigator.mediaSession.setActionHandler = (name, fn) => {
    window.__media[name] = fn;
    set(name, fn);
  };
}
"""


def _open(page: Any, base: str, path: str = PLAYER) -> dict[str, Any]:
    page.clock.install()
    page.add_init_script(MEDIA_HANDLERS)
    page.goto(base + path)
    # Time stands still but for run_for and fast_forward: every figure below is exact.
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.get_by_label("Spoken cues").uncheck()  # no speech engine in a headless browser
    session: dict[str, Any] = json.loads(page.locator("#session-data").text_content())
    return session


def _state(page: Any) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("window.plantarPlayer.state()")
    return state


def _start(page: Any) -> None:
    page.get_by_role("button", name="Start or pause (space)").click()


def _on_screen(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    height = page.evaluate("window.innerHeight")
    width = page.evaluate("window.innerWidth")
    assert box["y"] >= 0, (selector, box)
    assert box["y"] + box["height"] <= height, (selector, box, height)
    assert box["x"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= width, (selector, box, width)
    assert min(box["width"], box["height"]) >= 48, (selector, box)
    return dict(box)


def test_the_controls_stay_under_the_thumb_and_the_site_header_goes(
    page: Any, live_server: str
) -> None:
    _open(page, live_server)
    for selector in CONTROLS:
        _on_screen(page, selector)
    fits_and_taps(page)
    screenshot(page, "player-1-before-start")
    _start(page)
    page.clock.run_for(READY_SECONDS * 1000 + 500)
    assert _state(page)["phase"] == "step"
    assert not page.locator("header.top").is_visible()
    assert not page.locator("footer.disclaimer").is_visible()
    for selector in (*CONTROLS, "#stop"):
        _on_screen(page, selector)
    # A long instruction may push the page taller than the screen: the controls stay put.
    page.mouse.wheel(0, 2000)
    for selector in CONTROLS:
        _on_screen(page, selector)
    assert page.locator("#countdown").inner_text() == "1:05"
    fits_and_taps(page)
    screenshot(page, "player-2-running")


def test_start_counts_down_before_the_first_step_and_the_clock_then_runs(
    page: Any, live_server: str
) -> None:
    session = _open(page, live_server)
    assert not page.locator("#countdown").is_visible()  # no "14 min 55 s" before Start
    assert "about 15 minutes" in page.locator(".player-total").inner_text()
    _start(page)
    state = _state(page)
    assert (state["phase"], state["title"]) == ("ready", "Starting in")
    assert page.locator("#countdown").inner_text() == f"0:0{READY_SECONDS}"
    page.clock.run_for((READY_SECONDS - 1) * 1000)
    assert _state(page)["phase"] == "ready"
    page.clock.run_for(1500)
    state = _state(page)
    assert (state["phase"], state["index"]) == ("step", 0)
    assert state["remaining"] == pytest.approx(session["steps"][0]["seconds"] - 0.5, abs=0.3)
    assert page.locator("#cue").text_content() == session["steps"][0]["cue"]
    screenshot(page, "player-3-first-step")


def _hold_starts(session: dict[str, Any], pause: int) -> dict[int, float]:
    """Where each change of foot's pause begins on the player's timeline, by step."""
    starts, t = {}, float(READY_SECONDS)
    for i, step in enumerate(session["steps"]):
        if step["foot_call"] and i > 0 and pause:
            starts[i] = t
            t += pause
        t += step["seconds"]
    return starts


def test_a_change_of_foot_holds_the_clock_and_says_now_the_right_foot(
    page: Any, live_server: str
) -> None:
    session = _open(page, live_server)
    assert page.locator("#switch-pause").input_value() == str(SWITCH_PAUSE_DEFAULT)
    right = next(i for i, s in enumerate(session["steps"]) if s["foot"] == "right")
    starts = _hold_starts(session, SWITCH_PAUSE_DEFAULT)
    _start(page)
    page.clock.run_for(int((starts[right] + 1) * 1000))
    state = _state(page)
    assert (state["phase"], state["index"], state["title"]) == (
        "switch",
        right,
        "Now the right foot",
    )
    assert page.locator("#cue").text_content() == "Cover the left foot. Now the right foot."
    assert page.locator("#step-foot").inner_text() == "Right foot"
    screenshot(page, "player-4-change-of-foot")
    page.clock.run_for((SWITCH_PAUSE_DEFAULT - 1) * 1000 + 500)
    state = _state(page)
    assert (state["phase"], state["index"]) == ("step", right)
    # The right foot's first step starts whole: its time did not run during the pause.
    assert state["remaining"] == pytest.approx(session["steps"][right]["seconds"] - 0.5, abs=0.3)


def test_no_pause_at_the_change_of_foot_when_none_is_chosen(page: Any, live_server: str) -> None:
    session = _open(page, live_server)
    page.locator("#switch-pause").select_option("0")
    right = next(i for i, s in enumerate(session["steps"]) if s["foot"] == "right")
    _start(page)
    at = READY_SECONDS + sum(s["seconds"] for s in session["steps"][:right])
    page.clock.run_for(int((at + 1) * 1000))
    state = _state(page)
    assert (state["phase"], state["index"]) == ("step", right)
    # The step's own cue carries the change of foot then.
    cue = page.locator("#cue").text_content()
    assert cue == "Cover the left foot. Now the right foot. " + session["steps"][right]["cue"]


def test_the_wall_clock_survives_a_background_tab(page: Any, live_server: str) -> None:
    session = _open(page, live_server)
    _start(page)
    page.clock.run_for(READY_SECONDS * 1000 + 200)
    # Four minutes away: a throttled tab's timers fire once, late, if at all.
    page.clock.fast_forward("04:00")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    state = _state(page)
    away = READY_SECONDS + 0.2 + 240
    starts = _hold_starts(session, SWITCH_PAUSE_DEFAULT)
    t, expected = float(READY_SECONDS), None
    for i, step in enumerate(session["steps"]):
        t += SWITCH_PAUSE_DEFAULT if i in starts else 0
        if t + step["seconds"] > away:
            expected = i
            break
        t += step["seconds"]
    assert expected is not None
    assert state["index"] == expected
    assert state["position"] == pytest.approx(away, abs=0.5)
    # Every step passed while away counts as done; none is skipped, none dropped.
    assert (state["done"], state["skipped"]) == (expected, 0)
    assert page.locator("#cue").text_content() in (
        session["steps"][expected]["cue"],
        session["steps"][expected]["foot_call"],
    )


def test_stop_q_and_leaving_ask_first(page: Any, live_server: str) -> None:
    _open(page, live_server)
    _start(page)
    page.clock.run_for(READY_SECONDS * 1000 + 500)
    page.locator("#stop").click()
    dialog = page.locator("#confirm-stop")
    assert dialog.is_visible()
    assert page.get_by_role("button", name="Keep going").is_visible()
    screenshot(page, "player-5-confirm-stop")
    page.get_by_role("button", name="Keep going").click()
    assert not dialog.is_visible()
    assert not _state(page)["finished"]

    page.keyboard.press("q")
    assert dialog.is_visible()
    page.keyboard.press("Escape")  # a dialog's Escape is "keep going"
    assert not dialog.is_visible()
    assert not _state(page)["finished"]

    seen: list[str] = []

    def stay(d: Any) -> None:
        seen.append(d.type)
        d.dismiss()

    page.on("dialog", stay)
    page.evaluate("location.href = '/'")
    page.wait_for_timeout(300)
    assert seen == ["beforeunload"]
    assert "/player" in page.url
    page.remove_listener("dialog", stay)

    page.keyboard.press("q")
    page.get_by_role("button", name="End the session").click()
    state = _state(page)
    assert state["finished"]
    assert page.locator("#summary").inner_text() == f"You did {state['done']} of 18 steps."
    assert not page.locator(".controls").is_visible()


def test_headphone_buttons_pause_resume_and_skip(page: Any, live_server: str) -> None:
    session = _open(page, live_server)
    _start(page)
    page.clock.run_for(READY_SECONDS * 1000 + 500)
    assert page.evaluate("navigator.mediaSession.metadata.title") == session["steps"][0]["title"]
    assert page.evaluate("navigator.mediaSession.playbackState") == "playing"
    page.evaluate("window.__media.pause()")
    assert _state(page)["paused"]
    at = _state(page)["position"]
    page.clock.run_for(5000)
    assert _state(page)["position"] == pytest.approx(at, abs=0.01)  # paused means paused
    page.evaluate("window.__media.play()")
    assert not _state(page)["paused"]
    page.evaluate("window.__media.nexttrack()")
    page.evaluate("window.__media.nexttrack()")  # past the "start with the left foot" pause
    assert _state(page)["index"] == 1
    assert page.evaluate("navigator.mediaSession.metadata.title") == session["steps"][1]["title"]
    page.evaluate("window.__media.previoustrack()")
    assert _state(page)["index"] == 0
    page.evaluate("window.__media.stop()")
    assert page.locator("#confirm-stop").is_visible()  # even a headphone stop asks
