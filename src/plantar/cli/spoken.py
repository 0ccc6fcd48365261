"""Click in the current language.

Help texts are written once, in English (the catalog's keys, marked with ``N_``), and said in
the language of the command when the help is shown: the formatter translates each paragraph
and each option's help as it writes them. Click's own words ("Usage:", "Options", "Error",
"… is not one of …") come from its ``gettext`` calls, which are pointed at plantar's catalog;
``make messages`` gathers them from click's source with plantar's own.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterable

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types
import click.utils

from plantar import i18n

# Click's modules that call ``_``/``ngettext`` (``from gettext import gettext as _``).
_CLICK_MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
    click.utils,
)


def notices(text: str) -> str:
    """``text`` with the vocabulary's small print where it names it (``{not_diagnoses}``...),
    in the current language: a help text says it in the vocabulary's own words."""
    if "{not_" not in text:
        return text
    from plantar.knowledge.vocabulary import NOTICES

    return text.format_map({term.id: NOTICES.label(term.id) for term in NOTICES.terms})


def said(text: str) -> str:
    """``text`` in the current language: as a whole, or, for an option's help that click has
    given its bracketed extras ("  [default: 8000]"), the help before them."""
    if not text:
        return text
    found = i18n.gettext(text)
    if found == text and i18n.current() != i18n.DEFAULT:
        head, sep, extras = text.rpartition("  [")
        if head and extras.endswith("]"):
            found = i18n.gettext(head) + sep + extras
    return notices(found)


class Formatter(click.HelpFormatter):
    """Writes help in the current language."""

    def write_text(self, text: str) -> None:
        super().write_text(said(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, said(value)) for term, value in rows], col_max, col_spacing)


class Group(click.Group):
    """A group listing its commands' short help in the current language (translated whole,
    then shortened, as the catalog holds the whole help)."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                shown.append((name, command))
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in shown)
        rows: list[tuple[str, str]] = []
        for name, command in shown:
            spoken = copy.copy(command)  # said whole, then shortened as click shortens
            spoken.help = said(inspect.cleandoc(command.help)) if command.help else None
            spoken.short_help = said(command.short_help) if command.short_help else None
            rows.append((name, spoken.get_short_help_str(limit)))
        with formatter.section(i18n.gettext("Commands")):
            formatter.write_dl(rows)


# Help texts click makes on every run (its --help option's) but shows only in the help: the
# formatter says them then, so a command that shows no help never reads the catalog.
_SAID_WHEN_SHOWN = frozenset({"Show this message and exit."})


def _click_gettext(message: str) -> str:
    return message if message in _SAID_WHEN_SHOWN else i18n.gettext(message)


def speak() -> None:
    """Point click's words at plantar's catalog and its help at ``Formatter`` (idempotent)."""
    for module in _CLICK_MODULES:
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    click.Context.formatter_class = Formatter
