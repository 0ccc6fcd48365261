"""The site's header in real Chromium: one slim line on a phone with the links in a menu, the
links in the line on a wide screen; an icon and a title of its own on every page."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import fits_and_taps, screenshot

pytestmark = pytest.mark.browser

PAGES = ("/", "/safety", "/plan", "/map", "/library", "/login")


@pytest.mark.parametrize("path", PAGES)
def test_the_header_is_one_slim_line_and_the_menu_reaches_every_part(
    page: Any, live_server: str, path: str
) -> None:
    page.goto(live_server + path)
    header = page.locator("header.top").bounding_box()
    assert header is not None
    nav = page.get_by_role("navigation", name="Main")
    if page.size_name == "phone":
        assert header["height"] <= 64, header
        assert not nav.is_visible()
        page.locator("header .menu > summary").click()
    else:
        assert header["height"] <= 80, header
    assert nav.is_visible()
    for name in ("Safety check", "Plan", "Foot map", "Library", "Practice"):
        link = nav.get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert box is not None
        assert box["height"] >= 44, (name, box)
    fits_and_taps(page)
    if path == "/":
        screenshot(page, "header-menu-open")
    if page.size_name == "phone":
        page.keyboard.press("Escape")
        assert not nav.is_visible()


def test_every_page_has_its_own_title_and_the_icon(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    assert page.title() == "plantar"
    page.goto(live_server + "/map")
    assert page.title() == "Foot map · plantar"
    icon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(live_server + icon)
    assert response.ok
    assert response.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize("path", PAGES)
def test_in_russian_the_header_stays_one_line_and_switches_back(
    page: Any, live_server: str, path: str
) -> None:
    page.goto(live_server + path + ("&" if "?" in path else "?") + "lang=ru")
    assert page.evaluate("document.documentElement.lang") == "ru"
    header = page.locator("header.top").bounding_box()
    assert header is not None
    assert header["height"] <= (64 if page.size_name == "phone" else 80), header
    width = page.evaluate("window.innerWidth")
    parts = ["header .brand", "header .lang-switch"]
    # On a phone the menu's button; on a wide screen the links stand in the line instead.
    parts.append(
        "header .menu > summary" if page.size_name == "phone" else "header nav a >> nth=-1"
    )
    for part in parts:
        box = page.locator(part).bounding_box()
        assert box is not None
        assert box["x"] >= 0, part
        assert box["x"] + box["width"] <= width, part
    fits_and_taps(page)
    # The switch leads back to English and the cookie keeps the choice.
    page.locator("header .lang-switch").click()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.goto(live_server + "/")
    assert page.evaluate("document.documentElement.lang") == "en"
