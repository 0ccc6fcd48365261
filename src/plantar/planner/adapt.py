"""One adaptation pipeline: how a block of massage is changed, or left out, for a request.

Free plans (candidates.py) and the article's routines (routine.py) both pass every block
through ``fit`` and every reminder through ``reminder``, so a sore place, a kept-off place, the
performer, the pressure allowed and what a finding rules out (heat, vigour, sitting up...) are
decided in one place. What a block or a rule does is data (its ``properties``); the planner
never looks at its wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from plantar.i18n import _, ngettext
from plantar.knowledge.schema import Direction, Intensity, Rule
from plantar.planner.catalogue import Catalogue, codes, names
from plantar.planner.request import PlanRequest
from plantar.safety import Screening
from plantar.safety.verdicts import INTENSITY_RANK

RANK = INTENSITY_RANK
# Self-massage: "light movements without effort" (the article). A partner is not trained:
# medium at most. Only a therapist works firmly, and only where nothing else forbids it.
PERFORMER_MAX: dict[str, Intensity] = {"self": "light", "partner": "medium", "therapist": "firm"}
CIRCULAR: frozenset[str] = frozenset({"clockwise", "counterclockwise"})

# Why a block was left out; routine.py counts them, candidates.py says some of them once.
Dropped = Literal["avoided", "points", "sore", "property"]


def painful_regions(request: PlanRequest, cat: Catalogue) -> frozenset[str]:
    """The regions holding the painful places (a painful zone makes its region gentle)."""
    return frozenset(cat.region_of.get(place, place) for place in request.painful_zones)


def cap(levels: list[Intensity]) -> Intensity:
    return min(levels, key=RANK.__getitem__)


@dataclass(frozen=True, slots=True)
class Limits:
    """What a request and its screening allow, worked out once per plan."""

    avoid: frozenset[str]
    sore_regions: frozenset[str]
    ruled_out: frozenset[str]
    intensity: Intensity
    no_point_work: bool
    # Kept-off and sore places as a whole-foot step names them.
    avoided_names: tuple[str, ...]
    sore_names: tuple[str, ...]
    # Kept-off points (a pregnancy caution): never pressed; a step passing over one says so.
    kept_points: tuple[str, ...] = ()


def limits(request: PlanRequest, screening: Screening, cat: Catalogue) -> Limits:
    avoid = screening.avoid_zones
    avoided = frozenset(avoid)
    # A point kept off for itself (a caution), not because the place around it is.
    kept = tuple(
        z
        for z in avoid
        if z in cat.points
        and cat.region_of.get(z) not in avoided
        and cat.zone_of.get(z) not in avoided
    )
    places = [z for z in avoid if z not in kept]
    # Name the regions kept off (a lesion on the heel: "the heel"); without a whole region,
    # the first few zones.
    named = [z for z in places if cat.region_of.get(z) == z] or places[:3]
    sore = painful_regions(request, cat)
    return Limits(
        avoid=avoided,
        sore_regions=sore,
        ruled_out=frozenset(screening.rules_out),
        intensity=cap([screening.max_intensity, PERFORMER_MAX.get(request.performer, "light")]),
        no_point_work=screening.no_point_work,
        avoided_names=tuple(named),
        sore_names=tuple(sorted(sore)),
        kept_points=kept,
    )


@dataclass(frozen=True, slots=True)
class Fit:
    """A block as it will be done: its direction and pressure, and what changed."""

    direction: Direction
    intensity: Intensity
    sore: bool  # on a painful place: gently and counterclockwise
    gentle: bool  # a ruled-out property: its gentle wording replaces its text


def fit(
    lim: Limits,
    cat: Catalogue,
    *,
    target: str | None,
    direction: Direction,
    intensity: Intensity,
    properties: Sequence[str],
    has_gentle: bool = False,
) -> Fit | Dropped:
    """``block`` adapted to the limits, or why it is left out."""
    if target is not None and cat.blocked(target, lim.avoid):
        return "avoided"
    if target is not None and target in cat.points and lim.no_point_work:
        return "points"
    gentle = bool(lim.ruled_out.intersection(properties))
    if gentle and not has_gentle:
        return "property"
    sore = target is not None and cat.region_of.get(target) in lim.sore_regions
    whole_foot_sore = target is None and bool(lim.sore_regions)
    if sore or whole_foot_sore:
        if direction in CIRCULAR:
            direction = "counterclockwise"
        elif sore:
            return "sore"  # not a circular movement: leave the painful place alone
    caps = [intensity, lim.intensity]
    if sore or whole_foot_sore:
        caps.append("light")
    return Fit(direction=direction, intensity=cap(caps), sore=sore, gentle=gentle)


def place_words(lim: Limits, cat: Catalogue, *, target: str | None, sore: bool) -> list[str]:
    """What a step says about sore and kept-off places: on the place itself, or, for a step
    over the whole foot, naming every place to pass lightly over or keep off."""
    words = []
    if sore:
        words.append(
            _(
                "This place is sore: go very gently and counterclockwise; it should soothe, "
                "never hurt."
            )
        )
    elif target is None and lim.sore_names:
        said = _("Pass lightly over the sore {places}.")
        words.append(said.format(places=names(lim.sore_names, cat)))
    if target is None and lim.avoided_names:
        said = ngettext(
            "Do not touch the {places}: go around it.",
            "Do not touch the {places}: go around them.",
            len(lim.avoided_names),
        )
        words.append(said.format(places=names(lim.avoided_names, cat)))
    held = cat.holding(target, lim.kept_points)
    if held:
        said = ngettext(
            "Do not press {points}: pass lightly over it.",
            "Do not press {points}: pass lightly over them.",
            len(held),
        )
        words.append(said.format(points=codes(held, cat)))
    return words


def caution(lim: Limits, cat: Catalogue, *, target: str | None, sore: bool) -> str:
    """The few words a cue says aloud of what ``place_words`` writes (a session is
    hands-free: the caution must be heard, not only read)."""
    words = []
    if sore:
        words.append(_("Gently: this place is sore."))
    elif target is None and lim.sore_names:
        words.append(_("Lightly over the sore {places}.").format(places=names(lim.sore_names, cat)))
    if target is None and lim.avoided_names:
        said = _("Keep off the {places}.")
        words.append(said.format(places=names(lim.avoided_names, cat)))
    held = cat.holding(target, lim.kept_points)
    if held:
        words.append(_("Do not press {points}.").format(points=codes(held, cat)))
    return " ".join(words)


def reminder(rule: Rule, lim: Limits) -> str | None:
    """A rule's words for this plan: its gentle wording where a finding rules out what it
    does (a warm bath, brisk drying), or nothing when it has none."""
    if lim.ruled_out.intersection(rule.properties):
        return rule.gentle.text() if rule.gentle is not None else None
    return rule.text.text()
