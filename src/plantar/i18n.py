"""Which language people read, and the interface's words in it (DESIGN.md, "Language").

One language is current at a time: per command on the CLI, per request on the web
(``use``). What people read asks for it: the interface's words through gettext (``_``,
``ngettext``; catalogs in ``plantar/locale``, compiled by the build from the ``.po`` files),
the knowledge base's texts through ``schema.Text.text()``, the vocabulary through
``label(table, value)``. Ids and codes are never translated.

Imports only the standard library: every layer may use it (``plantar.errors`` too), the CLI's
start-up pays nothing for it, and a catalog is read only when a text in that language is first
rendered. Babel
makes and compiles the catalogs (``make messages``, ``make catalogs``) and formats numbers and
dates for a locale (``plantar.formats``); plural forms come from the catalog's header, which
Babel writes from the CLDR.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

# The languages of every text; English is required, the others fall back to it only where a
# text is not yet translated (tests hold the catalogs and the knowledge base to both).
LANGUAGES: tuple[str, ...] = ("en", "ru")
DEFAULT = "en"
DOMAIN = "plantar"
LOCALE_DIR = Path(__file__).parent / "locale"
# The names of the languages, each in its own language (the switch on every page).
NAMES: dict[str, str] = {"en": "English", "ru": "Русский"}

_current: ContextVar[str] = ContextVar("plantar_language", default=DEFAULT)


class UnknownLanguage(ValueError):
    """A language plantar does not speak. The CLI and the web say it as ``BadInput`` (exit 2,
    HTTP 422) naming the ones it does: ``plantar.errors`` says its words through this module,
    so this module names no error of its own in words."""

    def __init__(self, given: str, where: str) -> None:
        self.given = given
        self.where = where
        super().__init__(where, given)

    def bad_input(self) -> tuple[str, str, tuple[str, ...]]:
        """What ``BadInput`` takes to say it: the field, the value, the valid ones."""
        return self.where, self.given, LANGUAGES


def current() -> str:
    """The language of what is being rendered now."""
    return _current.get()


def checked(lang: str, where: str = "language") -> str:
    """``lang`` when plantar speaks it, else ``UnknownLanguage`` naming the valid ones."""
    wanted = lang.strip().lower()
    if wanted not in LANGUAGES:
        raise UnknownLanguage(lang, where)
    return wanted


@contextlib.contextmanager
def use(lang: str) -> Iterator[str]:
    """Render in ``lang`` inside the block (a command, a request, a test)."""
    token = _current.set(checked(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def _named_in_locale(value: str) -> str | None:
    # "ru_RU.UTF-8", "ru", "ru_UA": the language part; "C", "POSIX" name none.
    head = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return head if head in LANGUAGES else None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The CLI's language without ``--lang``: ``PLANTAR_LANG``, else ``ru`` when the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in POSIX's order) names Russian, else English."""
    env = os.environ if environ is None else environ
    chosen = env.get("PLANTAR_LANG", "").strip()
    if chosen:
        return checked(chosen, "PLANTAR_LANG")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return "ru" if _named_in_locale(value) == "ru" else DEFAULT
    return DEFAULT


def from_accept_language(header: str | None) -> str | None:
    """The best language of an ``Accept-Language`` header that plantar speaks, if any
    (RFC 9110: comma-separated ranges with optional ``q`` weights; ``q=0`` means "not")."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        lang = _named_in_locale(tag) if tag and tag != "*" else None
        if lang and weight > 0:
            ranked.append((-weight, order, lang))
    return min(ranked)[2] if ranked else None


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English is the source: its own words)."""
    if checked(lang) == DEFAULT:
        return _gettext.NullTranslations()
    try:
        return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])
    except FileNotFoundError as exc:
        raise RuntimeError(
            f"the {NAMES[lang]} catalog is not compiled ({LOCALE_DIR}/{lang}/LC_MESSAGES/"
            f"{DOMAIN}.mo); run `make catalogs` or reinstall plantar"
        ) from exc


def gettext(message: str) -> str:
    """``message`` (its English words, the catalog's key) in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language (Russian has three: 1 минута, 2 минуты,
    5 минут), from the catalog's plural rule."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in a context that tells two same English words apart (``"foot"``)."""
    return translations(current()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """``ngettext`` in a context: the same English words in another grammatical case (a
    duration after "from" or "to" is genitive in Russian: до 1 минуты, до 5 минут)."""
    return translations(current()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (said where shown)."""
    return message


_ = gettext


class Words(Mapping[str, str]):
    """A table of sentences kept in English (the catalog's keys, marked for extraction with
    ``N_``) and said in the current language whenever one is looked up: module-level tables
    stay tables, and each reading is in the language of the request or command asking."""

    def __init__(self, english: Mapping[str, str]) -> None:
        self._english = dict(english)

    def __getitem__(self, key: str) -> str:
        return gettext(self._english[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)
