"""Real Chromium, phone and desktop, against `plantar serve` on a fresh SQLite journal whose
account was made by `plantar users create`: a therapist's first visit from login to the
timeline, and a home user saving a guided session to their journal."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import fits_and_taps, screenshot
from live_server import running_server

pytestmark = pytest.mark.browser

EMAIL = "therapist@example.org"
ADMIN = "admin@example.org"
PASSWORD = "a long enough passphrase"


@pytest.fixture(scope="module")
def journal_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('journal') / 'practice.sqlite3'}"
    env = {"PLANTAR_DB": db, "PLANTAR_SECRET": secrets.token_urlsafe(48), "PLANTAR_ENV": "prod"}
    made = subprocess.run(
        [sys.executable, "-m", "plantar", "users", "create", EMAIL],
        env={**os.environ, **env, "PLANTAR_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    admin = subprocess.run(
        [sys.executable, "-m", "plantar", "users", "create", ADMIN, "--admin"],
        env={**os.environ, **env, "PLANTAR_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        check=False,
    )
    assert admin.returncode == 0, admin.stderr
    with running_server(env=env) as base:
        yield base


def log_in(page: Any, base: str, then: str, email: str = EMAIL) -> None:
    page.goto(base + then)
    assert "/login" in page.url
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + then)


def test_a_therapist_runs_a_first_visit_through_to_the_timeline(
    page: Any, journal_server: str
) -> None:
    name = f"Anna Petrova ({page.size_name})"
    page.goto(journal_server + "/login")
    screenshot(page, "practice-1-login")
    log_in(page, journal_server, "/practice")

    page.get_by_role("link", name="New client").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Date of birth").fill("1978-04-12")
    page.get_by_label("Phone or email").fill("+7 900 123 45 67")
    page.get_by_label("The client agrees").check()
    page.get_by_role("button", name="Add client").click()
    assert page.get_by_role("heading", name=name).is_visible()
    assert "Given" in page.locator("dl.fields").inner_text()
    screenshot(page, "practice-2-client")

    page.get_by_role("button", name="Start a visit now").click()
    assert "First visit" in page.content()
    page.get_by_label("Minutes since the last meal").fill("90")
    page.get_by_role("button", name="Screen").click()
    assert page.locator(".verdict h2").inner_text().startswith("OK")
    screenshot(page, "practice-3-intake")

    page.get_by_role("link", name="Next: foot chart").click()
    arch = page.locator('[data-chart-map] [data-kind="region"][data-id="arch"][data-foot="left"]')
    arch.click()
    assert page.locator("select[name=target]").input_value() == "arch"
    assert page.locator("input[name=side][value=left]").is_checked()
    page.get_by_label("Intensity, 0 to 10").fill("7")
    page.get_by_role("button", name="Add to the chart").click()
    assert "Pain 7/10" in page.locator(".findings-list").inner_text()
    screenshot(page, "practice-4-chart")

    page.get_by_role("link", name="Next: plan").click()
    assert page.locator("input[name=painful_zones][value=arch]").is_checked()
    page.locator("input[name=goals][value=fatigue]").check()
    page.get_by_label("Minutes (1 to 180)").fill("20")
    page.get_by_role("button", name="Make the plan").click()
    assert page.locator("#plan ol.steps > li").count() >= 4
    screenshot(page, "practice-5-plan")

    page.get_by_role("link", name="Next: session note").click()
    page.get_by_label("Minutes").first.fill("40")
    page.get_by_label("Pain before, 0 to 10").fill("7")
    page.get_by_label("Pain after, 0 to 10").fill("3")
    page.get_by_label("S: what the client says").fill("Tired feet after long shifts.")
    page.get_by_label("O: what you found").fill("Tender left arch.")
    page.get_by_label("Price (RUB)").fill("1500")
    page.get_by_role("button", name="Save the note").click()
    assert page.get_by_role("status").inner_text() == "Saved."
    page.get_by_role("button", name="Sign and lock the note").click()
    assert page.get_by_role("button", name="Add the addendum").is_visible()
    screenshot(page, "practice-6-signed")

    page.get_by_role("link", name=f"Timeline of {name}").click()
    chart = page.locator("figure.pain-chart", has_text="Arch (foot chart)")
    assert chart.locator("circle").count() == 1
    assert page.locator("figure.pain-chart", has_text="before the session").count() == 1
    assert page.locator("ol.timeline > li").count() == 1
    screenshot(page, "practice-7-timeline")


def test_signing_a_visit_without_intake_asks_first_and_keeps_what_was_typed(
    page: Any, journal_server: str
) -> None:
    typed = f"Heavy legs in the evening ({page.size_name})."
    log_in(page, journal_server, "/practice")
    page.get_by_role("link", name="New client").click()
    page.get_by_label("Name").fill(f"Ivan Sokolov ({page.size_name})")
    page.get_by_label("The client agrees").check()
    page.get_by_role("button", name="Add client").click()
    page.get_by_role("button", name="Start a visit now").click()
    visit = page.url.split("/intake")[0]
    page.goto(visit)  # straight to the note, the intake skipped
    page.get_by_label("S: what the client says").fill(typed)
    page.get_by_role("button", name="Sign and lock the note").click()  # no "Save" first

    asked = page.locator("#confirm-sign")
    assert "No intake (safety screening) was recorded" in asked.inner_text()
    assert page.get_by_label("S: what the client says").input_value() == typed
    anyway = page.get_by_role("button", name="Sign and lock anyway")
    page.wait_for_function("() => document.activeElement?.textContent === 'Sign and lock anyway'")
    box = anyway.bounding_box()  # in view without scrolling: the page brought it there
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    assert box["height"] >= 48
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"]
    fits_and_taps(page)
    screenshot(page, "practice-9-sign-confirm")
    page.evaluate("window.scrollTo(0, 0)")

    anyway.click()
    assert page.get_by_role("button", name="Add the addendum").is_visible()
    assert typed in page.locator("dl.fields").inner_text()
    screenshot(page, "practice-10-signed-after-confirm")


def test_the_admin_manages_accounts_and_changes_a_password_on_a_phone(
    page: Any, journal_server: str
) -> None:
    log_in(page, journal_server, "/practice/users", email=ADMIN)
    row = page.locator("li.account", has_text=EMAIL)
    assert row.get_by_role("button", name="Log out everywhere").is_visible()
    fits_and_taps(page)
    screenshot(page, "practice-11-accounts")
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_role("link", name=ADMIN).click()  # the account under the navigation
    assert page.get_by_role("heading", name="Change your password").is_visible()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("password12")
    page.get_by_label("New password, again").fill("password12")
    page.get_by_role("button", name="Change the password").click()
    assert "Too easy to guess" in page.locator(".field-error").inner_text()
    assert page.get_by_role("status").count() == 0  # nothing said to be changed
    fits_and_taps(page)
    screenshot(page, "practice-12-account-weak-password")


def test_a_home_user_saves_a_guided_session_to_the_journal(page: Any, journal_server: str) -> None:
    log_in(page, journal_server, "/practice/journal")
    page.goto(journal_server + "/player?goals=sleep&minutes=5&speed=600")
    page.get_by_label("Spoken cues").uncheck()  # no speech engine in a headless browser
    page.get_by_role("button", name="Start or pause (space)").click()
    page.wait_for_selector("#finished:not([hidden])", timeout=30_000)
    journal = page.locator("[data-journal]")
    journal.wait_for(state="visible")
    journal.get_by_label("Pain before, 0 to 10").fill("5")
    journal.get_by_label("Pain after, 0 to 10").fill("2")
    journal.get_by_label("Note").fill(f"Calm evening ({page.size_name})")
    journal.get_by_role("button", name="Save to my journal").click()
    page.get_by_text("Saved to your journal.").wait_for()
    page.get_by_text("Saved on this device").wait_for()  # and kept in the browser too
    screenshot(page, "practice-8-journal-saved")
    page.get_by_role("link", name="See my journal").click()
    assert f"Calm evening ({page.size_name})" in page.locator("ol.timeline").inner_text()


def test_logged_out_the_player_keeps_the_session_on_this_device_only(
    page: Any, journal_server: str
) -> None:
    page.goto(journal_server + "/player?goals=sleep&minutes=5&speed=600")
    page.get_by_label("Spoken cues").uncheck()
    page.get_by_role("button", name="Start or pause (space)").click()
    page.wait_for_selector("#finished:not([hidden])", timeout=30_000)
    page.wait_for_timeout(300)  # the /api/v1/me answer (401) has arrived by then
    journal = page.locator("[data-journal]")
    assert journal.is_visible()
    journal.get_by_role("button", name="Save to my journal").click()
    page.get_by_text("Saved on this device").wait_for()
    assert not page.get_by_text("Saved to your journal.").count()  # nothing was sent
