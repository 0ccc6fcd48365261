"""Every page is light on the wire (issue 13, item 9): the document and everything it loads,
as the browser counts it (compressed transfer sizes), at most 150 KB."""

from __future__ import annotations

from typing import Any

import pytest

from test_browser_axe import HOME_PAGES

pytestmark = pytest.mark.browser

LIMIT = 150 * 1024
WEIGHT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const parts = performance.getEntriesByType('resource')
    .map(r => [r.name, r.transferSize || r.encodedBodySize]);
  return {document: nav.transferSize || nav.encodedBodySize, parts};
}"""


@pytest.mark.parametrize("path", HOME_PAGES)
def test_each_page_weighs_at_most_150_kb(browser: Any, live_server: str, path: str) -> None:
    # A fresh context each time: nothing cached, no service worker yet (the first visit).
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(live_server + path, wait_until="load")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy pictures too
        page.wait_for_load_state("networkidle")
        weight = page.evaluate(WEIGHT)
    finally:
        context.close()
    total = weight["document"] + sum(size for _, size in weight["parts"])
    heaviest = sorted(weight["parts"], key=lambda p: -p[1])[:3]
    assert total <= LIMIT, f"{path}: {total} bytes; heaviest {heaviest}"
