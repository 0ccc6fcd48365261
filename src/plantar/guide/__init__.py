"""The guided session: a plan as a timeline of cues (``timeline``), played in the terminal
(``player``) with a spoken or audible cue at each step (``cues``). The web player reads the
same timeline."""

from __future__ import annotations

from plantar.guide.timeline import Segment, Session, Summary, segments

__all__ = ["Segment", "Session", "Summary", "segments"]
