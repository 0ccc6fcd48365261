"""The guided player and the home journal in Russian, in real Chromium: the words the scripts
show come from the page (``?lang=ru``), and the voice speaks Russian only with a Russian voice.

The browser's speech engine is replaced by a recorder (``SPEECH``): it lists the voices a test
gives it and keeps what would have been said, with the voice and language asked for. Headless
Chromium has no voice of its own, which is the case of a browser with no Russian voice: the
page says so and speaks nothing, rather than read Russian in an English voice.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from plantar.guide.timeline import READY_SECONDS

pytestmark = pytest.mark.browser

PLAYER = "/player?goals=sleep&minutes=5&answered=1&speed=600"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")

# The recorder: window.__voices (what the browser "has"), window.__spoken (what was said).
SPEECH = """
window.__spoken = [];
window.__voices = %s;
window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; };
speechSynthesis.getVoices = function () { return window.__voices; };
speechSynthesis.cancel = function () {};
speechSynthesis.speak = function (u) {
  window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
};
"""
ENGLISH_ONLY = '[{"name": "English", "lang": "en-US", "localService": true, "default": true}]'
WITH_RUSSIAN = (
    '[{"name": "English", "lang": "en-US", "localService": true, "default": true},'
    ' {"name": "Russian (remote)", "lang": "ru-RU", "localService": false, "default": false},'
    ' {"name": "Russian", "lang": "ru_RU", "localService": true, "default": false},'
    ' {"name": "Ukrainian", "lang": "uk-UA", "localService": true, "default": false}]'
)


def _open(page: Any, base: str, lang: str, voices: str | None, path: str = PLAYER) -> None:
    if voices is not None:
        page.add_init_script(SPEECH % voices)
    page.goto(f"{base}{path}&lang={lang}")
    page.wait_for_function("() => window.plantarPlayer && window.plantarPlayer.state()")


def _start(page: Any) -> None:
    page.locator("#pause").click()


def _spoken(page: Any) -> list[dict[str, Any]]:
    said: list[dict[str, Any]] = page.evaluate("window.__spoken")
    return said


def _russian(text: str) -> bool:
    return bool(CYRILLIC.search(text)) and not LATIN_WORD.search(text)


def test_without_a_russian_voice_the_page_says_so_and_speaks_nothing(
    page: Any, live_server: str
) -> None:
    _open(page, live_server, "ru", ENGLISH_ONLY)
    note = page.locator("#no-voice")
    note.wait_for(state="visible", timeout=5000)
    _start(page)
    page.wait_for_function("() => window.plantarPlayer.state().phase === 'step'")
    assert page.locator("#cue").text_content()  # the cue is still in the page
    assert _spoken(page) == []  # never Russian in the English voice


def test_headless_chromium_has_no_voice_and_the_note_shows(page: Any, live_server: str) -> None:
    _open(page, live_server, "ru", None)
    if page.evaluate("speechSynthesis.getVoices().some(v => v.lang.startsWith('ru'))"):
        pytest.skip("this Chromium has a Russian voice")
    page.locator("#no-voice").wait_for(state="visible", timeout=5000)


def test_a_russian_voice_speaks_the_russian_page(page: Any, live_server: str) -> None:
    _open(page, live_server, "ru", WITH_RUSSIAN)
    page.wait_for_timeout(1700)  # past the wait for a late list of voices
    assert not page.locator("#no-voice").is_visible()
    _start(page)
    page.wait_for_function("() => window.__spoken.length > 0")
    first = _spoken(page)[0]
    # ru-RU on this device first (written ru_RU by some systems), never the English default.
    assert (first["voice"], first["lang"]) == ("Russian", "ru-RU")


def test_voices_that_come_late_are_used(page: Any, live_server: str) -> None:
    _open(page, live_server, "ru", "[]")
    page.evaluate(
        "window.__voices = [{name: 'Milena', lang: 'ru-RU', localService: true}];"
        "speechSynthesis.dispatchEvent(new Event('voiceschanged'))"
    )
    assert not page.locator("#no-voice").is_visible()
    _start(page)
    page.wait_for_function("() => window.__spoken.length > 0")
    assert _spoken(page)[0]["voice"] == "Milena"


def test_an_english_page_speaks_as_before_with_the_default_voice(
    page: Any, live_server: str
) -> None:
    _open(page, live_server, "en", ENGLISH_ONLY)
    _start(page)
    page.wait_for_function("() => window.__spoken.length > 0")
    said = f"Starting in {READY_SECONDS} seconds."
    assert _spoken(page)[0] == {"text": said, "lang": "", "voice": None}
    assert not page.locator("#no-voice").is_visible()


def test_the_russian_player_and_journal_show_russian_words(page: Any, live_server: str) -> None:
    page.clock.install()
    _open(page, live_server, "ru", ENGLISH_ONLY, path=PLAYER.replace("&speed=600", ""))
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.locator("#pause").click()
    assert _spoken(page) == []
    assert _russian(page.locator("#step-title").inner_text())  # Начинаем через
    assert _russian(page.locator("#step-instruction").inner_text())
    assert _russian(page.locator("#pause").inner_text())  # Пауза
    step_count = page.locator("#step-count").inner_text()
    assert re.fullmatch(r"Шаг 1 из \d+", step_count), step_count
    page.locator("#pause").click()
    assert page.locator("#pause").inner_text() == "Продолжить"
    assert _russian(page.locator("#progress").get_attribute("aria-valuetext").replace(":", ""))
    page.locator("#pause").click()
    page.clock.run_for(READY_SECONDS * 1000 + 500)
    assert _russian(page.locator("#step-next").inner_text().split(":")[0])  # Следующий шаг
    page.clock.run_for(10 * 60 * 1000)
    page.wait_for_selector("#finished:not([hidden])", timeout=30_000)
    summary = page.locator("#summary").inner_text()
    assert re.fullmatch(r"Вы выполнили \d+ из \d+ шаг(а|ов)\.", summary), summary
    journal = page.locator("[data-journal]")
    journal.locator('[name="pain_before"]').fill("6")
    journal.locator('[name="pain_after"]').fill("3")
    journal.locator("button[type=submit]").click()
    status = page.locator("[data-journal-local]")
    status.get_by_role("link").wait_for()
    assert _russian(status.inner_text()), status.inner_text()
    status.get_by_role("link").click()
    entry = page.locator("ol.entries > li").first
    entry.wait_for()
    # The date as Russian writes it, the counts in Russian; the plan's own title aside.
    shown = entry.inner_text().replace(entry.locator("a").inner_text(), "")
    assert _russian(shown), shown
    assert _russian(page.locator("[data-chart] svg").get_attribute("aria-label"))
    assert _russian(entry.locator("button").inner_text())
