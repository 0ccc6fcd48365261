"""The ``plantar`` command as click runs it: one group whose subcommands are imported only
when used.

Start-up time matters (``plantar kb show KI1`` is budgeted at 6x an empty Python), so the
group knows its subcommands by module path and imports the one that runs; ``plantar.cli.main``
answers ``kb show ID --json`` without importing click at all (``plantar.cli.quick``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from plantar import __version__, i18n
from plantar.cli import spoken
from plantar.i18n import N_, _

# name -> (module, attribute, one-line help shown by `plantar --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "kb": ("plantar.cli.kb", "kb", N_("Browse, search and check the knowledge base.")),
    "serve": ("plantar.cli.serve", "serve", N_("Serve the web app and the JSON API.")),
    "overview": ("plantar.cli.overview", "overview", N_("What plantar knows, at a glance.")),
    "users": ("plantar.cli.users", "users", N_("Accounts of the practice journal.")),
    "backup": ("plantar.cli.backup", "backup", N_("Back up the practice journal to a file.")),
    "restore": (
        "plantar.cli.backup",
        "restore",
        N_("Restore the practice journal from a backup."),
    ),
    "screen": (
        "plantar.cli.screen",
        "screen",
        N_("Is a foot massage safe now? Verdict and reasons."),
    ),
    "plan": ("plantar.cli.plan", "plan_command", N_("A timed session for your goals, explained.")),
    "map": (
        "plantar.cli.map",
        "map_command",
        N_("Draw the foot map: zones, points, a plan, pain."),
    ),
    "guide": (
        "plantar.cli.guide",
        "guide_command",
        N_("Follow a session hands-free, step by step."),
    ),
}
spoken.speak()


def _lang_in(args: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command's name, when it is one plantar speaks."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        elif arg.startswith("-"):
            continue
        else:
            return None  # the command's name: its own options come after
        return value if value in i18n.LANGUAGES else None
    return None


class LazyGroup(click.Group):
    def main(self, args: Sequence[str] | None = None, *pos: Any, **kwargs: Any) -> Any:
        """The whole run in the language asked for, its errors too: click shows a usage error
        after the command's context (and the ``--lang`` it set) has closed."""
        given = _lang_in(sys.argv[1:] if args is None else list(args))
        with i18n.use(given or i18n.current()):
            return super().main(args, *pos, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)  # spoken.Formatter says each in the current language


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "plantar: a foot-massage companion.\n\n"
        "{not_medical_advice} {not_diagnoses} When in doubt, ask a doctor."
    ),
)
@click.version_option(__version__, prog_name="plantar")
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    expose_value=False,
    is_eager=True,
    # Current until the command ends (``with_resource``), so one process may run many.
    callback=lambda ctx, param, value: value and ctx.with_resource(i18n.use(value)),
    help=N_(
        "The language plantar speaks: en or ru. Default: PLANTAR_LANG, else the locale "
        "(ru when LC_ALL, LC_MESSAGES or LANG names Russian), else en."
    ),
)
def cli() -> None:
    """The ``plantar`` group (its help is the vocabulary's small print, above)."""


def run() -> None:
    """The whole command line, said in the language of the environment (or of ``--lang``)."""
    try:
        lang = i18n.from_environment()
    except i18n.UnknownLanguage as exc:
        from plantar.errors import BadInput

        said = BadInput(*exc.bad_input()).message
        click.echo(_("Error: {message}").format(message=said), err=True)
        raise SystemExit(2) from exc
    with i18n.use(lang):
        cli(prog_name="plantar")
