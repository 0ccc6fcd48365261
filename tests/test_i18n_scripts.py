"""The browser scripts of the home side (player.js, journal.js, prefs.js) take every word a
person reads or hears from the page: the templates put them, in the page's language, in a
JSON block (``#player-words``, ``#journal-words``, ``#prefs-words``), as patterns with named
holes the script fills (``"Step {number} of {count}"``) and, for a count, its plural forms
keyed by the categories of ``Intl.PluralRules`` (English one/other, Russian one/few/many).

Held here: no string literal of those scripts is an English sentence (ids, event names, CSS
classes, storage keys, MIME types and selectors are not); the English blocks say what the
scripts said before, word for word; a Russian page's blocks are Russian, with the same holes
as the English (the script fills them by name), and every plural category Russian needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plantar.web.app import create_app

STATIC = Path(__file__).resolve().parent.parent / "src" / "plantar" / "web" / "static"
SCRIPTS = ("player.js", "journal.js", "prefs.js", "practice.js")
PLAYER = "/player?goals=sleep&minutes=15&answered=1"

HOLE = re.compile(r"\{(\w+)\}")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# A machine token: an id, a storage key, an event or key name, a CSS class, a MIME type, a
# selector, a URL (no space, no capital letter), or a property's camelCase name.
TOKEN = re.compile(r"^[a-z0-9_.:/#*+=\-\[\]\"'^$()]*$|^[a-z]+(?:[A-Z][a-z]+)+$")
# The literals of those scripts that are not for people to read but have a capital letter or
# a space: DOM names, key names, CSS and the SVG namespace.
MACHINE = frozenset(
    {
        "use strict",
        "DOMContentLoaded",
        "Escape",
        "Spacebar",
        "SELECT",
        "TEXTAREA",
        "INPUT",
        "(min-width: 48rem)",
        "0 0 ",
        "foot-badge foot-",
        "secondary small",
        # practice.js: selectors, a key, HTTP's words and a hole the page's pattern has.
        '[data-kind="region"], [data-kind="zone"]',
        '[data-kind="zone"], [data-kind="region"]',
        "Enter",
        "POST",
        "Content-Type",
        "X-CSRF-Token",
        "{name}",
    }
)


def string_literals(source: str) -> list[str]:
    """The string literals of a script (quotes and template literals), with its comments and
    regular-expression literals set aside."""
    out: list[str] = []
    i, n = 0, len(source)
    last = ""  # the last significant character, to tell a regex's "/" from a division
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
            continue
        if source.startswith("/*", i):
            i = source.index("*/", i) + 2
            continue
        if c in "\"'`":
            j, text = i + 1, []
            while source[j] != c:
                if source[j] == "\\":
                    text.append(source[j : j + 2])
                    j += 2
                    continue
                text.append(source[j])
                j += 1
            out.append("".join(text))
            i, last = j + 1, c
            continue
        if c == "/" and (last == "" or last in "(,=:[!&|?{};+-*%<>~^" or _after_keyword(source, i)):
            j, in_class = i + 1, False
            while source[j] != "/" or in_class:
                if source[j] == "\\":
                    j += 2
                    continue
                if source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                j += 1
            i, last = j + 1, "/"
            continue
        if not c.isspace():
            last = c
        i += 1
    return out


def _after_keyword(source: str, at: int) -> bool:
    before = source[:at].rstrip()
    return bool(re.search(r"\b(return|typeof|case|in|of)$", before))


def prose(literal: str) -> bool:
    """A literal a person would read: it has a word of three letters or more, and is neither a
    machine token nor one of the scripts' DOM, CSS or key names."""
    if not LATIN_WORD.search(literal) or literal in MACHINE:
        return False
    return not TOKEN.match(literal)


def test_the_literal_reader_finds_sentences_and_passes_tokens() -> None:
    found = string_literals(
        'var a = "Step " + n; // "Not this"\n/* "nor this" */ x = /[",\\n]/.test(s);'
        " y = 'plantar.journal'; z = `Well done`; w = a / 2 / 3; q = \"data-x\";"
    )
    assert found == ["Step ", "plantar.journal", "Well done", "data-x"]
    assert [prose(s) for s in found] == [True, False, True, False]
    assert prose(" · pain ")
    assert prose("Delete")
    assert prose("now the right foot")
    assert not prose("speechSynthesis")
    assert prose("Now the right foot")
    assert not prose("[data-journal-local]")
    assert not prose("http://www.w3.org/2000/svg")


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_scripts_say_no_english_sentence_of_their_own(script: str) -> None:
    literals = string_literals((STATIC / script).read_text(encoding="utf-8"))
    assert len(literals) > 10  # the reader read the script
    assert [s for s in literals if prose(s)] == []


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


def words(client: TestClient, path: str, block: str, lang: str) -> dict[str, Any]:
    client.cookies.clear()
    page = client.get(path + ("&" if "?" in path else "?") + "lang=" + lang)
    assert page.status_code == 200
    found = re.search(rf'<script [^>]*id="{block}"[^>]*>(.*?)</script>', page.text, re.S)
    assert found is not None, (path, block)
    said: dict[str, Any] = json.loads(found.group(1))
    return said


BLOCKS = (
    (PLAYER, "player-words"),
    (PLAYER, "journal-words"),
    ("/journal", "journal-words"),
    ("/", "prefs-words"),
    ("/offline", "prefs-words"),
)


def test_the_english_words_are_the_scripts_former_ones(client: TestClient) -> None:
    player = words(client, PLAYER, "player-words", "en")
    assert player["speech_lang"] == ""  # an English page speaks with the default voice
    assert player["step_count"] == "Step {number} of {count}"
    assert player["starting_in"] == "Starting in"
    assert player["starting_in_say"]["one"] == "Starting in {n} second."
    assert player["starting_in_say"]["other"] == "Starting in {n} seconds."
    assert player["summary"]["other"] == "You did {done} of {count} steps."
    assert (player["start"], player["pause"], player["resume"]) == ("Start", "Pause", "Resume")
    assert player["progress"] == "{position} of {total}"
    assert player["next_step"] == "Next: {step}"
    journal = words(client, "/journal", "journal-words", "en")
    assert journal["session_of_course"] == "Session {number} of {count} of this plan"
    assert journal["steps_done"]["other"] == "{done} of {count} steps"
    assert journal["restored"]["other"] == "Restored {count} sessions."
    assert journal["nothing_restored"] == (
        "Nothing restored: {reason}. Choose a file made by “Export JSON”."
    )
    assert journal["csv_columns"] == [
        "started", "plan", "title", "seconds", "steps_done", "steps",
        "pain_before", "pain_after", "note",
    ]  # fmt: skip
    prefs = words(client, "/", "prefs-words", "en")
    assert prefs == {"kept_session": "Guided session: {what}", "kept_plan": "Plan: {what}"}


def _texts(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _texts(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _texts(inner, f"{where}[{i}]")
    else:
        yield where, value


@pytest.mark.parametrize(("path", "block"), BLOCKS)
def test_a_russian_page_gives_its_scripts_russian_words_with_the_same_holes(
    client: TestClient, path: str, block: str
) -> None:
    english = dict(_texts(words(client, path, block, "en")))
    russian = dict(_texts(words(client, path, block, "ru")))
    english.pop(".speech_lang", None)  # a voice's language, not a word
    russian.pop(".speech_lang", None)
    assert russian.keys() == english.keys()
    holes = {k: sorted(HOLE.findall(v)) for k, v in english.items() if v}
    assert {k: sorted(HOLE.findall(v)) for k, v in russian.items() if v} == holes
    untranslated = {
        key: text for key, text in russian.items() if not CYRILLIC.search(HOLE.sub("", text))
    }
    assert untranslated == {}


def test_a_russian_player_speaks_russian_in_three_plural_forms(client: TestClient) -> None:
    player = words(client, PLAYER, "player-words", "ru")
    assert player["speech_lang"] == "ru-RU"
    ready = player["starting_in_say"]
    # 1 секунду, 2 секунды, 5 секунд: three different forms, one per category.
    assert len({ready["one"], ready["few"], ready["many"]}) == 3
    client.cookies.clear()
    note = re.search(r'<p id="no-voice"[^>]*>(.*?)</p>', client.get(PLAYER + "&lang=ru").text)
    assert note is not None
    assert CYRILLIC.search(note.group(1))
    assert not LATIN_WORD.search(note.group(1))
    restored = words(client, "/journal", "journal-words", "ru")["restored"]
    assert len({restored["one"], restored["few"], restored["many"]}) == 3
