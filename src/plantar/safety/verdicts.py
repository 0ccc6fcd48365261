"""What screening returns, and the orders its values are compared in.

``msgspec.to_builtins(screening)`` is the JSON of DESIGN.md "Screening", byte for byte the
same for the CLI's ``--json`` and the web API. Fields beyond DESIGN's minimum carry defaults,
so a consumer that builds these by hand keeps working.
"""

from __future__ import annotations

from typing import Literal, get_args

import msgspec

from plantar.knowledge.schema import ConditionKind, Intensity, Urgency, Verdict

# Worst last: the verdict of a screening is the worst of its findings.
VERDICTS: tuple[Verdict, ...] = ("ok", "adapt", "postpone", "avoid")
VERDICT_RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}

# Gentlest first: the pressure allowed is the gentlest any finding allows.
INTENSITIES: tuple[Intensity, ...] = get_args(Intensity)
INTENSITY_RANK: dict[str, int] = {v: i for i, v in enumerate(INTENSITIES)}

URGENCIES: tuple[Urgency, ...] = ("none", "routine", "soon", "urgent", "emergency")
URGENCY_RANK: dict[str, int] = {v: i for i, v in enumerate(URGENCIES)}

# Verdicts after which no massage is advised now (the CLI exits 3 on these).
NOT_NOW: frozenset[str] = frozenset({"postpone", "avoid"})


class Finding(msgspec.Struct, kw_only=True, frozen=True):
    """One reason behind a verdict: which condition, what kind, what it means, and why."""

    condition: str
    kind: ConditionKind
    effect: str
    sources: list[str]
    # The verdict this finding contributes to this request (a style it rules out, asked for
    # by name, makes it "avoid"; a lesion whose place is known may soften it to "adapt").
    verdict: Verdict = "adapt"
    urgency: Urgency = "none"
    see_doctor: bool = False
    red_flag: bool = False
    # For a condition implied by a combination: the conditions that made it, and in words
    # ("diabetes with damaged skin on the foot").
    because: list[str] = []
    because_text: str | None = None
    # A doctor's clearance turned this finding's verdict into "adapt" (practice intake).
    cleared: bool = False


class Screening(msgspec.Struct, kw_only=True, frozen=True):
    """An explainable verdict. ``ok`` never has a finding; the worst finding wins."""

    verdict: Literal["ok", "adapt", "postpone", "avoid"]
    see_doctor: bool
    findings: list[Finding]
    avoid_zones: list[str]
    allowed_styles: list[str]
    notes: list[str]
    max_intensity: Intensity = "firm"
    no_point_work: bool = False
    urgency: Urgency = "none"
    # The person went through the safety questions (intake ``answered``): what they did not
    # tick does not apply. False: only what was named was checked, and no surface says "OK".
    checked: bool = False
    # Properties of steps ruled out (heat, vigorous, ...: knowledge.schema.Property), and
    # the longest session advised in minutes (None: no limit).
    rules_out: list[str] = []
    max_minutes: int | None = None

    @property
    def massage_now(self) -> bool:
        """Whether a massage (adapted or not) is advised now."""
        return self.verdict not in NOT_NOW
