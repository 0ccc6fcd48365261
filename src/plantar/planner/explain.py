"""Plain words for every step: how it is done, and why it is in this plan.

An instruction names the part of the hand, the place, the direction and how many times (the
count follows from the chosen time and the block's ``cycle_seconds``), then the pressure, then
what changes on a sore or an avoided place. A "why" says what the block does, which of the
person's goals it serves with the evidence behind each goal, and what the time of day or a
sore place changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plantar.i18n import N_, Words, _, ngettext, npgettext, pgettext
from plantar.knowledge.vocabulary import DIRECTIONS, EVIDENCE_PHRASES
from plantar.planner.adapt import Limits, place_words
from plantar.planner.candidates import Candidate
from plantar.planner.catalogue import Catalogue, names

PRESSURE = Words(
    {
        "light": N_("Light pressure, without effort."),
        "medium": N_("Medium pressure: enough to feel it, never painful."),
        "firm": N_("Firm pressure, only as much as is comfortable."),
    }
)


def duration(seconds: int) -> str:
    """``75`` -> ``"1 min 15 s"``: how a countdown is read aloud."""
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    if minutes:
        return _("{minutes} min").format(minutes=minutes)
    return _("{seconds} s").format(seconds=rest)


# Small counts said in words ("two minutes"); the catalog's key for each is its English.
NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def _number_words() -> tuple[str, ...]:
    # In a context of their own: a count of minutes, as said before the word (Russian takes
    # the feminine of «минута»: «одна минута», «две минуты»), which a voice then reads right.
    return (
        pgettext("a count of minutes", "zero"),
        pgettext("a count of minutes", "one"),
        pgettext("a count of minutes", "two"),
        pgettext("a count of minutes", "three"),
        pgettext("a count of minutes", "four"),
        pgettext("a count of minutes", "five"),
        pgettext("a count of minutes", "six"),
        pgettext("a count of minutes", "seven"),
        pgettext("a count of minutes", "eight"),
        pgettext("a count of minutes", "nine"),
        pgettext("a count of minutes", "ten"),
        pgettext("a count of minutes", "eleven"),
        pgettext("a count of minutes", "twelve"),
    )


def _number(n: int) -> str:
    # Said in words up to twelve, in the current language; larger counts as figures.
    return _number_words()[n] if n < len(NUMBER_WORDS) else str(n)


# A duration written as an end of a span ("from 40 seconds to 1 minute") has the same English
# words in the context "end of a span", which Russian says in the genitive (от 40 секунд до
# 1 минуты). Each is written out in both forms, for the catalog's extraction to find.


def _seconds(n: int, span: bool) -> str:
    if span:
        return npgettext("end of a span", "{n} second", "{n} seconds", n)
    return ngettext("{n} second", "{n} seconds", n)


def _minutes(n: int, figures: bool, span: bool = False) -> str:
    if span:
        said = npgettext("end of a span", "{n} minute", "{n} minutes", n)
    else:
        said = ngettext("{n} minute", "{n} minutes", n)
    return said.format(n=n if figures else _number(n))


def _half_minutes(n: int, span: bool) -> str:
    if span:
        return npgettext("end of a span", "{n}½ minute", "{n}½ minutes", n)
    return ngettext("{n}½ minute", "{n}½ minutes", n)


def _about(span: bool) -> str:
    return pgettext("end of a span", "about {duration}") if span else _("about {duration}")


def _about_a_minute(span: bool) -> str:
    return pgettext("end of a span", "about a minute") if span else _("about a minute")


def _a_minute_and_a_half(span: bool) -> str:
    if span:
        return pgettext("end of a span", "a minute and a half")
    return _("a minute and a half")


def spoken_duration(seconds: int, *, figures: bool = False, span: bool = False) -> str:
    """``65`` -> ``"about a minute"``: a duration as a person says it, for cues and plans.

    Whole minutes and multiples of five seconds are said exactly ("two minutes", "15
    seconds"); anything else to the nearest half minute, or five seconds under a minute, with
    "about" in front. ``figures`` writes counts as figures, for a page ("about 12½ minutes",
    "1 minute"). In the current language, with its plural forms (1 минута, 2 минуты, 5 минут);
    ``span`` (with ``figures``): as an end of a span, in the case that takes (до 1 минуты).
    """
    span = span and figures  # counts said in words are never an end of a span
    about = _about(span)
    if seconds < 60:
        rounded = max(5, 5 * round(seconds / 5))
        if rounded == 60:
            return _about_a_minute(span)
        said = _seconds(rounded, span).format(n=rounded)
        return said if rounded == seconds else about.format(duration=said)
    if seconds % 60 == 0:
        return _minutes(seconds // 60, figures, span)
    halves = round(seconds / 30)
    whole, half = divmod(halves, 2)
    if half:
        if whole == 1:
            said = _a_minute_and_a_half(span)
        elif figures:
            said = _half_minutes(whole, span).format(n=whole)
        else:
            said = ngettext("{n} and a half minute", "{n} and a half minutes", whole)
            said = said.format(n=_number(whole))
    elif whole == 1:
        return _about_a_minute(span)
    else:
        said = _minutes(whole, figures, span)
    return said if halves * 30 == seconds else about.format(duration=said)


def written_duration(seconds: int, *, span: bool = False) -> str:
    """``750`` -> ``"12½ minutes"``: ``spoken_duration`` with figures, for a page (``span``:
    as an end of a span)."""
    return spoken_duration(seconds, figures=True, span=span)


def written_span(low: int, high: int) -> str:
    """A range of seconds as said on a page: "30 seconds to 1 minute", "about 26 to 36
    minutes" (whole minutes once both ends are past two)."""
    if low == high:
        return written_duration(low)
    if low >= 120:
        top = round(high / 60)
        said = ngettext("about {low} to {high} minute", "about {low} to {high} minutes", top)
        return said.format(low=round(low / 60), high=top)
    return _("{low} to {high}").format(
        low=written_duration(low, span=True), high=written_duration(high, span=True)
    )


def times_for(c: Candidate, seconds: int) -> int | None:
    cycle = c.exercise.cycle_seconds
    return max(1, round(seconds / cycle)) if cycle else None


def as_read(text: str, exercise: Mapping[str, Any]) -> str:
    """An exercise's instruction as the library shows it, outside any plan: how many movements
    its shortest and longest times hold, its usual direction and pressure."""
    cycle = exercise.get("cycle_seconds")
    if cycle:
        low = max(1, round(exercise["seconds_min"] / cycle))
        high = max(low, round(exercise["seconds_max"] / cycle))
        times = str(low) if low == high else _("{low}-{high}").format(low=low, high=high)
    else:
        times = _("a few")
    direction = exercise.get("direction")
    text = text.replace("{times}", times)
    if direction in DIRECTIONS.ids:
        text = text.replace("{direction}", DIRECTIONS.label(direction))
    intensity = str(exercise.get("intensity"))
    if "{pressure}" in text and intensity in PRESSURE:
        text = text.replace("{pressure}", PRESSURE[intensity])
    return text


def instruction(c: Candidate, seconds: int, cat: Catalogue, lim: Limits) -> str:
    times = times_for(c, seconds)
    text = c.exercise.text.text().replace("{direction}", DIRECTIONS.label(c.direction))
    text = text.replace("{times}", str(times) if times is not None else _("a few"))
    if "{pressure}" in text:
        parts = [text.replace("{pressure}", PRESSURE[c.intensity])]
    else:
        parts = [text, PRESSURE[c.intensity]]
    parts.extend(place_words(lim, cat, target=c.exercise.target, sore=c.sore))
    return " ".join(parts)


def goal_words(c: Candidate, cat: Catalogue) -> str:
    if not c.served:
        return ""
    goals = "; ".join(cat.titles.get(goal, goal).lower() for goal, _ in c.served)
    if c.exercise.phase == "points":
        # The evidence behind a goal is for foot massage as a whole; a point's own effect is
        # a traditional belief that no trial has shown (evidence file, E3 and E4). A goal the
        # evidence contradicts is said to be so, never softened to "traditional".
        refuted = [g for g, _ in c.served if cat.best_evidence(g) == "refuted"]
        words = _(
            "Traditionally pressed for: {goals}. No trial shows an effect of the point itself."
        ).format(goals=goals)
        if refuted:
            contradicted = _("For {goals} the evidence contradicts the claim.")
            words += " " + contradicted.format(goals=names(refuted, cat))
        return words
    said = []
    for goal, _claims in c.served:
        # A goal's claims can stand on different evidence ("relieves pain" has trials,
        # "helps arthritis" only tradition): say the best and the weakest, never the best alone.
        levels = cat.evidence.get(goal, ())
        if len(levels) > 1:
            best, weakest = EVIDENCE_PHRASES.label(levels[0]), EVIDENCE_PHRASES.label(levels[-1])
            evidence = " " + _("(for some of its claims {best}; for others, {weakest})").format(
                best=best, weakest=weakest
            )
        else:
            evidence = f" ({EVIDENCE_PHRASES.label(levels[0])})" if levels else ""
        said.append(cat.titles.get(goal, goal).lower() + evidence)
    return _("Serves your goals: {goals}.").format(goals="; ".join(said))


def why(c: Candidate, cat: Catalogue, time_of_day: str | None) -> str:
    ex = c.exercise
    parts = [ex.purpose.text() if ex.purpose else cat.titles.get(ex.id, ex.id) + "."]
    if ex.phase == "warm_up" and ex.per_foot:
        parts.append(_("Every foot starts with a warm-up of stroking or rubbing."))
    if ex.phase == "finish":
        parts.append(_("Every foot ends with a stroke toward the ankle."))
    words = goal_words(c, cat)
    if words:
        parts.append(words)
    if c.sore:
        parts.append(_("Chosen for your sore place: gentle counterclockwise circles calm it."))
    if time_of_day == "evening" and ex.effect == "calming":
        parts.append(_("Calming, as evening sessions should be."))
    if time_of_day == "morning" and ex.effect == "stimulating":
        parts.append(_("Stimulating, which suits the morning."))
    if ex.equipment:
        parts.append(_("Uses your {devices}.").format(devices=names(ex.equipment, cat)))
    return " ".join(parts)
