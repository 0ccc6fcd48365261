"""What every session has around its massage: getting ready, resting, the article's rules for
before and after, and the plan's warnings. Free plans (build.py) and routines (routine.py)
share these, so a finding changes them the same way in both.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from plantar.i18n import N_, Words, _, ngettext
from plantar.knowledge.schema import Rule
from plantar.planner.adapt import Limits, reminder
from plantar.planner.catalogue import AFTERCARE_CATEGORY, REMINDER_CATEGORIES, Catalogue
from plantar.planner.request import PlanRequest
from plantar.planner.result import PlanGoal, Step
from plantar.safety import Screening
from plantar.safety.advice import NOT_CHECKED_NOTE

# What must already be done when the session starts (the article's rules 7 and 8), said at
# the start so that a person who goes straight to `plantar guide` hears it too. The glass of
# water is a property of its rule: a baby is not told to drink one.
BEFORE = N_("Before this: feet washed and dried, at least an hour since the last meal.")
BEFORE_WATER = N_(
    "Before this: feet washed and dried, at least an hour since the last meal, and a glass of "
    "plain warm water drunk."
)
# Getting ready, said to the one who massages: on a device, on one's own feet, or on someone
# else's (who may be a baby).
PREPARE_ON_DEVICE = N_(
    "Put the {device} on the floor next to a chair you can hold on to, and stand barefoot "
    "beside it."
)
PREPARE_SELF = N_(
    "Sit with your legs stretched out and a cushion or rolled towel under your knees; bend one "
    "knee and rest that foot on the other thigh. Keep a towel or blanket at hand to cover the "
    "foot you are not working on. Rub your palms together until they are warm, then put a "
    "little oil or cream on them."
)
PREPARE_OTHER = N_(
    "Let the person you massage lie on their back, comfortable and warm, with a cushion or "
    "rolled towel under the knees; cover the foot that waits with a towel or blanket. Rub your "
    "palms together until they are warm, then put a little oil or cream on them."
)
PREPARE_THAI = N_("Breathe slowly together for a moment, at the same pace.")
WHY_PREPARE_ON_DEVICE = N_(
    "Something steady to hold and clean, dry feet make standing on it safe (the article's rules "
    "of preparation)."
)
WHY_PREPARE = N_(
    "Warm hands, oil and a comfortable position make the massage pleasant and safe (the "
    "article's rules of preparation)."
)


def prepare_step(
    request: PlanRequest, lim: Limits, seconds: int, device: str | None = None
) -> Step:
    """Getting ready; ``device`` when the session is done standing on one (a mat)."""
    if device is not None:
        how = _(PREPARE_ON_DEVICE).format(device=device)
    elif request.performer == "self":
        how = _(PREPARE_SELF)
    else:
        # Spoken to the person giving the massage: the one receiving may be a baby.
        how = _(PREPARE_OTHER)
    if request.style == "thai":
        how += " " + _(PREPARE_THAI)
    before = BEFORE if "drink" in lim.ruled_out else BEFORE_WATER
    how += " " + _(before)
    return Step(
        order=1,
        phase="prepare",
        foot="none",
        technique="rubbing",
        target=None,
        seconds=seconds,
        intensity="light",
        direction="none",
        instruction=how,
        title=_("Get ready"),
        why=_(WHY_PREPARE_ON_DEVICE if device is not None else WHY_PREPARE),
    )


def rest_step(care: Sequence[str], seconds: int, order: int) -> Step:
    """Resting at the end; ``care`` is the plan's aftercare, said in it."""
    return Step(
        order=order,
        phase="finish",
        foot="none",
        technique="stroking",
        target=None,
        seconds=seconds,
        intensity="light",
        direction="toward_ankle",
        # The aftercare follows the sentence (none: the space stays, as it always has).
        instruction=_(
            "Stroke both feet lightly once more, from the toes to the ankles, and cover them."
        )
        + " "
        + " ".join(care),
        title=_("Rest"),
        why=_("Resting afterwards lets the calm of the massage settle (the article)."),
    )


def _applies(rule_performers: list[str], rule_styles: list[str], request: PlanRequest) -> bool:
    if rule_performers and request.performer not in rule_performers:
        return False
    return not (rule_styles and request.style not in rule_styles)


class Reminders(NamedTuple):
    """The article's rules for before and during a session, as said to this request: all of
    them, and the essential few a plan lists before its start (the rest wait behind "more")."""

    all: tuple[str, ...]
    essentials: tuple[str, ...]


def _said(
    request: PlanRequest, lim: Limits, cat: Catalogue, categories: Collection[str]
) -> list[tuple[Rule, str]]:
    """The rules of these categories that apply to this request, each with the words the
    findings allow (a rule they leave no words for is not said)."""
    return [
        (rule, text)
        for rule in cat.rules
        if rule.category in categories
        and _applies(list(rule.performers), list(rule.styles), request)
        and (text := reminder(rule, lim)) is not None
    ]


def rule_reminders(request: PlanRequest, lim: Limits, cat: Catalogue) -> Reminders:
    """The rules for before and during a session that apply to this request."""
    found = _said(request, lim, cat, REMINDER_CATEGORIES)
    return Reminders(
        all=tuple(text for _, text in found),
        essentials=tuple(text for rule, text in found if rule.essential),
    )


def aftercare(request: PlanRequest, lim: Limits, cat: Catalogue) -> list[str]:
    return [text for _, text in _said(request, lim, cat, (AFTERCARE_CATEGORY,))]


# Plain words for a goal whose best evidence is weak: said above the steps on every surface.
EVIDENCE_WARNINGS = Words(
    {
        "traditional": N_(
            "{title}: that foot massage helps it is a traditional belief that no trial has "
            "shown. The plan is a gentle massage, not a treatment for it."
        ),
        "refuted": N_(
            "{title}: the evidence contradicts the claim that foot massage helps it. The plan "
            "is a gentle massage, not a treatment for it; see a doctor about it."
        ),
    }
)
# Goals that ask about an injury first (a goal's `asks_first` in goals.yaml).
ASKS_FIRST = N_(
    "{title}: after a fracture or an operation, massage only once your doctor agrees. "
    "Answer the safety questions about injuries first."
)


def plan_goals(request: PlanRequest, cat: Catalogue) -> list[PlanGoal]:
    return [
        PlanGoal(id=g, title=cat.titles.get(g, g), evidence=cat.best_evidence(g))
        for g in request.goals
    ]


def warnings(
    request: PlanRequest,
    screening: Screening,
    cat: Catalogue,
    goals: list[PlanGoal],
    shortened_to: int | None = None,
) -> list[str]:
    """What a person must read before the steps: an unanswered safety check, weak evidence,
    an injury to ask about, a session cut short for safety."""
    found = []
    if not screening.checked:
        found.append(_(NOT_CHECKED_NOTE))
    if shortened_to is not None:
        said = ngettext(
            "Shortened to {minutes} minute: the safety check advises no longer a session.",
            "Shortened to {minutes} minutes: the safety check advises no longer a session.",
            shortened_to,
        )
        found.append(said.format(minutes=shortened_to))
    named = {f.condition for f in screening.findings}
    for goal in goals:
        if goal.evidence in EVIDENCE_WARNINGS:
            found.append(EVIDENCE_WARNINGS[goal.evidence].format(title=goal.title))
        asks = cat.asks_first.get(goal.id, ())
        if asks and not screening.checked and not named.intersection(asks):
            found.append(_(ASKS_FIRST).format(title=goal.title))
    return found
