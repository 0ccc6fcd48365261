"""Real Chromium under the real CSP: no page needs an inline script, style or handler, and the
API docs (Swagger UI from the package) work with nothing from another host."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import screenshot

pytestmark = pytest.mark.browser
PAGES = (
    "/",
    "/safety",
    "/plan?goals=sleep&minutes=15&answered=1",
    "/player?goals=sleep&minutes=15&answered=1",
    "/map?view=sole",
    "/library/KI1",
)


def _refusals(page: Any) -> list[str]:
    said: list[str] = []
    page.on("console", lambda m: said.append(m.text))
    return said


def test_no_page_breaks_the_content_security_policy(page: Any, live_server: str) -> None:
    said = _refusals(page)
    for url in PAGES:
        page.goto(live_server + url)
        page.wait_for_load_state("networkidle")
    refused = [m for m in said if "Content Security Policy" in m]
    assert refused == []


def test_the_print_button_works_without_an_inline_handler(page: Any, live_server: str) -> None:
    page.goto(live_server + "/plan?goals=sleep&minutes=15&answered=1")
    # (a function, so that Playwright runs it; the bare assignment's value would be called)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1


def test_the_api_docs_render_from_the_package(page: Any, live_server: str) -> None:
    said = _refusals(page)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None,
    )
    page.goto(live_server + "/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "plantar" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 10  # the operations are listed
    assert outside == []
    assert [m for m in said if "Content Security Policy" in m] == []
    screenshot(page, "api-docs")
