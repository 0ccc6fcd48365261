"""``plantar map``: draw the foot map, a plan or routine on it, or a technique's animation.

A thin adapter: flags become a ``footmap.MapAsk`` (the web's query decodes into the same);
the map is made and drawn by ``plantar.footmap``, written as SVG, PNG or PDF by the suffix.
Bad values exit 2 naming the value and the valid ones.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from plantar.cli.common import bad_input, load_kb
from plantar.cli.plan import plan_request, request_options
from plantar.errors import BadInput, shown
from plantar.i18n import N_, _

if TYPE_CHECKING:
    from plantar.footmap import MapAsk

EXIT_NOT_NOW = 3  # as `plantar plan`: massage is not advised now


HELP = N_(
    "Draw both feet with their reflex zones and the article's points.\n\n"
    "Highlight by zone, point, region, goal or organ; mark pain; number a plan's steps "
    "(--plan with the flags of `plantar plan`, or --routine ID). {not_diagnoses}\n\n"
    "Example: plantar map --view sole --highlight liver --pain heel=6 -o map.png"
)


@click.command("map", help=HELP)
@click.option(
    "--view", default="all", show_default=True, help=N_("sole, top, inner, outer, or all.")
)
@click.option("--foot", default="both", show_default=True, help=N_("left, right or both."))
@click.option(
    "--scheme",
    default="western",
    show_default=True,
    help=N_(
        "Charts to draw, comma-separated: western, article_home, article_map, "
        "article_acupressure (zones), acupoints (the standard acupoints), or all."
    ),
)
@click.option(
    "--layer",
    default="",
    metavar="LAYERS",
    help=N_(
        "Drawn over the sole, comma-separated: guides (the shoulder, diaphragm, waist and "
        "pelvic lines), longitudinal (the ten zones), or all."
    ),
)
@click.option(
    "--highlight", multiple=True, metavar="ID", help=N_("Zone, point, region, goal or organ.")
)
@click.option("--pain", multiple=True, metavar="REGION=0-10", help=N_("Pain felt in a region."))
@click.option("--no-points", is_flag=True, help=N_("Leave out the points of the 13 steps."))
@click.option("--plan", "as_plan", is_flag=True, help=N_("Draw the plan the plan flags make."))
@request_options
@click.option("--demo", metavar="TECHNIQUE", help=N_("Write a technique's animation instead."))
@click.option("--direction", metavar="WAY", help=N_("For --demo: clockwise or counterclockwise."))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help=N_(".svg, .png or .pdf; - for SVG on stdout."),
)
def map_command(
    view: str,
    foot: str,
    scheme: str,
    layer: str,
    highlight: tuple[str, ...],
    pain: tuple[str, ...],
    no_points: bool,
    as_plan: bool,
    demo: str | None,
    direction: str | None,
    output: str,
    **plan_flags: Any,
) -> None:
    # The help text is HELP (below the imports): its small print comes from the vocabulary.
    from plantar.footmap import export

    try:
        fmt = "svg" if output == "-" else export.format_of(output)
        if demo is not None:
            svg = _demo(demo, direction, fmt, output)
            status = 0
        else:
            from plantar.footmap import MapAsk

            ask = MapAsk(
                view=view,
                foot=foot,
                scheme=scheme,
                layer=layer,
                highlight=highlight,
                pain=pain,
                points=not no_points,
                plan=as_plan,
                shape=plan_request(plan_flags),
            )
            svg, status = _map(ask)
        data = export.convert(svg, fmt)
    except BadInput as exc:
        bad_input(exc)
    if output == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(_("wrote {file}").format(file=output), err=True)
    sys.exit(status)


def _demo(technique: str, direction: str | None, fmt: str, output: str) -> str:
    from plantar.footmap.demos import demo_svg

    if fmt != "svg":
        raise BadInput("output", output, _("a .svg file: a demonstration is an animation"))
    return demo_svg(technique, direction, load_kb())


def _map(ask: MapAsk) -> tuple[str, int]:
    from plantar.footmap import PlanOnly, map_of
    from plantar.footmap.document import render_svg

    kb = load_kb()
    if ask.plan:
        from plantar.safety.advice import emergency_number

        emergency_number()  # a bad PLANTAR_EMERGENCY_NUMBER is bad input before any output
    try:
        drawn = map_of(kb, ask)
    except PlanOnly as exc:  # said as the field; bad_input names the flag that set it
        raise BadInput(
            exc.field,
            exc.value,
            message=_("{field}: {value} only with --plan (it shapes the plan)").format(
                field=exc.field, value=shown(exc.value)
            ),
        ) from None
    for note in drawn.notes:
        click.echo(note, err=True)
    return render_svg(kb, drawn.request), 0 if drawn.advised else EXIT_NOT_NOW
