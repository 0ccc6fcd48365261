"""``plantar plan``: the best session for your goals and minutes, step by step.

A thin adapter over ``plantar.planner``: flags become a ``PlanRequest``; the plan is printed as
a readable list (preparation, each foot, rest; with why each step is there) or as JSON.
Exit status as ``plantar screen``: 0 for ok/adapt, 3 for postpone/avoid, 2 for bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
import msgspec

from plantar.cli.common import bad_input, echo_json, intake_options, load_kb
from plantar.errors import BadInput
from plantar.i18n import N_, _
from plantar.knowledge.vocabulary import DIRECTIONS, EVIDENCE, FEET, INTENSITIES, VERDICT_BADGES
from plantar.planner import Plan, PlanRequest, Step, plan
from plantar.planner.explain import duration

F = TypeVar("F", bound=Callable[..., Any])


def request_options(fn: F) -> F:
    """The flags of ``plan`` and ``guide`` (DESIGN.md "Plan"), outermost first."""
    options = [
        click.option(
            "--goal", "goals", multiple=True, metavar="ID", help=N_("A goal (repeatable).")
        ),
        click.option("--minutes", type=int, help=N_("Minutes for the whole session, 1-180.")),
        click.option("--style", metavar="ID", help=N_("A massage style (default: any allowed).")),
        click.option(
            "--performer", default="self", show_default=True, help=N_("self, partner or therapist.")
        ),
        click.option("--time-of-day", metavar="WHEN", help=N_("morning, afternoon or evening.")),
        click.option(
            "--condition", "conditions", multiple=True, metavar="ID", help=N_("Repeatable.")
        ),
        click.option("--age", type=int, metavar="YEARS"),
        click.option("--minutes-since-meal", type=int, metavar="N"),
        click.option(
            "--lesion-zone", "lesion_zones", multiple=True, metavar="ZONE", help=N_("Damaged skin.")
        ),
        click.option(
            "--painful-zone",
            "painful_zones",
            multiple=True,
            metavar="ZONE",
            help=N_("A sore place."),
        ),
        click.option("--equipment", multiple=True, metavar="ID", help=N_("A device you have.")),
        click.option("--routine", metavar="ID", help=N_("Run one of the article's routines.")),
        *intake_options(),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def plan_request(flags: dict[str, Any]) -> PlanRequest:
    """The ``PlanRequest`` the flags of ``request_options`` make (a repeated flag a tuple)."""
    fields = {name: flags[name] for name in PlanRequest.__struct_fields__}
    for name in ("goals", "conditions", "lesion_zones", "painful_zones", "equipment", "cleared"):
        fields[name] = tuple(fields[name])
    return PlanRequest(**fields)


def make_plan(**flags: Any) -> Plan:
    """The plan for the command's flags, or exit 2 naming the bad value."""
    kb = load_kb()
    try:
        from plantar.safety.advice import emergency_number

        emergency_number()  # a bad PLANTAR_EMERGENCY_NUMBER is bad input before any output
        return plan(plan_request(flags), kb)
    except BadInput as exc:
        bad_input(exc)


@click.command(
    "plan",
    help=N_(
        "Plan a session: preparation, each foot in turn, rest; timed and "
        "explained.\n\nExample: plantar plan --goal sleep --minutes 15 --time-of-day "
        "evening"
    ),
)
@request_options
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of text."))
def plan_command(as_json: bool, **flags: Any) -> None:
    result = make_plan(**flags)
    if as_json:
        echo_json(msgspec.to_builtins(result))
    else:
        show_plan(result)
    sys.exit(0 if result.advised else 3)


def step_line(step: Step) -> str:
    bits = [duration(step.seconds), INTENSITIES.label(step.intensity)]
    if step.direction != "none":
        bits.append(DIRECTIONS.label(step.direction))
    return " · ".join(bits)


def _mirrors(step: Step, steps: list[Step]) -> bool:
    """A right-foot step that repeats the left foot's step of the same block."""
    return step.foot == "right" and any(
        s.foot == "left"
        and s.exercise == step.exercise
        and s.seconds == step.seconds
        and s.instruction == step.instruction
        for s in steps
    )


def show_plan(result: Plan) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.padding import Padding

    from plantar.cli.common import COLOURS, disclaimer
    from plantar.cli.render import EVIDENCE_STYLE
    from plantar.safety.advice import (
        CLI_CHECK_HINT,
        NOT_CHECKED_NOTE,
        badge,
        emergency_number,
        headline,
        urgency_line,
    )

    console = Console()

    def bullet(text: str) -> None:
        console.print(Padding(f"• {escape(text)}", (0, 0, 0, 2)))

    sc = result.screening
    shown = badge(sc.verdict, sc.checked)
    console.print(f"[bold]{escape(result.title)}[/]  [dim]{duration(result.total_seconds)}[/]")
    console.print(
        f"[{COLOURS[shown]}]"
        + _("Screening: {badge}").format(badge=VERDICT_BADGES.label(shown))
        + "[/] — "
        + escape(headline(sc.verdict, sc.checked))
    )
    if sc.see_doctor:
        console.print(f"[bold red]{escape(urgency_line(sc.urgency, emergency_number()))}[/]")
    if result.goals:
        goals = ", ".join(
            f"{escape(g.title)} [{EVIDENCE_STYLE[g.evidence]}]({EVIDENCE.label(g.evidence)})[/]"
            for g in result.goals
        )
        console.print(_("Goals: {goals}").format(goals=goals))
    if result.warnings:
        console.print("\n[bold]" + _("Read first") + "[/]")
        for warning in result.warnings:
            bullet(warning)
            if warning == _(NOT_CHECKED_NOTE):
                console.print(Padding(f"[dim]{escape(_(CLI_CHECK_HINT))}[/]", (0, 0, 0, 4)))
    said = set(result.warnings)
    screening_notes = set(sc.notes)
    for note in sc.notes:
        if sc.verdict != "ok" and note not in said:
            bullet(note)
    if not result.advised:
        for reminder in result.reminders:
            if reminder not in screening_notes:
                bullet(reminder)
        console.print(f"\n[dim]{disclaimer()}[/]")
        return
    console.print("\n[bold]" + _("Before you start") + "[/]")
    for reminder in result.reminders:
        if reminder not in screening_notes:
            bullet(reminder)
    heading = None
    for step in result.steps:
        if step.foot != "none":
            section = FEET.label(step.foot)
        else:
            section = _("Afterwards") if step.phase == "finish" else ""
        if section != heading:
            heading = section
            if step.foot != "none":
                span = sum(s.seconds for s in result.steps if s.foot == step.foot)
                console.print(f"\n[bold cyan]{section}[/]  [dim]{duration(span)}[/]")
                if step.foot == "right" and _mirrors(step, result.steps):
                    console.print(Padding(_("The same steps as on the left foot:"), (0, 0, 0, 4)))
            else:
                console.print(f"\n[bold cyan]{section}[/]" if section else "")
        console.print(f"[bold]{step.order:>2}. {step.title}[/]  [dim]{step_line(step)}[/]")
        if _mirrors(step, result.steps):
            continue
        console.print(Padding(step.instruction, (0, 0, 0, 4)))
        console.print(Padding("[dim]" + _("Why: {why}").format(why=step.why) + "[/]", (0, 0, 0, 4)))
    console.print(
        "\n[dim]"
        + _(
            "Follow it hands-free, with a countdown and spoken cues: run "
            "`plantar guide` with the same options."
        )
        + "[/]"
    )
    console.print(f"[dim]{disclaimer()}[/]")
