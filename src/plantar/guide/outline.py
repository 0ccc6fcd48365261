"""A plan as a person reads it: each foot's steps once, then "repeat on the other foot".

A plan lists every step in the order it is done, so a block done on each foot in turn is
written twice (planner/build.py mirrors it). ``outline(plan)`` folds such a pair into one
``Part`` when the second foot's steps are the first's in all but the foot; anything else (a
step on both feet or none, a foot whose steps differ) stays a part of its own. The plan page,
its print and the PDF read the outline; the player and the terminal keep the full timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from plantar.i18n import _
from plantar.knowledge.vocabulary import FEET
from plantar.planner import Plan, Step

SIDES = ("left", "right")


@dataclass(frozen=True, slots=True)
class Part:
    """Steps done once (``feet`` empty or one foot), or on each foot in turn (``feet`` two):
    then ``steps`` are the first foot's and the second repeats them."""

    steps: tuple[Step, ...]
    feet: tuple[str, ...] = ()

    @property
    def repeated(self) -> bool:
        return len(self.feet) == 2

    @property
    def seconds(self) -> int:
        """The part's whole time, both feet when repeated."""
        return sum(s.seconds for s in self.steps) * (2 if self.repeated else 1)

    @property
    def heading(self) -> str:
        """ "Left foot", or "Left foot, then the right" ("" for a part on no one foot)."""
        if not self.feet:
            return ""
        first = FEET.label(self.feet[0])
        if not self.repeated:
            return first
        return _("{first}, then the {second}").format(
            first=first, second=FEET.label(self.feet[1]).lower()
        )

    @property
    def repeat(self) -> str:
        """What to do after the first foot: "Repeat these steps on the right foot."."""
        if not self.repeated:
            return ""
        return _("Repeat these steps on the {foot}.").format(foot=FEET.label(self.feet[1]).lower())


def _same_but_foot(first: tuple[Step, ...], second: tuple[Step, ...]) -> bool:
    if len(first) != len(second):
        return False
    return all(
        msgspec.structs.replace(b, order=a.order, foot=a.foot) == a
        for a, b in zip(first, second, strict=True)
    )


def _runs(steps: list[Step]) -> list[tuple[str, tuple[Step, ...]]]:
    """Consecutive steps on one foot (left or right) grouped; any other step alone."""
    runs: list[tuple[str, list[Step]]] = []
    for step in steps:
        side = step.foot if step.foot in SIDES else ""
        if side and runs and runs[-1][0] == side:
            runs[-1][1].append(step)
        else:
            runs.append((side, [step]))
    return [(side, tuple(group)) for side, group in runs]


def outline(plan: Plan) -> list[Part]:
    """The plan's steps as parts, a foot's block folded with its mirror on the other foot."""
    runs = _runs(plan.steps)
    parts: list[Part] = []
    i = 0
    while i < len(runs):
        side, group = runs[i]
        if side and i + 1 < len(runs):
            other, mirror = runs[i + 1]
            if other and other != side and _same_but_foot(group, mirror):
                parts.append(Part(group, (side, other)))
                i += 2
                continue
        parts.append(Part(group, (side,) if side else ()))
        i += 1
    return parts


def unsaid_aftercare(plan: Plan) -> list[str]:
    """The aftercare no step already says (the rest step speaks it): listed after the steps
    only when it would otherwise go unsaid."""
    return [a for a in plan.aftercare if not any(a in s.instruction for s in plan.steps)]
