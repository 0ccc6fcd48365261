"""Helpers shared by the CLI adapters: loading the data, printing JSON, bad-input errors, the
safety flags and words that ``screen``, ``plan`` and ``guide`` share."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from plantar.errors import BadInput
from plantar.i18n import N_, ngettext
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.model import json_text

F = TypeVar("F", bound=Callable[..., Any])

# The colour of each verdict's heading (and of a check that was not done).
COLOURS: dict[str, str] = {
    "ok": "green",
    "not_checked": "magenta",
    "adapt": "yellow",
    "postpone": "dark_orange",
    "avoid": "red",
}
# Said under every screening and plan, and by ``plantar overview``.
DISCLAIMER = N_(
    "plantar is not medical advice and cannot diagnose. {not_diagnoses} When the screening "
    "says so, or when in doubt, ask a doctor."
)


def disclaimer() -> str:
    """``DISCLAIMER`` in the current language."""
    from plantar.cli.spoken import said

    return said(DISCLAIMER)


def load_kb() -> KnowledgeBase:
    """The knowledge base, or exit 1 listing every data problem (never a traceback)."""
    from plantar.knowledge.problems import KnowledgeError

    try:
        return load()
    except KnowledgeError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        count = len(exc.problems)
        # One English form for any count (as it always said); Russian has its three.
        said = ngettext(
            "{n} problem(s) in the knowledge base", "{n} problem(s) in the knowledge base", count
        )
        click.echo(said.format(n=count), err=True)
        sys.exit(1)


def echo_json(data: Any) -> None:
    """``data`` as the text of every ``--json`` output, on standard output."""
    sys.stdout.write(json_text(data))


def bad_input(problem: BadInput | str) -> NoReturn:
    """Exit with status 2 and the problem on standard error, as click does for usage errors.

    The domain names a field as the JSON API does (``goals``); said here, the field is the
    command's own flag that sets it (``--goal``)."""
    if isinstance(problem, str):
        raise click.UsageError(problem)
    message = problem.message
    flag = flag_of(problem.field)
    if flag != problem.field and message.startswith(problem.field + ":"):
        message = flag + message[len(problem.field) :]
    raise click.UsageError(message)


def flag_of(field: str) -> str:
    """The running command's flag for ``field`` (a parameter's name: ``goals`` is ``--goal``),
    or ``field`` itself when no flag sets it."""
    context = click.get_current_context(silent=True)
    for param in context.command.params if context else ():
        if param.name == field and isinstance(param, click.Option):
            return max(param.opts, key=len)
    return field


def intake_options() -> list[Callable[[F], F]]:
    """``--answered`` and ``--cleared``, shared by ``screen``, ``plan`` and ``guide``."""
    return [
        click.option(
            "--answered",
            is_flag=True,
            help=N_(
                "The person went through every safety question: what is not named does not "
                "apply (without it the check counts as not done)."
            ),
        ),
        click.option(
            "--cleared",
            multiple=True,
            metavar="ID",
            help=N_("A relative contraindication a doctor has cleared for massage (repeatable)."),
        ),
    ]
