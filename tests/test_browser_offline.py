"""The installable, offline app in real Chromium (issue 13, item 8): a manifest with icons, a
service worker that keeps the app's pages, the library and the last plans, so that with the
network gone the plan, the player and the library still open, and a page never opened says
so and lists the plans kept; the practice's pages are never kept."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PLAN = "/plan?goals=sleep&minutes=15&answered=1"
PLAYER = "/player?goals=sleep&minutes=15&answered=1"


def test_the_manifest_names_the_app_and_its_icons_load(live_server: str) -> None:
    with urllib.request.urlopen(live_server + "/manifest.webmanifest") as response:
        assert response.headers["Content-Type"].startswith("application/manifest+json")
        manifest = json.load(response)
    assert manifest["short_name"] == "plantar"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    sizes = {i["sizes"] for i in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"])
    for icon in manifest["icons"]:
        with urllib.request.urlopen(live_server + icon["src"]) as got:
            assert got.status == 200


def test_with_the_network_gone_the_kept_pages_still_open(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    assert page.locator('link[rel="manifest"]').count() == 1
    page.wait_for_function(
        "() => navigator.serviceWorker.ready.then(r => !!r.active)", timeout=30_000
    )
    page.reload()  # now under the worker's control
    page.wait_for_function("() => !!navigator.serviceWorker.controller")
    for path in (PLAN, PLAYER, "/library/KI1"):
        page.goto(live_server + path)
    # The library is fetched in the background after install: wait for a page never opened.
    page.wait_for_function(
        """() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n)
             .then(c => c.match('/library/routine_self'))))).then(found => found.some(Boolean))""",
        timeout=60_000,
    )
    page.context.set_offline(True)
    try:
        page.goto(live_server + PLAN)
        assert page.get_by_role("link", name="Start guided session").is_visible()
        page.goto(live_server + PLAYER)
        page.wait_for_function("() => window.plantarPlayer && window.plantarPlayer.state()")
        page.goto(live_server + "/library/routine_self")
        assert "Evening self-massage" in page.locator("h1").inner_text()
        page.goto(live_server + "/plan?goals=fatigue&minutes=7&answered=1")
        assert page.locator("h1").inner_text() == "No network"
        kept = page.locator("[data-kept-plans] a")
        kept.first.wait_for()
        assert any("sleep" in t for t in kept.all_inner_texts())
    finally:
        page.context.set_offline(False)


def test_the_practice_is_never_kept(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(r => !!r.active)")
    page.reload()
    page.goto(live_server + "/login")
    # Nor a page whose address carries health answers (only the last plans are kept).
    page.goto(live_server + "/safety?asked=1&answered=1&conditions=diabetes")
    page.goto(live_server + "/start?step=2&receiver=self&conditions=diabetes")
    kept = page.evaluate(
        """() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n)
             .then(c => c.keys()))))
             .then(lists => lists.flat().map(r => { const u = new URL(r.url);
               return u.pathname + u.search; }))"""
    )
    assert kept
    assert not [p for p in kept if p.startswith(("/login", "/practice", "/safety?", "/start?"))]
