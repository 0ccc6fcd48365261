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

from plantar.i18n import current
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition, Implication, Point, Region, Rule, Style, Zone

# The intake's lesion_zones are places with damaged skin: the condition they stand for.
LESION_CONDITION = "skin_lesion"


Fact = Literal["age", "minutes_since_meal"]


@dataclass(frozen=True, slots=True)
class Derived:
    """A condition present when an intake fact is inside a rule's bounds.

    ``below`` (fact < its value) and ``at_least`` (fact >= its value) are rules; a range has
    both. ``rule`` is the bound a person is told about (the wait after a meal).
    """

    condition: Condition
    fact: Fact
    below: Rule | None
    at_least: Rule | None

    @property
    def rule(self) -> Rule:
        found = self.below or self.at_least
        assert found is not None  # _derived makes sure of one
        return found

    def holds(self, value: float) -> bool:
        if self.below is not None and not value < (self.below.value or 0):
            return False
        return self.at_least is None or value >= (self.at_least.value or 0)


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
    # (condition implied, the combination that implies it), in data order.
    implications: tuple[tuple[Condition, Implication], ...]
    # Rule values by rule id (the longest session advised, ...).
    rule_values: dict[str, float]
    # condition id -> the styles it rules out: named, or doing what it rules out (vigorous).
    excludes: dict[str, tuple[str, ...]]
    # condition id -> the points whose cautions name it (pregnancy: SP6, BL60...), kept off
    # while it holds; in data order.
    cautioned: dict[str, tuple[str, ...]]
    points: frozenset[str]

    def expand(self, target: str) -> tuple[str, ...]:
        return self.inside[target]


def _derived(kb: KnowledgeBase, condition: Condition) -> Derived | None:
    if condition.fact is None:
        return None
    bounds: list[Rule | None] = []
    for rule_id in (condition.fact_below, condition.fact_at_least):
        rule = kb.get(Rule, rule_id) if rule_id is not None else None
        if rule is not None and rule.value is None:
            raise ValueError(f"condition {condition.id}: rule {rule.id} has no value")
        bounds.append(rule)
    if bounds == [None, None]:
        raise ValueError(f"condition {condition.id}: a fact needs fact_below or fact_at_least")
    return Derived(condition, condition.fact, bounds[0], bounds[1])


def _inside(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """What each target contains: a region its zones and points, a zone its points."""
    regions = list(kb.all(Region))
    zones = list(kb.all(Zone))
    points = list(kb.all(Point))
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


def rulebook(kb: KnowledgeBase) -> Rulebook:
    """The rules of ``kb`` (cached per knowledge base and language: screening runs in
    microseconds, and the rules' titles are words)."""
    return _rulebook(kb, current())


@lru_cache(maxsize=8)
def _rulebook(kb: KnowledgeBase, lang: str) -> Rulebook:
    conditions = {c.id: c for c in kb.all(Condition)}
    derived = tuple(d for c in conditions.values() if (d := _derived(kb, c)) is not None)
    derived_ids = {d.condition.id for d in derived}
    styles = list(kb.all(Style))
    titles = {c.id: c.title.text() for c in conditions.values()}
    titles.update({s.id: s.title.text() for s in styles})
    places: list[Region | Zone | Point] = [*kb.all(Region), *kb.all(Zone), *kb.all(Point)]
    titles.update({place.id: place.title.text() for place in places})
    return Rulebook(
        conditions=conditions,
        order={cid: i for i, cid in enumerate(conditions)},
        askable=tuple(cid for cid in conditions if cid not in derived_ids),
        derived=derived,
        styles=tuple(s.id for s in styles),
        style_records={s.id: s for s in styles},
        inside=_inside(kb),
        regions=tuple(r.id for r in kb.records("regions")),
        titles=titles,
        implications=tuple((c, i) for c in conditions.values() for i in c.implied_by),
        excludes={
            c.id: tuple(
                s.id
                for s in styles
                if s.id in c.rules_out_styles or set(s.properties) & set(c.rules_out)
            )
            for c in conditions.values()
        },
        rule_values={r.id: r.value for r in kb.all(Rule) if r.value is not None},
        cautioned=_cautioned(kb),
        points=frozenset(p.id for p in kb.all(Point)),
    )


def _cautioned(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for point in kb.all(Point):
        for caution in point.cautions:
            found.setdefault(caution.condition, []).append(point.id)
    return {condition: tuple(dict.fromkeys(ids)) for condition, ids in found.items()}
