"""What the verdict partial (templates/_verdict.html) shows for a screening.

The home safety check, the plan page and the practice intake all render a screening the same
way: the headline and urgency words of safety.advice, each finding with the titles of its
condition and sources, and the styles still allowed.
"""

from __future__ import annotations

from typing import Any

from plantar.knowledge import KnowledgeBase
from plantar.safety import Screening
from plantar.safety.advice import HEADLINES, URGENCY_WORDS


def linked(kb: KnowledgeBase, ids: list[str]) -> list[dict[str, str]]:
    """Ids with their titles, for links into the library."""
    return [{"id": record_id, "title": kb.title(record_id)} for record_id in ids]


def screening_context(kb: KnowledgeBase, result: Screening) -> dict[str, Any]:
    return {
        "screening": result,
        "headline": HEADLINES[result.verdict],
        "urgency": URGENCY_WORDS[result.urgency],
        "findings": [
            {"title": kb.title(f.condition), "finding": f, "sources": linked(kb, f.sources)}
            for f in result.findings
        ],
        "allowed": linked(kb, result.allowed_styles),
    }
