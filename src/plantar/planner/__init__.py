"""The session planner: ``plan(request) -> Plan``, pure and deterministic.

It screens the request first (``plantar.safety.screen``), then chooses the building blocks of
``exercises.yaml`` and their durations that serve the person's goals best within the minutes
given (``model.py`` states the objective, ``choose.py`` solves it), and lays them out as the
article prescribes: preparation, each foot in turn, rest. ``--routine`` runs one of the
article's routines instead (``routine.py``).
"""

from __future__ import annotations

from plantar.planner.build import plan
from plantar.planner.request import PlanRequest
from plantar.planner.result import Plan, Step

__all__ = ["Plan", "PlanRequest", "Step", "plan"]
