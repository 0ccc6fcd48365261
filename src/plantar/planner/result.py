"""What the planner returns: DESIGN.md "Plan", plus a few keys that explain it.

``msgspec.to_builtins(plan)`` is the JSON of the CLI's ``--json`` and of the web API. The keys
DESIGN.md names come first, in its order; the extensions follow (a step's ``title``, ``why``,
``exercise``, ``goals`` and ``times``; the plan's ``title``, ``budget_seconds``, ``objective``,
``routine``, ``aftercare``, ``about`` and ``essentials``).
"""

from __future__ import annotations

from typing import Literal

import msgspec

from plantar.knowledge.schema import Direction, Evidence, Foot, Intensity
from plantar.safety import Screening

Phase = Literal["prepare", "warm_up", "main", "points", "finish"]
PHASES: tuple[Phase, ...] = ("prepare", "warm_up", "main", "points", "finish")


# gc=False (Step, PlanGoal, Plan): a plan is plain values (text, numbers, lists of them) that
# can never form a reference cycle, and a busy server holds tens of thousands of steps (recent
# plans, each prepared request's steps). Tracked, they filled the collector's youngest
# generation: measured, its collections grew to 12 ms each, the worst latencies of a varied
# load (with gc=False, under 5 ms).
class Step(msgspec.Struct, kw_only=True, frozen=True, gc=False):
    order: int
    phase: Phase
    foot: Foot
    technique: str
    target: str | None
    seconds: int
    intensity: Intensity
    direction: Direction
    instruction: str
    # Extensions: a short heading, why the step is there, and where it comes from.
    title: str
    why: str
    exercise: str | None = None
    goals: list[str] = []
    times: int | None = None
    # What the spoken cue adds of the instruction's care for a place: a sore or kept-off
    # place, a point not to press ("" when none).
    caution: str = ""


class PlanGoal(msgspec.Struct, kw_only=True, frozen=True, gc=False):
    """A goal of the plan with the best evidence level among its claims (DESIGN.md "Plan:
    goals and warnings")."""

    id: str
    title: str
    evidence: Evidence


class Plan(msgspec.Struct, kw_only=True, frozen=True, gc=False):
    screening: Screening
    total_seconds: int
    steps: list[Step]
    reminders: list[str]
    # Shown above the steps on every surface: an unanswered check, weak evidence, ...
    goals: list[PlanGoal] = []
    warnings: list[str] = []
    # Extensions.
    title: str = ""
    budget_seconds: int | None = None
    # The value of the chosen steps in the planner's model (planner/model.py); 0 with no steps.
    objective: int = 0
    routine: str | None = None
    aftercare: list[str] = []
    # What a page shows first, each also in ``reminders``: the planner's notes on this plan
    # ("treated gently", "shorter"), and the essential rules to see to before starting (at
    # most five, rules.yaml ``essential``).
    about: list[str] = []
    essentials: list[str] = []

    def more(self) -> list[str]:
        """The reminders no other part of a page shows (screening notes, warnings, notes
        about the plan, essentials): the details behind "more"."""
        shown = {*self.screening.notes, *self.warnings, *self.about, *self.essentials}
        return [r for r in self.reminders if r not in shown]

    @property
    def advised(self) -> bool:
        """Whether massage is advised now (the screening neither postpones nor avoids it)."""
        return self.screening.verdict in ("ok", "adapt")
