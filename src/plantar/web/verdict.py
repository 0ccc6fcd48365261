"""What the verdict partial (templates/_verdict.html) shows for a screening.

The home safety check, the plan page, the player and the practice intake all render a
screening the same way: the badge, headline and urgency words of safety.advice (never an OK
for a check that was not done), each finding with the titles of its condition and sources and
the answers that implied it, and the styles still allowed. Every page's footer offers the same
emergency words and number (``templating`` makes them template globals).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.vocabulary import VERDICT_BADGES
from plantar.safety import Screening, advice
from plantar.safety.advice import URGENCY_ADVICE, URGENCY_WORDS


def linked(kb: KnowledgeBase, ids: list[str]) -> list[dict[str, str]]:
    """Ids with their titles, for links into the library."""
    return [{"id": record_id, "title": kb.title(record_id)} for record_id in ids]


def prose(text: str) -> Markup:
    """Advice text as HTML: escaped, with its `command` spans (the CLI's words) as code."""
    parts = str(escape(text)).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return Markup(escape(text))
    return Markup(
        "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))
    )


def emergency_call() -> dict[str, str]:
    """The emergency number (PLANTAR_EMERGENCY_NUMBER, default 112) and its tap-to-call href."""
    number = advice.emergency_number()
    return {"number": number, "href": "tel:" + re.sub(r"[ -]", "", number)}


def badge_label(badge: str) -> str:
    """The badge word as shown, in the current language: "OK", "ADAPT", "NOT CHECKED"
    («МОЖНО», «С ИЗМЕНЕНИЯМИ», «НЕ ПРОВЕРЕНО»), the CLI's words."""
    return VERDICT_BADGES.label(badge).upper()


def _notes(notes: Sequence[str], shown: set[str | None], headline: str) -> list[str]:
    """The notes under the headline: those shown elsewhere left out, and a note that opens
    with the headline's own words said without them ("Stop if anything hurts...")."""
    said = []
    for note in notes:
        if note in shown:
            continue
        if note.startswith(headline):
            note = note[len(headline) :].strip()
        if note:
            said.append(note)
    return said


def screening_context(
    kb: KnowledgeBase,
    result: Screening,
    *,
    check_link: str | None = None,
    shown_elsewhere: Sequence[str] = (),
) -> dict[str, Any]:
    """The partial's context. ``check_link``: the safety check carrying what was given (a page
    that has one offers it when the check was not done); ``shown_elsewhere``: notes the page
    already shows (a plan's warnings), left out of "What to do" so nothing is said twice."""
    badge = advice.badge(result.verdict, result.checked)
    headline = advice.headline(result.verdict, result.checked)
    # The doctor's sentence leads the box in bold (with the number to call in an emergency),
    # so the list below does not repeat it.
    urgency_advice = URGENCY_ADVICE[result.urgency] if result.see_doctor else None
    shown = {*shown_elsewhere, urgency_advice}
    return {
        "screening": result,
        "badge": badge,
        # The headline of "not checked" already says so; every other one follows its badge.
        "title": headline if badge == advice.NOT_CHECKED else f"{badge_label(badge)}: {headline}",
        "headline": headline,
        "urgency": URGENCY_WORDS[result.urgency],
        "urgency_advice": urgency_advice,
        "emergency": result.urgency == "emergency",
        "check_link": check_link,
        # A verdict from what was named only (a finding, but the questions not answered) says
        # so under its headline; "not checked" itself already is the headline.
        "unchecked": _(advice.NOT_CHECKED_HEADLINE)
        if not result.checked and badge != advice.NOT_CHECKED
        else None,
        "notes": _notes(result.notes, shown, headline),
        "findings": [
            {"title": kb.title(f.condition), "finding": f, "sources": linked(kb, f.sources)}
            for f in result.findings
        ],
        "allowed": linked(kb, result.allowed_styles),
    }
