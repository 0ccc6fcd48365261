"""Safety screening: an explainable verdict over the knowledge base's conditions.

``screen(intake)`` is a pure function of the intake and the data; the planner, the CLI and the
web API all pass through it. See DESIGN.md "Screening".
"""

from __future__ import annotations

from plantar.safety.engine import screen
from plantar.safety.intake import Intake
from plantar.safety.verdicts import VERDICTS, Finding, Screening

__all__ = ["VERDICTS", "Finding", "Intake", "Screening", "screen"]
