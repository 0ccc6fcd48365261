"""Choosing the language (DESIGN.md, "Language"), and the catalogs that speak it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from fastapi.testclient import TestClient

from plantar import i18n
from plantar.errors import BadInput
from plantar.planner.explain import spoken_duration, written_duration, written_span
from plantar.web.app import create_app

LOCALE = Path(i18n.__file__).parent / "locale"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "ru"}, "ru"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        # POSIX's order: LC_ALL, then LC_MESSAGES, then LANG; the first one set decides.
        ({"LC_ALL": "C.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ru_UA.UTF-8", "LANG": "en_US.UTF-8"}, "ru"),
        # PLANTAR_LANG before any locale.
        ({"PLANTAR_LANG": "en", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"PLANTAR_LANG": "RU"}, "ru"),
    ],
)
def test_the_cli_language_comes_from_plantar_lang_then_the_locale(
    environ: dict[str, str], expected: str
) -> None:
    assert i18n.from_environment(environ) == expected


def test_a_language_plantar_does_not_speak_names_the_ones_it_does() -> None:
    with pytest.raises(i18n.UnknownLanguage) as caught:
        i18n.from_environment({"PLANTAR_LANG": "de"})
    said = BadInput(*caught.value.bad_input()).message  # as the CLI and the web say it
    assert said.startswith("PLANTAR_LANG: 'de' is not valid; expected one of: en, ru")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("de-DE, en;q=0.5", "en"),
        ("en;q=0.4, ru;q=0.6", "ru"),
        ("ru;q=0, en", "en"),
        ("*", None),
        ("de, fr", None),
        ("ru;q=bad, en;q=0.1", "en"),
        ("", None),
        (None, None),
    ],
)
def test_accept_language_picks_the_best_language_plantar_speaks(
    header: str | None, expected: str | None
) -> None:
    assert i18n.from_accept_language(header) == expected


def test_russian_counts_take_their_three_plural_forms() -> None:
    with i18n.use("ru"):
        assert [written_duration(m * 60) for m in (1, 2, 5, 11, 21, 22, 25)] == [
            "1 минута",
            "2 минуты",
            "5 минут",
            "11 минут",
            "21 минута",
            "22 минуты",
            "25 минут",
        ]
        assert written_duration(90) == "полторы минуты"
        assert written_duration(750) == "12½ минуты"
        assert written_duration(45) == "45 секунд"
        assert spoken_duration(65) == "примерно минута"
        assert written_span(1500, 2160) == "примерно 25\u201336 минут"  # an en dash
    # English is unchanged, and the language ends with its block.
    assert written_duration(750) == "12½ minutes"
    assert spoken_duration(150) == "two and a half minutes"
    assert i18n.current() == "en"


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)


def test_every_catalog_entry_is_translated_and_none_is_fuzzy() -> None:
    template = LOCALE / "plantar.pot"
    with template.open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    for lang in i18n.LANGUAGES[1:]:
        with (LOCALE / lang / "LC_MESSAGES" / "plantar.po").open("rb") as f:
            catalog = read_po(f, locale=lang)
        held = {}
        for m in catalog:
            if m.id:
                held[m.id if isinstance(m.id, str) else m.id[0]] = m
        assert wanted <= set(held), sorted(wanted - set(held))[:10]
        empty = [
            k
            for k, m in held.items()
            if not all(m.string if isinstance(m.string, tuple) else [m.string])
        ]
        assert empty == []
        fuzzy = [k for k, m in held.items() if m.fuzzy]
        assert fuzzy == []
        obsolete = sorted(catalog.obsolete)
        assert obsolete == []


def test_the_catalog_knows_every_word_the_sources_mark(tmp_path: Path) -> None:
    """The committed template is what `make messages` extracts from the sources today."""
    fresh = tmp_path / "plantar.pot"
    root = Path(i18n.__file__).parent
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            str(root.parent.parent / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "-k",
            "pgettext:1c,2",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            str(root),
            str(Path(click.__file__).parent),  # click's own words, as `make messages` takes them
        ],
        check=True,
    )

    def ids(path: Path) -> set[str]:
        with path.open("rb") as f:
            return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}

    assert ids(fresh) == ids(LOCALE / "plantar.pot"), "run `make messages`"


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_a_page_is_said_in_the_language_asked_and_remembers_it(client: TestClient) -> None:
    page = client.get("/", params={"lang": "ru"})
    assert page.status_code == 200
    assert '<html lang="ru">' in page.text
    assert page.headers["content-language"] == "ru"
    assert "plantar_lang=ru" in page.headers["set-cookie"]
    assert ">Контраст<" in page.text  # the menu's short form (pgettext "menu")
    # The switch offers English, on this same page.
    assert 'hreflang="en">English</a>' in page.text
    again = client.get("/")  # the cookie keeps it
    assert '<html lang="ru">' in again.text


def test_without_a_choice_accept_language_decides(client: TestClient) -> None:
    russian = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"})
    assert '<html lang="ru">' in russian.text
    assert (
        "set-cookie" not in russian.headers or "plantar_lang" not in russian.headers["set-cookie"]
    )
    english = client.get("/", headers={"Accept-Language": "de-DE,en;q=0.5"})
    assert '<html lang="en">' in english.text
    assert "High contrast" in english.text


def test_a_language_it_does_not_speak_is_a_422_naming_the_valid_ones(client: TestClient) -> None:
    page = client.get("/", params={"lang": "de"})
    assert page.status_code == 422
    assert "lang: &#39;de&#39; is not valid; expected one of: en, ru" in page.text
    api = client.get("/api/v1/kb/points", params={"lang": "xx"})
    assert api.status_code == 422
    assert api.json()["field"] == "lang"
    assert "expected one of: en, ru" in api.json()["detail"]


def test_the_cli_takes_lang_and_plantar_lang() -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "plantar", "overview"],
        env={"PLANTAR_LANG": "de", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "PLANTAR_LANG: 'de' is not valid; expected one of: en, ru" in bad.stderr
    flag = subprocess.run(
        [sys.executable, "-m", "plantar", "--lang", "xx", "overview"],
        capture_output=True,
        text=True,
    )
    assert flag.returncode == 2
    assert "'xx' is not one of 'en', 'ru'" in flag.stderr


def test_the_cli_speaks_russian_in_its_help_and_its_errors() -> None:
    from plantar.cli import cli

    runner = CliRunner()
    shown = runner.invoke(cli, ["--lang", "ru", "--help"])
    assert shown.exit_code == 0
    assert "Использование: " in shown.output
    assert "Параметры:" in shown.output
    assert "Команды:" in shown.output
    assert "Показать эту справку и выйти." in shown.output
    assert "Не медицинская консультация." in shown.output  # the vocabulary's small print
    for word in ("Usage", "Options", "Commands", "Show this", "Browse", "knowledge"):
        assert word not in shown.output, word
    kb = runner.invoke(cli, ["--lang", "ru", "kb", "--help"])
    assert "Проверить все файлы данных" in kb.output  # a subcommand's short help, shortened
    bad = runner.invoke(cli, ["--lang", "ru", "kb", "list", "nope"])
    assert bad.exit_code == 2
    assert "Ошибка: Недопустимое значение" in bad.output  # said after the command's context
    assert "'nope' — не одно из:" in bad.output
    english = runner.invoke(cli, ["kb", "list", "nope"])
    assert "Error: Invalid value" in english.output  # and English stays English


def test_the_cli_help_in_english_is_as_it_was() -> None:
    from plantar.cli import cli

    shown = CliRunner().invoke(cli, ["--help"]).output
    assert "Usage: cli [OPTIONS] COMMAND [ARGS]..." in shown
    assert "plantar: a foot-massage companion." in shown
    assert "Not medical advice. Reflex-zone correspondences are traditional beliefs" in " ".join(
        shown.split()
    )


def test_a_command_that_says_no_words_never_reads_the_catalog() -> None:
    """Choosing a language costs nothing until a text is said: `kb show --json` prints data
    (both languages of each text), so the Russian catalog is never opened."""
    from plantar.cli import cli

    i18n.translations.cache_clear()
    shown = CliRunner().invoke(cli, ["--lang", "ru", "kb", "show", "KI1", "--json"])
    assert shown.exit_code == 0
    assert '"ru": "Юн-цюань (KI1)' in shown.output
    assert i18n.translations.cache_info().currsize == 0
    said = CliRunner().invoke(cli, ["--lang", "ru", "kb", "show", "KI1"])  # words: it is read
    assert "Свод стопы" in said.output
    assert i18n.translations.cache_info().currsize == 1
