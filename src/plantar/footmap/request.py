"""What a map shows, and how a request's ids resolve against the knowledge base.

Everything a caller can get wrong raises ``BadInput`` naming the value and the valid ones, the
same for the CLI (exit 2) and the web (HTTP 422).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, Protocol, get_args

import msgspec

from plantar import i18n
from plantar.errors import BadInput
from plantar.footmap.outline import FEET, VIEWS, Side
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase, vocabulary
from plantar.knowledge.schema import Claim, Exercise, Point, Region, Routine, View, Zone
from plantar.planner import PlanRequest, plan

# The charts a map can draw: four of zones, and the standard acupoints of foot and ankle.
Scheme = Literal["western", "article_home", "article_map", "article_acupressure", "acupoints"]
SCHEMES: tuple[Scheme, ...] = get_args(Scheme)
# Drawn over the sole when asked for: the Western chart's guide lines, the ten zones.
Layer = Literal["guides", "longitudinal"]
LAYERS: tuple[Layer, ...] = get_args(Layer)
PAIN_MAX = 10

# The note of a plan with no steps, by the screening's verdict (it says why, not the map).
_NO_MASSAGE: dict[str, str] = {
    "ok": N_("No massage now (ok): the map shows no plan; the plan itself says why."),
    "adapt": N_("No massage now (adapt): the map shows no plan; the plan itself says why."),
    "postpone": N_("No massage now (postpone): the map shows no plan; the plan itself says why."),
    "avoid": N_("No massage now (avoid): the map shows no plan; the plan itself says why."),
}


def named(kb: KnowledgeBase, record_id: str, english: str) -> str:
    """A record a person asked for by its id, as a note about it says it: in English
    ``english``, the id as the map has always said it back (what was typed, ``pain=heel=6``);
    in another language the record's title, since an id is an English word."""
    return english if i18n.current() == i18n.DEFAULT else kb.title(record_id)


def whole_number_to(high: int) -> str:
    """What a level must be, in words: "a whole number from 0 to 10"."""
    return _("a whole number from 0 to {high}").format(high=high)


PlanMark = tuple[str, str, int]  # (zone, point or region id; foot: left/right/both/none; order)


class Marked(Protocol):
    """A step of a plan as the map needs it (the planner's Step has these, and more)."""

    @property
    def target(self) -> str | None: ...
    @property
    def foot(self) -> str: ...
    @property
    def order(self) -> int: ...


def plan_marks(steps: Iterable[Marked]) -> tuple[PlanMark, ...]:
    """The numbered marks of a plan's steps that work a place (preparation and rest do not)."""
    return tuple((s.target, s.foot, s.order) for s in steps if s.target is not None)


def routine_marks(kb: KnowledgeBase, routine_id: str) -> tuple[tuple[PlanMark, ...], str]:
    """A routine of the article as numbered marks (its steps' order), and its title."""
    found = kb.find(routine_id)
    if found is None or not isinstance(found[1], Routine):
        raise BadInput("routine", routine_id, kb.ids("routines"))
    steps = found[1].steps
    marks = tuple((s.target, s.foot, n) for n, s in enumerate(steps, 1) if s.target is not None)
    return marks, found[1].title.text()


class MapRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A map to draw. ``plan`` marks the targets of a plan's steps with the steps' numbers."""

    views: tuple[View, ...] = ("sole",)
    feet: tuple[Side, ...] = FEET
    schemes: tuple[Scheme, ...] = ("western",)
    highlight: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    pain: tuple[tuple[str, int], ...] = ()
    plan: tuple[PlanMark, ...] = ()
    plan_title: str | None = None
    points: bool = True
    layers: tuple[Layer, ...] = ()


class MapAsk(msgspec.Struct, frozen=True, kw_only=True):
    """A map as a person asks for it, in words: the flags of ``plantar map`` and the query of
    ``/api/v1/map.svg`` (and the map page) both decode into this, with the same names.

    ``shape`` holds the plan fields: its goals and routine also serve a map without a plan
    (goals are highlighted, a routine's steps numbered); with ``plan`` the planner makes the
    plan they describe and the map numbers its steps. ``map_of`` turns this into a
    ``MapRequest`` by one rule for every adapter.
    """

    view: str = "all"
    foot: str = "both"
    scheme: str = "western"
    layer: str = ""
    highlight: tuple[str, ...] = ()
    pain: tuple[str, ...] = ()
    points: bool = True
    plan: bool = False
    shape: PlanRequest = msgspec.field(default_factory=PlanRequest)


class PlanOnly(BadInput):
    """A plan field given for a map without a plan: it would change nothing, so it is refused
    (each adapter names the field and the way to ask for the plan in its own words)."""

    def __init__(self, field: str, value: object) -> None:
        said = _(
            "{field}: {value} only shapes a plan; ask for the plan to be drawn too "
            "(or leave it out)"
        )
        super().__init__(field, value, message=said.format(field=field, value=repr(value)))


class MapOfPlan(msgspec.Struct, frozen=True, kw_only=True):
    """What ``map_of`` made: the map to draw, notes for the person, and whether massage is
    advised now (False only when a plan was asked for and the screening has no steps)."""

    request: MapRequest
    notes: tuple[str, ...] = ()
    advised: bool = True


# Fields of a plan request that mean something to a map without a plan.
_MAP_FIELDS = frozenset({"goals", "routine"})
_UNSHAPED = PlanRequest()


def _refuse_plan_only(shape: PlanRequest) -> None:
    for name in PlanRequest.__struct_fields__:
        value = getattr(shape, name)
        if name not in _MAP_FIELDS and value != getattr(_UNSHAPED, name):
            raise PlanOnly(name, value[0] if isinstance(value, tuple) else value)


def map_of(kb: KnowledgeBase, ask: MapAsk) -> MapOfPlan:
    """The ``MapRequest`` for ``ask``: a plan's or routine's numbered steps, or highlighted
    goals. Raises ``BadInput`` naming the first bad value (``PlanOnly`` for a plan field given
    without the plan)."""
    goals = ask.shape.goals
    marks: tuple[PlanMark, ...] = ()
    title = None
    notes: list[str] = []
    advised = True
    if ask.plan:
        made = plan(ask.shape, kb)
        marks = plan_marks(made.steps)
        # Its numbers say what to work; a plan without a title is "the plan" (the map says it).
        title, goals = made.title or None, ()
        if not made.steps:
            advised = False
            notes.append(_(_NO_MASSAGE[made.screening.verdict]))
    else:
        _refuse_plan_only(ask.shape)
        if ask.shape.routine is not None:
            marks, title = routine_marks(kb, ask.shape.routine)
    request = MapRequest(
        views=parse_views(ask.view),
        feet=parse_feet(ask.foot),
        schemes=parse_schemes(ask.scheme),
        highlight=ask.highlight,
        goals=goals,
        pain=tuple(parse_pain(p, kb) for p in ask.pain),
        plan=marks,
        plan_title=title,
        points=ask.points,
        layers=parse_layers(ask.layer),
    )
    return MapOfPlan(request=request, notes=tuple(notes), advised=advised)


class Focus(msgspec.Struct, kw_only=True):
    """A request resolved to ids: what is highlighted, numbered and painful."""

    zones: set[str] = msgspec.field(default_factory=set)
    points: set[str] = msgspec.field(default_factory=set)
    regions: set[str] = msgspec.field(default_factory=set)
    # (target id, "left" or "right") -> the numbers of the plan steps that work it there
    numbers: dict[tuple[str, str], list[int]] = msgspec.field(default_factory=dict)
    pain: dict[str, int] = msgspec.field(default_factory=dict)
    # zones asked for by their own id: drawn even when their scheme is not
    requested: set[str] = msgspec.field(default_factory=set)
    notes: list[str] = msgspec.field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.zones or self.points or self.regions)


def parse_views(value: str) -> tuple[View, ...]:
    """``sole``, ``top``, ``inner``, ``outer``, a comma list of them, or ``all``."""
    if value == "all":
        return VIEWS
    out: list[View] = []
    for part in value.split(","):
        name = part.strip()
        if name not in VIEWS:
            raise BadInput("view", name, [*VIEWS, "all"])
        out.append(name)
    return tuple(dict.fromkeys(out))


def parse_feet(value: str) -> tuple[Side, ...]:
    if value == "both":
        return FEET
    if value not in FEET:
        raise BadInput("foot", value, [*FEET, "both"])
    return (value,)


def parse_schemes(value: str) -> tuple[Scheme, ...]:
    if value == "all":
        return SCHEMES
    out: list[Scheme] = []
    for part in value.split(","):
        name = part.strip()
        if name not in SCHEMES:
            raise BadInput("scheme", name, [*SCHEMES, "all"])
        out.append(name)
    return tuple(dict.fromkeys(out))


def parse_layers(value: str) -> tuple[Layer, ...]:
    """``guides``, ``longitudinal``, a comma list of them, ``all``, or nothing (none)."""
    if value == "all":
        return LAYERS
    out: list[Layer] = []
    for part in value.split(","):
        name = part.strip()
        if not name:
            continue
        if name not in LAYERS:
            raise BadInput("layer", name, [*LAYERS, "all"])
        out.append(name)
    return tuple(dict.fromkeys(out))


def parse_pain(value: str, kb: KnowledgeBase) -> tuple[str, int]:
    """``REGION=LEVEL`` with a region id and a whole number from 0 to 10."""
    region, sep, level = value.partition("=")
    regions = kb.ids("regions")
    if not sep:
        expected = _("REGION=0-10, REGION one of: {regions}")
        raise BadInput("pain", value, expected.format(regions=", ".join(sorted(regions))))
    region = region.strip()
    if region not in regions:
        raise BadInput("pain region", region, regions)
    try:
        number = int(level.strip())
    except ValueError:
        raise BadInput("pain level", level, whole_number_to(PAIN_MAX)) from None
    if not 0 <= number <= PAIN_MAX:
        raise BadInput("pain level", number, whole_number_to(PAIN_MAX))
    return region, number


def organs(kb: KnowledgeBase) -> set[str]:
    return {organ for zone in kb.all(Zone) for organ in zone.organs}


def highlightable(kb: KnowledgeBase) -> set[str]:
    """Every id ``--highlight`` accepts: zones, points, regions, goals and organs."""
    ids = {*kb.ids("zones"), *kb.ids("points"), *kb.ids("regions"), *kb.ids("goals")}
    return ids | organs(kb)


def goal_targets(kb: KnowledgeBase, goal: str) -> set[str]:
    """Zones, points and regions the knowledge base links to ``goal``.

    A zone or point counts when one of its claims names the goal; a target of an exercise
    counts when the exercise serves the goal (weight at least one half). Whole routines are
    not asked: a routine for several goals would light up every place it works.
    """
    claims = {c.id for c in kb.all(Claim) if goal in c.goals}
    out: set[str] = set()
    marked: list[Zone | Point] = [*kb.all(Zone), *kb.all(Point)]
    for record in marked:
        if claims & set(record.claims):
            out.add(record.id)
    for exercise in kb.all(Exercise):
        if exercise.target and exercise.goals.get(goal, 0) >= 0.5:
            out.add(exercise.target)
    return out


def resolve(kb: KnowledgeBase, request: MapRequest) -> Focus:
    """Check every id of ``request`` and expand highlights to the zones, points and regions."""
    for view in request.views:
        if view not in VIEWS:
            raise BadInput("view", view, VIEWS)
    for foot in request.feet:
        if foot not in FEET:
            raise BadInput("foot", foot, FEET)
    for scheme in request.schemes:
        if scheme not in SCHEMES:
            raise BadInput("scheme", scheme, SCHEMES)
    focus = Focus()
    valid = highlightable(kb)
    wanted = list(request.highlight)
    for goal in request.goals:
        if goal not in kb.ids("goals"):
            raise BadInput("goals", goal, kb.ids("goals"))
        wanted.append(goal)
    all_organs = organs(kb)
    for item in wanted:
        if item not in valid:
            raise BadInput("highlight", item, valid)
        found = kb.find(item)
        record = found[1] if found else None
        if isinstance(record, Zone):
            focus.zones.add(item)
            focus.requested.add(item)
        elif isinstance(record, Point):
            # An article step that disagrees with the standard brings its nearest standard
            # points (step 5: LR2), drawn and marked beside it.
            focus.points.update((item, *record.nearest))
            focus.requested.update((item, *record.nearest))
        elif isinstance(record, Region):
            focus.regions.add(item)
            _add_within_region(kb, focus, item)
        elif item in kb.ids("goals"):
            targets = goal_targets(kb, item)
            if not targets:
                said = _("No zone, point or region is linked to the goal {goal}.")
                focus.notes.append(said.format(goal=named(kb, item, repr(item))))
            for target in targets:
                _add_target(kb, focus, target)
        elif item in all_organs:
            _add_organ(kb, focus, item)
    for region, level in request.pain:
        if region not in kb.ids("regions"):
            raise BadInput("pain region", region, kb.ids("regions"))
        if not 0 <= level <= PAIN_MAX:
            raise BadInput("pain level", level, whole_number_to(PAIN_MAX))
        focus.pain[region] = level
    for target, where, order in request.plan:
        found = kb.find(target)
        if found is None or found[0] not in {"zones", "points", "regions"}:
            raise BadInput("plan target", target, _("a zone, point or region id"))
        if where not in vocabulary.FEET.ids:
            raise BadInput("plan foot", where, vocabulary.FEET.ids)
        sides: tuple[str, ...] = FEET if where in {"both", "none"} else (where,)
        for side in sides:
            numbers = focus.numbers.setdefault((target, side), [])
            if order not in numbers:
                numbers.append(order)
    return focus


def _add_target(kb: KnowledgeBase, focus: Focus, target: str) -> None:
    found = kb.find(target)
    if found is None:
        return
    kind = found[0]
    if kind == "zones":
        focus.zones.add(target)
    elif kind == "points":
        focus.points.add(target)
    elif kind == "regions":
        focus.regions.add(target)


def _add_within_region(kb: KnowledgeBase, focus: Focus, region: str) -> None:
    focus.zones.update(z.id for z in kb.all(Zone) if z.region == region)
    focus.points.update(p.id for p in kb.all(Point) if p.region == region)


def _add_organ(kb: KnowledgeBase, focus: Focus, organ: str) -> None:
    zones = {z.id for z in kb.all(Zone) if organ in z.organs}
    focus.zones |= zones
    for point in kb.all(Point):
        if point.zone in zones:
            focus.points.add(point.id)
