"""The screening rules, read once per knowledge base into lookups the engine can use fast.

Everything here comes from the data: conditions (what each rules out), styles, the rules
holding thresholds (age, meal time) and the foot's regions, zones and points (what lies inside
what). Nothing names a particular condition except ``LESION_CONDITION``, the meaning of the
intake's ``lesion_zones`` field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, Point, Region, Rule, Style, Zone

# The intake's lesion_zones are places with damaged skin: the condition they stand for.
LESION_CONDITION = "skin_lesion"


Fact = Literal["age", "minutes_since_meal"]


@dataclass(frozen=True, slots=True)
class Derived:
    """A condition present when an intake fact is below, or at least, a rule's value."""

    condition: Condition
    fact: Fact
    below: bool
    threshold: float
    rule: Rule


@dataclass(frozen=True, slots=True)
class Rulebook:
    conditions: dict[str, Condition]
    # Order of conditions.yaml: findings of equal weight are listed in it.
    order: dict[str, int]
    # Conditions a person can name (or answer yes to); derived ones come from facts.
    askable: tuple[str, ...]
    derived: tuple[Derived, ...]
    styles: tuple[str, ...]
    style_records: dict[str, Style]
    # Every region, zone and point id -> itself and everything inside it, in data order.
    inside: dict[str, tuple[str, ...]]
    regions: tuple[str, ...]
    titles: dict[str, str]

    def expand(self, target: str) -> tuple[str, ...]:
        return self.inside[target]


def _derived(kb: KnowledgeBase, condition: Condition) -> Derived | None:
    if condition.fact is None:
        return None
    rule_id = condition.fact_below or condition.fact_at_least
    if rule_id is None or (condition.fact_below and condition.fact_at_least):
        raise ValueError(
            f"condition {condition.id}: a fact needs exactly one of fact_below, fact_at_least"
        )
    rule = kb.get(Rule, rule_id)
    if rule.value is None:
        raise ValueError(f"condition {condition.id}: rule {rule_id} has no value")
    return Derived(condition, condition.fact, condition.fact_below is not None, rule.value, rule)


def _inside(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """What each target contains: a region its zones and points, a zone its points."""
    regions = [r for r in kb.records("regions") if isinstance(r, Region)]
    zones = [z for z in kb.records("zones") if isinstance(z, Zone)]
    points = [p for p in kb.records("points") if isinstance(p, Point)]
    inside: dict[str, list[str]] = {r.id: [r.id] for r in regions}
    for zone in zones:
        inside[zone.id] = [zone.id]
        inside.setdefault(zone.region, [zone.region]).append(zone.id)
    for point in points:
        inside[point.id] = [point.id]
        inside.setdefault(point.region, [point.region]).append(point.id)
        if point.zone is not None:
            inside.setdefault(point.zone, [point.zone]).append(point.id)
    return {key: tuple(dict.fromkeys(ids)) for key, ids in inside.items()}


@lru_cache(maxsize=8)
def rulebook(kb: KnowledgeBase) -> Rulebook:
    """The rules of ``kb`` (cached per knowledge base: screening runs in microseconds)."""
    conditions = {c.id: c for c in kb.records("conditions") if isinstance(c, Condition)}
    derived = tuple(d for c in conditions.values() if (d := _derived(kb, c)) is not None)
    derived_ids = {d.condition.id for d in derived}
    styles = [s for s in kb.records("styles") if isinstance(s, Style)]
    titles = {c.id: c.title.en for c in conditions.values()}
    titles.update({s.id: s.title.en for s in styles})
    for kind in ("regions", "zones", "points"):
        for record in kb.records(kind):
            titles[record.id] = record.title.en  # type: ignore[attr-defined]
    return Rulebook(
        conditions=conditions,
        order={cid: i for i, cid in enumerate(conditions)},
        askable=tuple(cid for cid in conditions if cid not in derived_ids),
        derived=derived,
        styles=tuple(s.id for s in styles),
        style_records={s.id: s for s in styles},
        inside=_inside(kb),
        regions=tuple(r.id for r in kb.records("regions")),  # type: ignore[attr-defined]
        titles=titles,
    )
