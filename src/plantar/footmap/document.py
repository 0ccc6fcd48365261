"""The whole map as one SVG document: heading, panels, legend and the honest small print."""

from __future__ import annotations

from xml.sax.saxutils import escape

from plantar.footmap.layout import text_width
from plantar.footmap.palette import GROUPS, PAIN, TEXT, meaning
from plantar.footmap.request import Focus, MapRequest, named, resolve
from plantar.footmap.scene import STANDARD_POINT, Panel, build_panels, move, scheme_name
from plantar.footmap.svg import FONT, badge, el, not_equal_mark, num, pain_pattern, panel_svg, text
from plantar.i18n import N_, _, pgettext
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.vocabulary import FEET, NOT_DIAGNOSES, NOTICES, VIEWS

HEADER_H = 58.0
MARGIN = 16.0
LEGEND_ROW = 20.0
SUBTITLE_LINE = 16.0
# The small print under the legend, after the vocabulary's "not diagnoses" line.
CHARTS_DIFFER = N_("Charts differ between authors.")
SEE_A_DOCTOR = N_("Pain that persists, or a red, hot or swollen foot, is a reason to see a doctor.")
# In English, as other surfaces compare theirs with it; ``disclaimer()`` is what the map says.
DISCLAIMER = f"{NOT_DIAGNOSES} {CHARTS_DIFFER} {SEE_A_DOCTOR}"


def disclaimer() -> str:
    """``DISCLAIMER`` in the current language."""
    return f"{NOTICES['not_diagnoses'].text()} {_(CHARTS_DIFFER)} {_(SEE_A_DOCTOR)}"


def _subtitle(request: MapRequest, focus: Focus) -> str:
    charts = [s for s in request.schemes if s != "acupoints"]
    parts = (
        [_("Zones: {charts}.").format(charts="; ".join(scheme_name(s) for s in charts))]
        if charts
        else [_("Regions of the foot, no reflex zones.")]
    )
    if "acupoints" in request.schemes:
        parts.append(_("Small dots: the standard acupoints of foot and ankle (WHO codes)."))
    if focus.numbers:
        if request.plan_title:
            parts.append(_("Numbers: the order of {plan}.").format(plan=request.plan_title))
        else:
            parts.append(_("Numbers: the order of the plan."))
    elif request.points:
        parts.append(_("Numbered points: the article's acupressure steps 5-13."))
    return " ".join(parts)


def _legend(
    kb: KnowledgeBase, panels: list[Panel], focus: Focus, width: float, top: float
) -> tuple[str, float]:
    """Legend entries flowing in rows across ``width``; returns the SVG and its height."""
    groups = {z.group for p in panels for z in p.zones if z.group}
    entries: list[tuple[str, str]] = []  # (symbol drawn around 0,0; its meaning)
    for group, (_english, colour) in GROUPS.items():
        if group in groups:
            swatch = el(
                "rect",
                x=0.0,
                y=-9.0,
                width=16.0,
                height=11.0,
                fill=colour,
                fill_opacity=0.75,
                stroke="#FFFFFF",
            )
            entries.append((swatch, meaning(group)))
    if any(i.marker is None and i.colour == STANDARD_POINT for p in panels for i in p.points):
        small = el("circle", cx=8.0, cy=-3.5, r=4.5, fill=STANDARD_POINT, stroke="#FFFFFF")
        entries.append((small, _("standard acupoint (its WHO code in the label)")))
    if any(i.marker is not None for p in panels for i in p.points):
        dot = el("circle", cx=8.0, cy=-3.5, r=7.0, fill="#000000") + text(
            "5",
            x=8.0,
            y=0.0,
            font_size=9.0,
            font_weight="bold",
            fill="#FFFFFF",
            text_anchor="middle",
        )
        said = (
            _("order in the plan")
            if focus.numbers
            else _("point of the article's acupressure step")
        )
        entries.append((dot, said))
    if any(i.disagreement for p in panels for i in (*p.zones, *p.points)):
        entries.append(
            (not_equal_mark(8.0, -3.5), _("the article's chart and the Western chart disagree"))
        )
    drawn = {layer for p in panels for layer in p.shown_layers()}
    if "guides" in drawn:
        dashes = el("line", x1=0.0, y1=-3.5, x2=16.0, y2=-3.5, stroke=TEXT, stroke_dasharray="5 3")
        entries.append((dashes, _("guide lines: shoulder, diaphragm, waist and pelvis")))
    if "longitudinal" in drawn:
        dots = el("line", x1=0.0, y1=-3.5, x2=16.0, y2=-3.5, stroke=TEXT, stroke_dasharray="1.5 3")
        said = _("longitudinal zones 1-5 of each foot, zone 1 on the big toe's side")
        entries.append((dots, said))
    if focus.pain:
        entries.append((badge(12.0, -3.5, "7/10", PAIN), _("pain felt there, 0-10")))
    if focus.active:
        ring = el(
            "rect",
            x=0.0,
            y=-9.0,
            width=16.0,
            height=11.0,
            fill="#FFFFFF",
            stroke=TEXT,
            stroke_width=1.6,
        )
        entries.append((ring, _("highlighted")))
    out = []
    x, y = MARGIN, top + LEGEND_ROW
    for symbol, words in entries:
        step = 34.0 + text_width(words, 11.0) + 18.0
        if x + step > width - MARGIN and x > MARGIN:
            x, y = MARGIN, y + LEGEND_ROW
        entry = symbol + text(words, x=34.0, y=0.0)
        out.append(el("g", entry, transform=f"translate({num(x)} {num(y)})"))
        x += step
    notes = [*focus.notes, disclaimer()]
    shown = {r.id for p in panels for r in p.regions}
    notes += [
        _("Pain at {region} is not on the chosen views.").format(region=named(kb, r, r))
        for r in focus.pain
        if r not in shown
    ]
    for note in notes:
        for line in _wrap(note, width - 2 * MARGIN, 10.5):
            y += 15.0
            out.append(text(line, x=MARGIN, y=y, font_size=10.5, fill="#444444"))
    return el("g", "".join(out), class_="legend", font_size=11.0, fill=TEXT), y - top + 12.0


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and text_width(trial, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def render_svg(kb: KnowledgeBase, request: MapRequest | None = None) -> str:
    """The foot map of ``request`` (default: both soles, Western chart, the article's points)."""
    request = request or MapRequest()
    focus = resolve(kb, request)
    panels = build_panels(kb, request, focus, HEADER_H)
    width = max(p.x + p.width for p in panels) + MARGIN
    subtitle = _subtitle(request, focus)
    # The subtitle wraps to the map's width; the panels move down by the lines it adds.
    sublines = _wrap(subtitle, width - 2 * MARGIN, 12.0)
    for panel in panels:
        move(panel, 0.0, SUBTITLE_LINE * (len(sublines) - 1))
    body_bottom = max(p.y + p.height for p in panels)
    legend, legend_h = _legend(kb, panels, focus, width, body_bottom)
    height = body_bottom + legend_h + MARGIN
    shown = (
        pgettext("a panel in the map's title", "{foot} {view}")
        .format(foot=FEET.label(p.foot), view=VIEWS.label(p.view))
        .lower()
        for p in panels
    )
    title = _("Foot map: {panels}").format(panels=", ".join(dict.fromkeys(shown)))
    head = [
        el("title", escape(title), id="map-title"),
        el("desc", escape(subtitle + " " + disclaimer()), id="map-desc"),
        el("defs", pain_pattern()),
        el("rect", width=width, height=height, fill="#FFFFFF"),
        text(_("Foot map"), x=MARGIN, y=26.0, font_size=18.0, font_weight="bold", fill=TEXT),
        *(
            text(line, x=MARGIN, y=46.0 + SUBTITLE_LINE * i, font_size=12.0, fill="#444444")
            for i, line in enumerate(sublines)
        ),
    ]
    body = "\n".join([*head, *(panel_svg(p) for p in panels), legend])
    root = el(
        "svg",
        body,
        xmlns="http://www.w3.org/2000/svg",
        width=width,
        height=height,
        viewBox=f"0 0 {num(width)} {num(height)}",
        role="img",
        aria_labelledby="map-title map-desc",
        font_family=FONT,
    )
    return root + "\n"
