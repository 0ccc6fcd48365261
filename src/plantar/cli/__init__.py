"""The ``plantar`` command: one click group whose subcommands are imported only when used.

Start-up time matters (``plantar kb show KI1`` is budgeted at 6x an empty Python), so the
group knows its subcommands by module path and imports the one that runs.
"""

from __future__ import annotations

import importlib

import click

from plantar import __version__, i18n
from plantar.knowledge.vocabulary import NOT_DIAGNOSES, NOT_MEDICAL_ADVICE

# name -> (module, attribute, one-line help shown by `plantar --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "kb": ("plantar.cli.kb", "kb", "Browse, search and check the knowledge base."),
    "serve": ("plantar.cli.serve", "serve", "Serve the web app and the JSON API."),
    "overview": ("plantar.cli.overview", "overview", "What plantar knows, at a glance."),
    "users": ("plantar.cli.users", "users", "Accounts of the practice journal."),
    "backup": ("plantar.cli.backup", "backup", "Back up the practice journal to a file."),
    "restore": ("plantar.cli.backup", "restore", "Restore the practice journal from a backup."),
    "screen": ("plantar.cli.screen", "screen", "Is a foot massage safe now? Verdict and reasons."),
    "plan": ("plantar.cli.plan", "plan_command", "A timed session for your goals, explained."),
    "map": ("plantar.cli.map", "map_command", "Draw the foot map: zones, points, a plan, pain."),
    "guide": ("plantar.cli.guide", "guide_command", "Follow a session hands-free, step by step."),
}


class LazyGroup(click.Group):
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
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="plantar: a foot-massage companion.\n\n"
    f"{NOT_MEDICAL_ADVICE} {NOT_DIAGNOSES} When in doubt, ask a doctor.",
)
@click.version_option(__version__, prog_name="plantar")
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    expose_value=False,
    is_eager=True,
    # Current until the command ends (``with_resource``), so one process may run many.
    callback=lambda ctx, param, value: value and ctx.with_resource(i18n.use(value)),
    help="The language plantar speaks: en or ru. Default: PLANTAR_LANG, else the locale "
    "(ru when LC_ALL, LC_MESSAGES or LANG names Russian), else en.",
)
def cli() -> None:
    """The ``plantar`` group (its help is the vocabulary's small print, above)."""


def main() -> None:
    try:
        lang = i18n.from_environment()
    except i18n.UnknownLanguage as exc:
        click.echo(f"Error: {exc.message}", err=True)
        raise SystemExit(2) from exc
    with i18n.use(lang):
        cli(prog_name="plantar")
