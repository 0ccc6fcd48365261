"""The plain-language notes of a screening: what to do, in the order a person needs it.

Notes are built from the data (titles, rule values, what each finding rules out), never from
a list of conditions: a new condition in conditions.yaml gets its advice without code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plantar.knowledge.schema import Condition, Verdict
from plantar.safety.intake import Intake
from plantar.safety.rulebook import Derived, Rulebook

URGENCY_ADVICE: dict[str, str] = {
    "emergency": "This may be an emergency: call an ambulance now (112 or 911, or your local "
    "emergency number).",
    "urgent": "See a doctor today.",
    "soon": "See a doctor within the next few days.",
    "routine": "Ask your doctor before you massage.",
    "none": "Ask your doctor before you massage.",
}

# One sentence per verdict and a few words per urgency: the CLI report and the web page say
# the same thing in the same words.
HEADLINES: dict[str, str] = {
    "ok": "Nothing found that speaks against a foot massage now.",
    "adapt": "A foot massage is fine, with the changes below.",
    "postpone": "Not now; later is fine.",
    "avoid": "Do not do this massage: see what to do below.",
}
URGENCY_WORDS: dict[str, str] = {
    "emergency": "NOW: call an ambulance",
    "urgent": "today",
    "soon": "within a few days",
    "routine": "before you massage",
    "none": "before you massage",
}

PRESSURE_ADVICE: dict[str, str] = {
    "light": "Use light pressure only: stroking and gentle rubbing.",
    "medium": "Use no more than medium pressure; build it up slowly.",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine found, as the advice needs it."""

    verdict: Verdict
    present: Sequence[Condition]
    derived: Sequence[Derived]
    ruled_out: dict[str, list[str]]
    remaining_styles: Sequence[str]
    avoided_targets: Sequence[str]
    max_intensity: str
    no_point_work: bool
    see_doctor: bool
    urgency: str
    # "avoid" only because the style asked for is ruled out: other styles remain fine.
    style_only: bool


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _titles(book: Rulebook, ids: Sequence[str]) -> str:
    return _join([book.titles.get(i, i) for i in ids])


def _styles(book: Rulebook, intake: Intake, out: Outcome) -> list[str]:
    notes: list[str] = []
    style = intake.style
    if style is not None and style in out.ruled_out:
        reasons = _titles(book, out.ruled_out[style]).lower()
        still = _titles(book, out.remaining_styles)
        notes.append(
            f"You asked for {book.titles[style]}: not with {reasons}."
            + (f" Still fine: {still}." if still else "")
        )
    elif style is None and out.ruled_out and out.verdict != "avoid":
        not_now = [s for s in book.styles if s in out.ruled_out]
        notes.append(
            f"Styles still fine: {_titles(book, out.remaining_styles)}. "
            f"Left out: {_titles(book, not_now)}."
        )
    if style is not None:
        record = book.style_records[style]
        if record.needs_specialist and intake.performer != "therapist":
            notes.append(f"The article advises leaving {record.title.en} to a trained specialist.")
        if intake.performer is not None and intake.performer not in record.performers:
            notes.append(
                f"{record.title.en} is done by: {_join(list(record.performers))} "
                f"(not by {intake.performer})."
            )
    return notes


def notes(book: Rulebook, intake: Intake, out: Outcome) -> list[str]:
    """Advice for ``out``: the doctor first, then whether and how to massage."""
    advice: list[str] = []
    if out.see_doctor:
        advice.append(URGENCY_ADVICE[out.urgency])
    if out.verdict == "avoid" and out.style_only:
        advice.append("Not this style of massage; a gentler one is fine (see below).")
    elif out.verdict == "avoid":
        advice.append(
            "No foot massage for now. Once a doctor has said massage is fine for you, "
            "check again without that condition."
        )
    elif out.verdict == "postpone":
        advice.append("Not now, but later is fine: each reason says when.")
    for derived in out.derived:
        value = getattr(intake, derived.fact)
        if derived.below and derived.rule.unit == "minutes" and value is not None:
            wait = int(derived.threshold - value)
            advice.append(f"{derived.rule.title.en}: about {wait} more minutes.")
    if out.verdict == "ok":
        advice.append(
            "Nothing found that speaks against a foot massage now. Stop if anything hurts "
            "or feels wrong."
        )
    # How to massage: now (ok, adapt), later (postpone) or in another style (style_only).
    if out.verdict != "avoid" or out.style_only:
        how: list[str] = []
        if out.max_intensity in PRESSURE_ADVICE:
            how.append(PRESSURE_ADVICE[out.max_intensity])
        if out.no_point_work:
            how.append("Do not press single points firmly: stroke, rub and knead gently instead.")
        if out.avoided_targets:
            how.append(
                f"Keep off: {_titles(book, out.avoided_targets)} (and every zone and point inside)."
            )
        if how and out.verdict == "postpone":
            advice.append("When you do massage later:")
        advice.extend(how)
    advice.extend(_styles(book, intake, out))
    return advice
