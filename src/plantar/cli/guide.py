"""``plantar guide``: follow a plan hands-free, with a countdown and a cue at each step.

Takes the same options as ``plantar plan`` (or ``--routine ID``), plus ``--quiet`` (no cues)
and ``--speed N`` (the clock runs N times faster: demos and tests). Exit status: 0 when the
session ran (to the end or until quit), 3 when massage is not advised now, 2 for bad input.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from plantar.cli.common import bad_input
from plantar.cli.plan import make_plan, request_options, show_plan
from plantar.errors import BadInput
from plantar.i18n import N_, _


@click.command(
    "guide",
    help=N_(
        "Guide a session live: current step, countdown, next step; space n b q to "
        "steer.\n\nExample: plantar guide --goal sleep --minutes 15 --time-of-day evening"
    ),
)
@request_options
@click.option("--quiet", is_flag=True, help=N_("No spoken cue or bell at step changes."))
@click.option(
    "--speed", type=float, default=1.0, show_default=True, help=N_("Run the clock N times faster.")
)
def guide_command(quiet: bool, speed: float, **flags: Any) -> None:
    if not speed > 0:
        bad_input(BadInput("speed", speed, _("a number above 0")))
    result = make_plan(**flags)
    if not result.advised:
        show_plan(result)
        sys.exit(3)
    from rich.console import Console
    from rich.text import Text

    from plantar.guide.cues import choose
    from plantar.guide.player import play

    console = Console()
    # What must be read before the steps (an unanswered safety check, weak evidence) is shown
    # before the clock starts, as on every other surface.
    for warning in result.warnings:
        console.print(Text.assemble(("! ", "bold yellow"), warning), highlight=False)
    summary = play(result, choose(quiet, sys.stdout), console, speed)
    for line in summary.lines():
        console.print(line, highlight=False)
    if summary.completed and result.aftercare:
        console.print("[bold]" + _("Afterwards:") + "[/] " + " ".join(result.aftercare))
