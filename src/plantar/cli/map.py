"""``plantar map``: draw the foot map, a plan or routine on it, or a technique's animation.

A thin adapter: flags become a ``MapRequest`` (or a plan through ``plantar.planner``), the map
is drawn by ``plantar.footmap`` and written as SVG, PNG or PDF by the output's suffix.
Bad values exit 2 naming the value and the valid ones.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from plantar.cli.common import bad_input, load_kb
from plantar.cli.plan import request_options
from plantar.errors import BadInput
from plantar.footmap.request import PlanMark, plan_marks, routine_marks

EXIT_NOT_NOW = 3  # as `plantar plan`: massage is not advised now


@click.command("map")
@click.option("--view", default="all", show_default=True, help="sole, top, inner, outer, or all.")
@click.option("--foot", default="both", show_default=True, help="left, right or both.")
@click.option(
    "--scheme",
    default="western",
    show_default=True,
    help="Zones to draw: western, article_home, article_map, article_acupressure, or all.",
)
@click.option(
    "--highlight", multiple=True, metavar="ID", help="Zone, point, region, goal or organ."
)
@click.option("--pain", multiple=True, metavar="REGION=0-10", help="Pain felt in a region.")
@click.option("--no-points", is_flag=True, help="Leave out the points of the 13 steps.")
@click.option("--plan", "as_plan", is_flag=True, help="Draw the plan the plan flags make.")
@request_options
@click.option("--demo", metavar="TECHNIQUE", help="Write a technique's animation instead.")
@click.option("--direction", metavar="WAY", help="For --demo: clockwise or counterclockwise.")
@click.option(
    "-o", "--output", required=True, metavar="FILE", help=".svg, .png or .pdf; - for SVG on stdout."
)
def map_command(
    view: str,
    foot: str,
    scheme: str,
    highlight: tuple[str, ...],
    pain: tuple[str, ...],
    no_points: bool,
    as_plan: bool,
    demo: str | None,
    direction: str | None,
    output: str,
    **plan_flags: Any,
) -> None:
    """Draw both feet with their reflex zones and the article's points.

    Highlight by zone, point, region, goal or organ; mark pain; number a plan's steps
    (--plan with the flags of `plantar plan`, or --routine ID). Reflex zones are traditional
    beliefs, not diagnoses.

    Example: plantar map --view sole --highlight liver --pain heel=6 -o map.png
    """
    from plantar.footmap import export

    try:
        fmt = "svg" if output == "-" else export.format_of(output)
        if demo is not None:
            svg = _demo(demo, direction, fmt, output)
            status = 0
        else:
            svg, status = _map(view, foot, scheme, highlight, pain, no_points, as_plan, plan_flags)
        data = export.convert(svg, fmt)
    except BadInput as exc:
        bad_input(exc.message)
    if output == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"wrote {output}", err=True)
    sys.exit(status)


def _demo(technique: str, direction: str | None, fmt: str, output: str) -> str:
    from plantar.footmap.demos import demo_svg

    if fmt != "svg":
        raise BadInput("output", output, "a .svg file: a demonstration is an animation")
    return demo_svg(technique, direction, load_kb())


def _map(
    view: str,
    foot: str,
    scheme: str,
    highlight: tuple[str, ...],
    pain: tuple[str, ...],
    no_points: bool,
    as_plan: bool,
    plan_flags: dict[str, Any],
) -> tuple[str, int]:
    from plantar.footmap import MapRequest, parse_feet, parse_pain, parse_schemes, parse_views
    from plantar.footmap.document import render_svg

    kb = load_kb()
    goals: tuple[str, ...] = tuple(plan_flags["goals"])
    marks: tuple[PlanMark, ...] = ()
    plan_title = None
    status = 0
    notes: list[str] = []
    if not as_plan:
        _refuse_plan_only_flags(plan_flags)
    if as_plan:
        marks, plan_title, notes = _plan_marks(plan_flags)
        status = 0 if marks or not notes else EXIT_NOT_NOW
        goals = ()  # the goals shaped the plan; its numbers say what to work
    elif plan_flags["routine"] is not None:
        marks, plan_title = routine_marks(kb, plan_flags["routine"])
    request = MapRequest(
        views=parse_views(view),
        feet=parse_feet(foot),
        schemes=parse_schemes(scheme),
        highlight=highlight,
        goals=goals,
        pain=tuple(parse_pain(p, kb) for p in pain),
        plan=marks,
        plan_title=plan_title,
        points=not no_points,
    )
    for note in notes:
        click.echo(note, err=True)
    return render_svg(kb, request), status


# Flags that only shape a plan: given without --plan they would do nothing, so they are refused.
_PLAN_ONLY = {
    "minutes": "--minutes",
    "style": "--style",
    "time_of_day": "--time-of-day",
    "conditions": "--condition",
    "age": "--age",
    "minutes_since_meal": "--minutes-since-meal",
    "lesion_zones": "--lesion-zone",
    "painful_zones": "--painful-zone",
    "equipment": "--equipment",
}


def _refuse_plan_only_flags(flags: dict[str, Any]) -> None:
    given = {name: flags[name] for name in _PLAN_ONLY if flags[name] not in (None, ())}
    if flags["performer"] != "self":
        given["performer"] = flags["performer"]
    for name, value in given.items():
        shown = value[0] if isinstance(value, tuple) else value
        flag = _PLAN_ONLY.get(name, "--performer")
        raise BadInput(flag, shown, "that flag only with --plan (it shapes the plan to draw)")


def _plan_marks(flags: dict[str, Any]) -> tuple[tuple[PlanMark, ...], str, list[str]]:
    from plantar.cli.plan import make_plan

    result = make_plan(**flags)
    marks = plan_marks(result.steps)
    notes = []
    if not result.steps:
        notes.append(
            f"No massage now ({result.screening.verdict}): the map shows no plan. "
            "Run `plantar plan` with the same flags for the reasons."
        )
    return marks, result.title or "the plan", notes
