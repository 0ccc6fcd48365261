"""The home journal in real Chromium, no account (issue 13, item 7): each finished session
kept in the browser with pain before and after and a note, counted as a course, charted,
exported as CSV and JSON, and restored from the JSON; bad input is said and loses nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import fits_and_taps, screenshot

pytestmark = pytest.mark.browser

PLAYER = "/player?goals=sleep&minutes=5&answered=1&speed=600"


def _finish_a_session(page: Any, base: str, before: str, after: str, note: str) -> None:
    page.goto(base + PLAYER)
    page.get_by_label("Spoken cues").uncheck()
    page.get_by_role("button", name="Start or pause (space)").click()
    page.wait_for_selector("#finished:not([hidden])", timeout=30_000)
    journal = page.locator("[data-journal]")
    journal.get_by_label("Pain before, 0 to 10").fill(before)
    journal.get_by_label("Pain after, 0 to 10").fill(after)
    journal.get_by_label("Note").fill(note)
    journal.get_by_role("button", name="Save to my journal").click()
    page.get_by_text("Saved on this device").wait_for()


def test_sessions_are_kept_counted_charted_exported_and_restored(
    page: Any, live_server: str, tmp_path: Path
) -> None:
    _finish_a_session(page, live_server, "6", "3", "First, tense calves")
    assert "session 1 of this plan" in page.locator("[data-journal-local]").inner_text()
    _finish_a_session(page, live_server, "5", "2", "Second, calmer")
    assert "session 2 of this plan" in page.locator("[data-journal-local]").inner_text()
    page.get_by_role("link", name="See my journal").click()
    assert page.locator("h1").inner_text() == "My journal"
    entries = page.locator("ol.entries > li")
    assert entries.count() == 2
    assert "Second, calmer" in entries.first.inner_text()  # newest first
    assert "pain 5 → 2" in entries.first.inner_text()
    assert page.locator("[data-chart] svg circle").count() == 4  # before and after, twice
    # A course of 10 sessions of this plan.
    course = page.get_by_label("Sessions in the course", exact=False)
    course.fill("10")
    course.dispatch_event("change")
    assert "Session 2 of 10 of this plan" in entries.first.inner_text()
    fits_and_taps(page)
    screenshot(page, "journal-home")
    with page.expect_download() as got:
        page.get_by_role("button", name="Export CSV").click()
    lines = Path(got.value.path()).read_text(encoding="utf-8").splitlines()
    # A byte-order mark first, so a spreadsheet reads it as UTF-8 (Russian column names).
    assert lines[0].startswith("\ufeffstarted,plan,title,seconds")
    assert len(lines) == 3
    assert "First, tense calves" in lines[1]
    with page.expect_download() as got:
        page.get_by_role("button", name="Export JSON").click()
    exported = tmp_path / "journal.json"
    exported.write_text(Path(got.value.path()).read_text(encoding="utf-8"), encoding="utf-8")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["journal"]) == 2
    assert list(data["courses"].values()) == [10]
    # A file that is not a journal is refused, naming why, and nothing is lost.
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"journal": [{"at": "yesterday"}]}), encoding="utf-8")
    page.locator("[data-import]").set_input_files(str(bad))
    page.get_by_text("Nothing restored: 1 of 1 entries are not journal entries").wait_for()
    assert entries.count() == 2
    # Cleared, then restored from the export: the same two sessions and the course.
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.locator("ol.entries > li").count() == 0
    page.locator("[data-import]").set_input_files(str(exported))
    page.get_by_text("Restored 2 sessions.").wait_for()
    assert page.locator("ol.entries > li").count() == 2
    assert "Session 2 of 10 of this plan" in page.locator("ol.entries > li").first.inner_text()


def test_a_pain_score_out_of_range_is_refused_by_the_form(page: Any, live_server: str) -> None:
    page.goto(live_server + PLAYER)
    page.get_by_label("Spoken cues").uncheck()
    page.get_by_role("button", name="Start or pause (space)").click()
    page.wait_for_selector("#finished:not([hidden])", timeout=30_000)
    journal = page.locator("[data-journal]")
    journal.get_by_label("Pain after, 0 to 10").fill("11")
    journal.get_by_role("button", name="Save to my journal").click()
    assert not page.get_by_text("Saved on this device").count()
    field = journal.get_by_label("Pain after, 0 to 10")
    assert field.evaluate("el => el.validity.rangeOverflow")
    assert page.evaluate("localStorage.getItem('plantar.journal')") is None
