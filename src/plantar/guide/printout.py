"""A plan as a printable PDF: A4 pages of steps, then the map of where each step works.

Pages are laid out here as SVG (text wrapped with the foot map's font metrics, so the layout
needs no font at hand), each page becomes a PDF page with cairosvg, and the pages are joined
with pypdf. Both are imported only when a PDF is asked for.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape

from plantar.footmap import MapRequest, render_svg
from plantar.footmap.layout import text_width
from plantar.footmap.request import plan_marks
from plantar.guide.timeline import foot_words
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.vocabulary import (
    DIRECTIONS,
    EVIDENCE,
    INTENSITIES,
    NOT_DIAGNOSES,
    NOT_MEDICAL_ADVICE,
    NOTICES,
    VERDICT_BADGES,
)
from plantar.planner import Plan
from plantar.planner.explain import duration
from plantar.safety import advice

WIDTH, HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 48.0
BODY = 10.5
SMALL = 8.5
LINE = 1.35  # line height as a multiple of the font size
STOP_IF_IT_HURTS = N_("Stop if anything hurts; when in doubt, ask a doctor.")
# The small print in English (the other surfaces' tests compare it); a page says
# ``disclaimer()``, in the language it is printed in.
DISCLAIMER = f"{NOT_MEDICAL_ADVICE} {NOT_DIAGNOSES} {STOP_IF_IT_HURTS}"


def disclaimer() -> str:
    """The small print under every page, in the current language."""
    notices = f"{NOTICES.label('not_medical_advice')} {NOTICES.label('not_diagnoses')}"
    return f"{notices} {_(STOP_IF_IT_HURTS)}"


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` points at ``size``."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


@dataclass
class _Pages:
    """Text flowed onto A4 pages, top to bottom, a new page when one is full."""

    pages: list[list[str]] = field(default_factory=lambda: [[]])
    y: float = MARGIN

    def room(self, height: float) -> None:
        if self.y + height > HEIGHT - MARGIN - 24:
            self.pages.append([])
            self.y = MARGIN

    def text(
        self,
        text: str,
        size: float = BODY,
        bold: bool = False,
        grey: bool = False,
        indent: float = 0.0,
        gap: float = 0.0,
    ) -> None:
        lines = wrap(text, WIDTH - 2 * MARGIN - indent, size, bold)
        self.room(len(lines) * size * LINE + gap)
        self.y += gap
        for line in lines:
            self.y += size * LINE
            weight = ' font-weight="bold"' if bold else ""
            colour = "#555555" if grey else "#1A1A1A"
            self.pages[-1].append(
                f'<text x="{MARGIN + indent:.1f}" y="{self.y:.1f}" font-size="{size}"'
                f'{weight} fill="{colour}">{escape(line)}</text>'
            )


FOOTER = 7.5  # the size of the small print


def _small_print() -> list[str]:
    """The disclaimer's lines at the foot of a page: one while it stays on the paper (past
    the margin if need be), else wrapped within the margins (a longer language's)."""
    text = disclaimer()
    if text_width(text, FOOTER, False) <= WIDTH - MARGIN:
        return [text]
    return wrap(text, WIDTH - 2 * MARGIN, FOOTER)


def _svg_page(body: list[str], number: int, total: int, title: str) -> str:
    page = _("{title} · page {number} of {total}").format(title=title, number=number, total=total)
    lines = _small_print()
    # The last line where a single one always stood; any before it above.
    small = "".join(
        f'<text x="{MARGIN}" y="{HEIGHT - 36 - (len(lines) - 1 - i) * FOOTER * LINE:.1f}" '
        f'font-size="7.5" fill="#555555">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    footer = (
        f"{small}"
        f'<text x="{WIDTH - MARGIN:.1f}" y="{HEIGHT - 24:.1f}" font-size="7.5" fill="#555555" '
        f'text-anchor="end">{escape(page)}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}pt" height="{HEIGHT}pt" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Verdana, sans-serif">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>{"".join(body)}{footer}</svg>'
    )


def _plain(text: str) -> str:
    """Advice text for paper: its `command` spans without the backticks."""
    return text.replace("`", "")


def _flow(plan: Plan) -> _Pages:
    pages = _Pages()
    title = plan.title or _("Foot massage session")
    screening = plan.screening
    # The badge word, never "ok" for a check that was not done (DESIGN.md "Screening: checked
    # or not"), and the same headline as the web page.
    badge = advice.badge(screening.verdict, screening.checked)
    word = VERDICT_BADGES.label(badge)
    pages.text(f"plantar · {title}", size=16, bold=True)
    said = _("{duration} in all · screening: {verdict}")
    pages.text(said.format(duration=duration(plan.total_seconds), verdict=word), grey=True, gap=2)
    pages.text(advice.headline(screening.verdict, screening.checked), bold=True, gap=4)
    if not screening.checked and badge != advice.NOT_CHECKED:  # a finding, from what was named
        pages.text(_(advice.NOT_CHECKED_HEADLINE), bold=True, gap=2)
    if not screening.checked:
        pages.text(_(advice.PAPER_CHECK_HINT), gap=2)
    if screening.urgency == "emergency":
        call = _("Call {number}.").format(number=advice.emergency_number())
        pages.text(call, size=14, bold=True, gap=2)
    if plan.goals:
        goals = ", ".join(f"{g.title} ({EVIDENCE.label(g.evidence)})" for g in plan.goals)
        pages.text(_("Goals and their evidence: {goals}").format(goals=goals), gap=4)
    if plan.warnings:
        pages.text(_("Read this first"), size=12, bold=True, gap=10)
        for warning in plan.warnings:
            pages.text(f"• {_plain(warning)}", indent=6, gap=1)
    notes = [n for n in screening.notes if n not in plan.warnings]
    if notes:
        pages.text(_("Safety"), size=12, bold=True, gap=10)
    for note in notes:
        pages.text(f"• {_plain(note)}", indent=6, gap=2)
    # The reminders open with the screening's notes, printed above: each is said once.
    reminders = [r for r in plan.reminders if r not in screening.notes and r not in plan.warnings]
    if reminders:
        pages.text(_("Before you start"), size=12, bold=True, gap=10)
        for reminder in reminders:
            pages.text(f"• {reminder}", indent=6, gap=1)
    if plan.steps:
        pages.room(12 * LINE + 10 + 3 * BODY * LINE)  # a heading never ends a page
        pages.text(_("Steps"), size=12, bold=True, gap=10)
    for step in plan.steps:
        foot = foot_words(step.foot)
        where = f"{foot}, " if foot else ""
        manner = INTENSITIES.label(step.intensity) + (
            f", {DIRECTIONS.label(step.direction)}" if step.direction != "none" else ""
        )
        head = f"{step.order}. {step.title} ({where}{duration(step.seconds)}; {manner})"
        pages.text(head, bold=True, gap=6)
        pages.text(step.instruction, indent=14)
        if step.why:
            why = _("Why: {why}").format(why=step.why)
            pages.text(why, size=SMALL, grey=True, indent=14)
    if plan.aftercare:
        pages.text(_("Afterwards"), size=12, bold=True, gap=10)
        for line in plan.aftercare:
            pages.text(f"• {line}", indent=6, gap=1)
    return pages


def _map_page(plan: Plan, kb: KnowledgeBase) -> str | None:
    marks = plan_marks(plan.steps)
    if not marks:
        return None
    request = MapRequest(views=("sole", "top"), plan=marks, plan_title=plan.title or _("the plan"))
    svg = render_svg(kb, request)
    # Fit the map's own SVG into the page below a heading, keeping its proportions: its size
    # attributes give way to the box on the page (its viewBox keeps the drawing's frame).
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", head)
    box = (
        f' x="{MARGIN}" y="{MARGIN + 24}" width="{WIDTH - 2 * MARGIN}" '
        f'height="{HEIGHT - 2 * MARGIN - 60}"'
    )
    inner = head + box + ">" + rest
    words = escape(_("Where each step works (numbers are the steps)"))
    heading = (
        f'<text x="{MARGIN}" y="{MARGIN + 10}" font-size="14" font-weight="bold" '
        f'fill="#1A1A1A">{words}</text>'
    )
    return heading + inner


def pages_svg(plan: Plan, kb: KnowledgeBase) -> list[str]:
    """Every page of the printout as a standalone SVG document."""
    bodies = ["".join(page) for page in _flow(plan).pages]
    map_page = _map_page(plan, kb)
    if map_page is not None:
        bodies.append(map_page)
    title = plan.title or "plantar"
    return [_svg_page([b], i, len(bodies), title) for i, b in enumerate(bodies, 1)]


def _pdf_pages(pages: list[str]) -> Iterator[bytes]:
    import cairosvg  # lazy: cairo is only needed for a printout

    for page in pages:
        data = cairosvg.svg2pdf(bytestring=page.encode("utf-8"))
        assert data is not None  # bytes when no write_to is given
        yield data


def plan_pdf(plan: Plan, kb: KnowledgeBase) -> bytes:
    """The plan as a PDF: A4 pages of reminders, steps and aftercare, then its map."""
    from pypdf import PdfReader, PdfWriter  # lazy, as above

    writer = PdfWriter()
    for data in _pdf_pages(pages_svg(plan, kb)):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    writer.add_metadata({"/Title": plan.title or _("plantar session"), "/Creator": "plantar"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
