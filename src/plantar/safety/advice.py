"""The plain-language notes of a screening: what to do, in the order a person needs it.

Notes are built from the data (titles, rule values, what each finding rules out), never from
a list of conditions: a new condition in conditions.yaml gets its advice without code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from plantar.i18n import DEFAULT, N_, Words, _, current, ngettext, pgettext
from plantar.knowledge.schema import Condition, Verdict
from plantar.safety.intake import Intake
from plantar.safety.rulebook import Derived, Rulebook

# The emergency number surfaces offer to call (a tap-to-call link on the web); a clinic or a
# country sets its own with PLANTAR_EMERGENCY_NUMBER. 112 works across the EU and in Russia,
# and on most mobile phones anywhere.
DEFAULT_EMERGENCY_NUMBER = "112"


def emergency_number() -> str:
    import os
    import re

    number = os.environ.get("PLANTAR_EMERGENCY_NUMBER", "").strip() or DEFAULT_EMERGENCY_NUMBER
    if not re.fullmatch(r"\+?[0-9][0-9 -]{1,19}", number):
        from plantar.errors import BadInput

        raise BadInput(
            "PLANTAR_EMERGENCY_NUMBER", number, "a telephone number: digits, spaces, a leading +"
        )
    return number


# One vocabulary of urgency: the verdict, the footer, the CLI and the printout all use these.
URGENCY_ADVICE: Mapping[str, str] = Words(
    {
        "emergency": N_("This may be an emergency: call an ambulance now."),
        "urgent": N_("See a doctor today."),
        "soon": N_("See a doctor within the next few days."),
        "routine": N_("Ask your doctor before you massage."),
        "none": N_("Ask your doctor before you massage."),
    }
)

# One sentence per verdict and a few words per urgency: the CLI report and the web page say
# the same thing in the same words.
HEADLINES: Mapping[str, str] = Words(
    {
        "ok": N_("Nothing found that speaks against a foot massage now."),
        "adapt": N_("A foot massage is fine, with the changes below."),
        "postpone": N_("Not now; later is fine."),
        "avoid": N_("Do not do this massage: see what to do below."),
    }
)
URGENCY_WORDS: Mapping[str, str] = Words(
    {
        "emergency": N_("now: call an ambulance"),
        "urgent": N_("today"),
        "soon": N_("within a few days"),
        "routine": N_("before you massage"),
        "none": N_("before you massage"),
    }
)

# Shown instead of an OK when the safety questions were not answered (DESIGN.md "Screening:
# checked or not"): nothing found among what was named is not "nothing found".
NOT_CHECKED = "not_checked"
# Sentences said where they are used (``_(...)`` in the current language), kept here once.
NOT_CHECKED_HEADLINE = N_(
    "Not checked: the safety questions were not answered, so only what was named was looked at."
)
NOT_CHECKED_NOTE = N_("The safety questions were not answered: answer them before you massage.")
# Where each surface sends a person to answer them (the web links to its safety page).
CLI_CHECK_HINT = N_("Answer them with `plantar screen --ask`, then plan with `--answered`.")
PAPER_CHECK_HINT = N_("Answer them on the safety check page (Is it safe today?) and print again.")


def badge(verdict: str, checked: bool) -> str:
    """The word a surface shows for a verdict: never "ok" for a check that was not done."""
    return NOT_CHECKED if verdict == "ok" and not checked else verdict


def headline(verdict: str, checked: bool) -> str:
    return _(NOT_CHECKED_HEADLINE) if badge(verdict, checked) == NOT_CHECKED else HEADLINES[verdict]


# What each ruled-out property (knowledge.schema.Property) means for the person massaging.
PROPERTY_ADVICE: Mapping[str, str] = Words(
    {
        "heat": N_(
            "No heat: no warm or hot foot bath, hot-water bottle or warming cream (a burn can "
            "go unnoticed)."
        ),
        "vigorous": N_(
            "Nothing vigorous: no brisk rubbing or patting, no Thai or therapeutic massage."
        ),
        "sitting_up": N_(
            "The person massaged lies down comfortably; someone else holds and moves the foot."
        ),
        "drink": N_("No drink before the session."),
        "scents": N_("No incense, candles or aroma lamp."),
        "weight_bearing": N_("No standing or walking on a massage mat or other device."),
    }
)


def urgency_line(urgency: str, number: str) -> str:
    """The one line every surface shows for a screening that says "see a doctor"."""
    if urgency == "emergency":
        return _("Call {number} now: this may be an emergency.").format(number=number)
    return _("See a doctor: {when}.").format(when=URGENCY_WORDS[urgency])


PRESSURE_ADVICE: Mapping[str, str] = Words(
    {
        "light": N_("Use light pressure only: stroking and gentle rubbing."),
        "medium": N_("Use no more than medium pressure; build it up slowly."),
    }
)


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
    rules_out: Sequence[str] = ()
    max_minutes: int | None = None
    checked: bool = False
    cleared: Sequence[Condition] = ()


def _who(performer: str) -> str:
    """Who gives a massage, as a note names them: the id in English (``--performer``'s value),
    the word in another language."""
    said = {
        "self": pgettext("performer", "self"),
        "partner": pgettext("performer", "partner"),
        "therapist": pgettext("performer", "therapist"),
    }
    return said.get(performer, performer)


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


def _titles(book: Rulebook, ids: Sequence[str]) -> str:
    """Records named inside a sentence. Russian writes a common noun in lower case there
    («можно: классический массаж стоп»); English keeps its titles as they are."""
    titles = [book.titles.get(i, i) for i in ids]
    if current() != DEFAULT:
        titles = [_in_sentence(t) for t in titles]
    return _join(titles)


def _in_sentence(title: str) -> str:
    """A title's first letter in lower case, unless it opens an abbreviation («ВОЗ»)."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _styles(book: Rulebook, intake: Intake, out: Outcome) -> list[str]:
    notes: list[str] = []
    style = intake.style
    if style is not None and style in out.ruled_out:
        reasons = _titles(book, out.ruled_out[style]).lower()
        still = _titles(book, out.remaining_styles)
        said = _("You asked for {style}: not with {reasons}.")
        notes.append(
            said.format(style=book.titles[style], reasons=reasons)
            + (" " + _("Still fine: {styles}.").format(styles=still) if still else "")
        )
    elif style is None and out.ruled_out and out.verdict != "avoid":
        not_now = [s for s in book.styles if s in out.ruled_out]
        notes.append(
            _("Styles still fine: {fine}. Left out: {left}.").format(
                fine=_titles(book, out.remaining_styles), left=_titles(book, not_now)
            )
        )
    if style is not None:
        record = book.style_records[style]
        if record.needs_specialist and intake.performer != "therapist":
            said = _("The article advises leaving {style} to a trained specialist.")
            notes.append(said.format(style=record.title.text()))
        if intake.performer is not None and intake.performer not in record.performers:
            said = _("{style} is done by: {performers} (not by {performer}).")
            notes.append(
                said.format(
                    style=record.title.text(),
                    performers=_join([_who(p) for p in record.performers]),
                    performer=_who(intake.performer),
                )
            )
    return notes


def notes(book: Rulebook, intake: Intake, out: Outcome) -> list[str]:
    """Advice for ``out``: the doctor first, then whether and how to massage."""
    advice: list[str] = []
    if out.see_doctor:
        advice.append(URGENCY_ADVICE[out.urgency])
    if not out.checked:
        advice.append(_(NOT_CHECKED_NOTE))
    for condition in out.cleared:
        said = _("{condition}: a doctor has cleared massage; it is adapted as below.")
        advice.append(said.format(condition=condition.title.text()))
    if out.verdict == "avoid" and out.style_only:
        advice.append(_("Not this style of massage; a gentler one is fine (see below)."))
    elif out.verdict == "avoid":
        advice.append(
            _(
                "No foot massage for now. Once a doctor has said massage is fine for you, "
                "check again without that condition."
            )
        )
    elif out.verdict == "postpone":
        advice.append(_("Not now, but later is fine: each reason says when."))
    for derived in out.derived:
        value = getattr(intake, derived.fact)
        below = derived.below
        if below and below.unit == "minutes" and below.value is not None and value is not None:
            wait = int(below.value - value)
            said = ngettext(
                "{fact}: about {wait} more minute.", "{fact}: about {wait} more minutes.", wait
            )
            advice.append(said.format(fact=below.title.text(), wait=wait))
    if out.verdict == "ok" and out.checked:
        advice.append(
            _(
                "Nothing found that speaks against a foot massage now. Stop if anything hurts "
                "or feels wrong."
            )
        )
    # How to massage: now (ok, adapt), later (postpone) or in another style (style_only).
    if out.verdict != "avoid" or out.style_only:
        how: list[str] = []
        if out.max_intensity in PRESSURE_ADVICE:
            how.append(PRESSURE_ADVICE[out.max_intensity])
        if out.no_point_work:
            how.append(
                _("Do not press single points firmly: stroke, rub and knead gently instead.")
            )
        places = [t for t in out.avoided_targets if t not in book.points]
        points = [t for t in out.avoided_targets if t in book.points]
        if places:
            said = _("Keep off: {places} (and every zone and point inside).")
            how.append(said.format(places=_titles(book, places)))
        if points:
            said = _("Do not press these points; only pass lightly over them: {points}.")
            # A point's name is a proper name (Sanyinjiao, Сань-инь-цзяо): never lower-cased.
            how.append(said.format(points=_join([book.titles[p] for p in points])))
        how.extend(PROPERTY_ADVICE[p] for p in out.rules_out)
        if out.max_minutes is not None:
            said = ngettext(
                "Keep the session short: {minutes} minute at most.",
                "Keep the session short: {minutes} minutes at most.",
                out.max_minutes,
            )
            how.append(said.format(minutes=out.max_minutes))
        if how and out.verdict == "postpone":
            advice.append(_("When you do massage later:"))
        advice.extend(how)
    advice.extend(_styles(book, intake, out))
    return advice
