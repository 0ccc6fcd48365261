"""What the planner reads from the knowledge base, indexed once per knowledge base.

Planning runs in well under a millisecond only because none of this is recomputed per
request: exercises in data order, where every target lies (its region, its zone), titles,
and the rules that become reminders and aftercare.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from plantar.i18n import _, current
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import (
    Claim,
    Evidence,
    Exercise,
    Goal,
    Point,
    Region,
    Rule,
    Style,
    Zone,
)

# The article's rules shown before a session (categories of rules.yaml) and after it.
REMINDER_CATEGORIES = ("preparation", "environment", "timing")
AFTERCARE_CATEGORY = "aftercare"


@dataclass(frozen=True, slots=True, eq=False)  # one per knowledge base: hashed by identity
class Catalogue:
    exercises: tuple[Exercise, ...]
    # target id -> the region it lies in (a region lies in itself)
    region_of: dict[str, str]
    # point id -> its zone (when it has one)
    zone_of: dict[str, str]
    points: frozenset[str]
    titles: dict[str, str]
    # point id -> how a step names it in passing: its WHO code (SP6), else its title in
    # lower case ("the stomach point (step 8)")
    short: dict[str, str]
    styles: dict[str, Style]
    # goal id -> the evidence levels of its claims, best first ("limited", "traditional", ...)
    evidence: dict[str, tuple[Evidence, ...]]
    rules: tuple[Rule, ...]
    # goal id -> the conditions to ask about before planning for it (an injury)
    asks_first: dict[str, tuple[str, ...]]

    def best_evidence(self, goal: str) -> Evidence:
        """The best level among the goal's claims; a goal no claim speaks for is only a
        belief (``traditional``), never presented as better than that."""
        levels = self.evidence.get(goal, ())
        return levels[0] if levels else "traditional"

    def lies_in(self, target: str, places: frozenset[str] | set[str]) -> bool:
        """Whether ``target`` is one of ``places`` or lies inside one of them."""
        return (
            target in places
            or self.region_of.get(target) in places
            or self.zone_of.get(target) in places
        )

    def blocked(self, target: str, avoid: frozenset[str] | set[str]) -> bool:
        """Whether working ``target`` would touch an avoided place: it lies inside one, or
        one lies inside it (a step on the whole arch touches a lesion in an arch zone). A
        kept-off point is not pressed, but a step over the place around it stays: it passes
        lightly over the point and says so (``holding``)."""
        return self.lies_in(target, avoid) or any(
            (self.region_of.get(place) == target or self.zone_of.get(place) == target)
            and place not in self.points
            for place in avoid
        )

    def holding(self, target: str | None, points: tuple[str, ...]) -> tuple[str, ...]:
        """Which of ``points`` a step on ``target`` passes over: all of them for a step over
        the whole foot (``None``), those inside its region or zone otherwise."""
        if target is None:
            return points
        return tuple(p for p in points if target in (self.region_of.get(p), self.zone_of.get(p)))


def names(ids: list[str] | tuple[str, ...], cat: Catalogue) -> str:
    """Titles of ``ids`` in lower case, joined: "heel, arch and toes" (in the current
    language)."""
    return listed([cat.titles.get(i, i.replace("_", " ")).lower() for i in ids])


def codes(ids: tuple[str, ...], cat: Catalogue) -> str:
    """Points named in passing: "SP6, KI3 and BL60"."""
    # The codes first: a title reads better last ("SP6, KI3 and the stomach point").
    coded_first = sorted(ids, key=lambda i: cat.short[i] != i)  # a standard point's id is its code
    return listed([cat.short[i] for i in coded_first])


def listed(words: list[str]) -> str:
    """ "a, b and c" in the current language."""
    if len(words) <= 1:
        return "".join(words)
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


def joined(words: list[str], pair: str) -> str:
    """``words`` joined by ``pair`` (a translated "{first} and {last}"), each to the next:
    "goals and equipment and time of day"."""
    said = words[0] if words else ""
    for word in words[1:]:
        said = pair.format(first=said, last=word)
    return said


_EVIDENCE_ORDER = {"supported": 0, "limited": 1, "traditional": 2, "refuted": 3}


def catalogue(kb: KnowledgeBase) -> Catalogue:
    """The catalogue of ``kb`` in the current language (kept per language: its titles)."""
    return _catalogue(kb, current())


@lru_cache(maxsize=8)
def _catalogue(kb: KnowledgeBase, lang: str) -> Catalogue:
    region_of: dict[str, str] = {}
    zone_of: dict[str, str] = {}
    titles: dict[str, str] = {}
    for region in kb.all(Region):
        region_of[region.id] = region.id
        titles[region.id] = region.title.text()
    for zone in kb.all(Zone):
        region_of[zone.id] = zone.region
        titles[zone.id] = zone.title.text()
    for point in kb.all(Point):
        region_of[point.id] = point.region
        if point.zone is not None:
            zone_of[point.id] = point.zone
        titles[point.id] = point.title.text()
    for kind in ("goals", "techniques", "devices", "styles", "routines", "exercises"):
        for record in kb.records(kind):
            titles[record.id] = title_of(record)
    evidence: dict[str, tuple[Evidence, ...]] = {}
    for goal in kb.all(Goal):
        levels = set()
        for claim_id in goal.claims:
            found = kb.find(claim_id)
            if found is not None and isinstance(found[1], Claim):
                levels.add(found[1].evidence)
        evidence[goal.id] = tuple(sorted(levels, key=_EVIDENCE_ORDER.__getitem__))
    return Catalogue(
        exercises=tuple(kb.all(Exercise)),
        region_of=region_of,
        zone_of=zone_of,
        points=frozenset(r.id for r in kb.records("points")),
        titles=titles,
        short={p.id: p.who_code or p.title.text().lower() for p in kb.all(Point)},
        styles={r.id: r for r in kb.all(Style)},
        evidence=evidence,
        rules=tuple(r for r in kb.all(Rule)),
        asks_first={g.id: tuple(g.asks_first) for g in kb.all(Goal) if g.asks_first},
    )
