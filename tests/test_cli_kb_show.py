"""``plantar kb show ID`` reads as the library's page does, in either language: every record,
no raw value (True, None, a field's or a value's snake_case name), and in Russian no English
word but codes, names and what is held in English on purpose (an article's quote, as we have
it in translation, and a study's citation, as it was published)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from plantar.cli import cli
from plantar.i18n import use
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.model import record_json
from plantar.library.reading import record_view
from test_i18n_pages import ALLOWED, LATIN_WORD, NAMES, WEB_ADDRESS

KB = load()
SOURCE_ID = re.compile(r"\b[a-z]+:[\w./-]+:")  # "seed:point-kidneys:" leads a source's line
RAW = re.compile(r"\b(?:True|False|None|null)\b|\b[a-z]+_[a-z_]+\b")


def shown(record_id: str, lang: str, kept: list[str] | None = None) -> str:
    """The panel's body (its title names the record's id, a code), unwrapped, without its
    frame, without the ``kept`` parts, the sources' ids and web addresses."""
    result = CliRunner().invoke(
        cli, ["--lang", lang, "kb", "show", record_id], env={"COLUMNS": "4000"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()[1:]
    body = "\n".join(line.strip("│╰─╯ ") for line in lines)
    for part in kept or ():
        body = body.replace(part, " ")
    return WEB_ADDRESS.sub(" ", SOURCE_ID.sub(" ", body))


def held_in_english(kb: KnowledgeBase, record_id: str) -> list[str]:
    """What the record's reading keeps in another language than the reader's: a quote and a
    citation in English, a point's name in pinyin."""
    kind, record = kb.find(record_id) or ("", None)
    assert record is not None
    with use("ru"):
        view = record_view(kind, record_json(kind, record), kb, record)
    kept = [view.lead] if view.lead and view.lead_lang == "en" else []
    kept += [value.text for _name, value in view.facts if value.lang is not None]
    return kept


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_record_shows_a_raw_value(lang: str) -> None:
    raw = {rid: found for rid in KB.ids() if (found := RAW.findall(shown(rid, lang)))}
    assert raw == {}


def test_every_record_in_russian_has_no_english_left() -> None:
    left = {}
    for record_id in KB.ids():
        text = shown(record_id, "ru", held_in_english(KB, record_id))
        words = {w for w in re.findall(LATIN_WORD, text) if not ALLOWED.fullmatch(w)}
        if words - NAMES:
            left[record_id] = sorted(words - NAMES)
    assert left == {}


def test_a_point_says_where_it_is_by_the_article_and_by_the_standard() -> None:
    english, russian = shown("KI1", "en"), shown("KI1", "ru")
    assert "The article" in english
    assert "The standard location" in english  # its name wraps in the narrow label column
    assert "(KI1)" in english
    assert "В статье" in russian
    assert "Стандартное расположение" in russian
    assert "Подошва" in russian  # the view, as a word
    assert "sole" not in russian


def test_a_routine_is_its_steps_with_their_times() -> None:
    routine = KB.find("routine_acupressure")
    assert routine is not None
    text = shown("routine_acupressure", "ru")
    steps = re.findall(r"^шаг (\d+)\s", text, re.MULTILINE)
    assert [int(n) for n in steps] == list(range(1, len(routine[1].steps) + 1))
    assert "Круговое растирание" in text  # the technique, by its name
