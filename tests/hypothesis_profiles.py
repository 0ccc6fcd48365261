"""Hypothesis profiles: every property test at its full count in ``make test`` (what CI runs),
a tenth of it while developing (``make test-fast`` sets ``HYPOTHESIS_PROFILE=dev``).

A test states its full count as ``max_examples=examples(300)``; an explicit count in
``@settings`` overrides any profile, so the profile decides through this function.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILES = ("full", "dev")
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "full")
if PROFILE not in PROFILES:
    raise SystemExit(f"HYPOTHESIS_PROFILE={PROFILE!r}: expected one of {', '.join(PROFILES)}")
settings.register_profile("full")
settings.register_profile("dev", max_examples=10)
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """``full`` examples in the full profile; a tenth (at least five) in dev."""
    return full if PROFILE == "full" else max(5, full // 10)
