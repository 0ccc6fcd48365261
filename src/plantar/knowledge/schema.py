"""Typed schema of the knowledge base.

Every data file in ``data/`` is a YAML list of one of these records. Validation is strict
(unknown keys are errors) and every cross-reference is declared with ``Ref``: the loader walks
the annotations, so a new field that names another record is checked without new code.

This module is on the start-up path of every command: it imports msgspec and nothing heavy.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

import msgspec

from plantar.i18n import current


class Ref:
    """Marks a string field as the id of a record of one of ``kinds``."""

    __slots__ = ("kinds",)

    def __init__(self, *kinds: str) -> None:
        self.kinds = kinds

    def __repr__(self) -> str:
        return f"Ref{self.kinds!r}"


class Record(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """Base of every record: strict, keyword-only, immutable."""


Written = Annotated[str, msgspec.Meta(min_length=1)]
# Russian is written in Cyrillic: a text with none is English left in place (or a code alone).
WrittenInRussian = Annotated[str, msgspec.Meta(min_length=1, pattern="[А-Яа-яЁё]")]


class Text(Record, kw_only=True, frozen=True):
    """Display text in each of plantar's languages (``plantar.i18n.LANGUAGES``), none of them
    empty; ids are never translated. ``kb check`` names the file and line of one missing."""

    en: Written
    ru: WrittenInRussian

    def text(self, lang: str | None = None) -> str:
        """This text in ``lang`` (the current language by default)."""
        return self.ru if (lang or current()) == "ru" else self.en


Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_:.\-]+$")]


class Entry(Record, kw_only=True, frozen=True):
    """A record of one of the ``KINDS``: it has an id, unique across all kinds."""

    id: Id


Seconds = Annotated[int, msgspec.Meta(ge=0)]
SourceRef = Annotated[str, Ref("sources")]
StyleRef = Annotated[str, Ref("styles")]
TechniqueRef = Annotated[str, Ref("techniques")]
RegionRef = Annotated[str, Ref("regions")]
ZoneRef = Annotated[str, Ref("zones")]
PointRef = Annotated[str, Ref("points")]
ConditionRef = Annotated[str, Ref("conditions")]
GoalRef = Annotated[str, Ref("goals")]
ClaimRef = Annotated[str, Ref("claims")]
DeviceRef = Annotated[str, Ref("devices")]
RoutineRef = Annotated[str, Ref("routines")]
TargetRef = Annotated[str, Ref("regions", "zones", "points")]
RuleRef = Annotated[str, Ref("rules")]

Performer = Literal["self", "partner", "therapist"]
PERFORMERS: tuple[Performer, ...] = get_args(Performer)
Intensity = Literal["light", "medium", "firm"]
Direction = Literal["clockwise", "counterclockwise", "toward_ankle", "none"]
Foot = Literal["left", "right", "both", "none"]
View = Literal["sole", "top", "inner", "outer"]
Evidence = Literal["supported", "limited", "traditional", "refuted"]
ConditionKind = Literal["absolute", "relative", "local", "temporary"]
Verdict = Literal["ok", "adapt", "postpone", "avoid"]
Urgency = Literal["none", "routine", "soon", "urgent", "emergency"]
# What a step, a rule or a style does that a finding can rule out (conditions' `rules_out`):
# the planner drops or replaces whatever carries a ruled-out property, never by its wording.
#   heat        warm water, a warming cream, steaming: a burn risk where feeling is reduced
#   vigorous    vigorous rubbing or patting, Thai and therapeutic massage
#   sitting_up  the person massaged sits up and holds their own foot (self-massage posture)
#   drink       drinking something before the session
#   scents      incense, candles, an aroma lamp (smoke and flame)
#   weight_bearing  standing or walking on a device (a spiked mat): the body's whole weight
Property = Literal["heat", "vigorous", "sitting_up", "drink", "scents", "weight_bearing"]
PROPERTIES: tuple[Property, ...] = get_args(Property)
HandPart = Literal[
    "thumb",
    "fingers",
    "fingertips",
    "palm",
    "palm_heel",
    "palm_edge",
    "knuckles",
    "fist",
    "both_hands",
    "elbow",
    "knee",
    "foot",
    "device",
]


class Source(Entry, kw_only=True, frozen=True):
    """Where a fact comes from: a passage of the article or a vetted citation.

    ``kind: article`` sources carry a ``quote`` that must appear verbatim in the article
    (``data/article.en.txt``); study sources carry the evidence file's id (``E7``) in ``ref``.
    """

    kind: Literal["article", "review", "meta_analysis", "trial", "guideline", "reference", "web"]
    title: Text
    quote: str | None = None
    # A Russian rendering of ``quote`` (the English translation): shown marked as a
    # translation, never as the article's original wording, which we do not hold.
    quote_ru: str | None = None
    citation: str | None = None
    ref: str | None = None
    url: str | None = None
    seen: Literal["seen", "partial", "unverified"] = "seen"
    finding: Text | None = None


class Style(Entry, kw_only=True, frozen=True):
    title: Text
    summary: Text
    features: list[Text] = []
    performers: list[Performer] = msgspec.field(
        default_factory=lambda: ["self", "partner", "therapist"]
    )
    min_minutes: Annotated[int, msgspec.Meta(ge=0)] | None = None
    typical_minutes: Annotated[int, msgspec.Meta(ge=0)] | None = None
    max_intensity: Intensity = "firm"
    needs_specialist: bool = False
    # A condition that rules out one of these rules out the style.
    properties: list[Property] = []
    claims: list[ClaimRef] = []
    sources: list[SourceRef]


class Technique(Entry, kw_only=True, frozen=True):
    title: Text
    how: Text
    hand_parts: list[HandPart] = []
    direction: Direction = "none"
    repetitions: Text | None = None
    default_intensity: Intensity = "light"
    demo: str | None = None
    sources: list[SourceRef]


class Region(Entry, kw_only=True, frozen=True):
    """A coarse anatomical area of the foot or lower leg (for painful or injured places)."""

    title: Text
    description: Text
    views: list[View]
    on_leg: bool = False
    sources: list[SourceRef]


class Zone(Entry, kw_only=True, frozen=True):
    """A reflex zone of one chart scheme; always inside one region. Never a diagnosis."""

    id: Annotated[str, msgspec.Meta(pattern=r"^zone_[a-z0-9_]+$")]
    title: Text
    region: RegionRef
    scheme: Literal["article_home", "article_acupressure", "article_map", "western"]
    foot: Foot = "both"
    view: View = "sole"
    corresponds_to: Text
    organs: list[Id] = []
    disagrees_with: list[ZoneRef] = []
    disagreement: Text | None = None
    claims: list[ClaimRef] = []
    sources: list[SourceRef]


# The meridians of the standard points of the foot and ankle, by their WHO code's letters.
Meridian = Literal["kidney", "liver", "spleen", "stomach", "gallbladder", "bladder"]
MERIDIAN_OF_CODE: dict[str, Meridian] = {
    "KI": "kidney",
    "LR": "liver",
    "SP": "spleen",
    "ST": "stomach",
    "GB": "gallbladder",
    "BL": "bladder",
}
# How well the article's place for a step agrees with the standard point or the Western chart.
PointMatch = Literal["strong", "good", "loose", "disagrees", "none"]
WHO_CODE = r"^(KI|LR|SP|ST|GB|BL)[1-9][0-9]?$"  # a standard point of foot and ankle
WhoCode = Annotated[str, msgspec.Meta(pattern=WHO_CODE)]


class Caution(Record, kw_only=True, frozen=True):
    """What a point asks of a condition (pregnancy: light touch only), and who says so."""

    condition: ConditionRef
    text: Text
    sources: Annotated[list[SourceRef], msgspec.Meta(min_length=1)]


class Point(Entry, kw_only=True, frozen=True):
    """A point of the foot: one of the article's acupressure steps (``article_step``), a
    standard acupoint (its WHO code is its id), or both (KI1, LR3, GB43).

    The article's reading (its words, what it says the point is for, how well the place agrees
    with the standard) is held with the step; the standard point's code, pinyin, usual English
    name, meridian, location (in our words, after the WHO standard) and traditional uses with
    the code (checks: ``points_say_what_they_are``).
    """

    title: Text
    region: RegionRef
    zone: ZoneRef | None = None
    view: View
    foot: Foot = "both"
    article_step: Annotated[int, msgspec.Meta(ge=1, le=13)] | None = None
    article_location: Text | None = None
    who_code: WhoCode | None = None
    who_location: Text | None = None
    pinyin: str | None = None
    name: Text | None = None  # the usual English rendering of the Chinese name
    meridian: Meridian | None = None
    # What tradition uses the point for: a traditional belief, never evidence that it works.
    traditional_uses: Text | None = None
    match: PointMatch | None = None
    match_note: Text | None = None
    # The standard points near the article's place, drawn beside it where the two disagree.
    nearest: list[PointRef] = []
    claimed_for: Text | None = None
    direction: Direction = "clockwise"
    pregnancy_light_only: bool = False
    cautions: list[Caution] = []
    claims: list[ClaimRef] = []
    sources: list[SourceRef]


class Implication(Record, kw_only=True, frozen=True):
    """A combination of answers that together mean a condition of their own."""

    when: Annotated[list[ConditionRef], msgspec.Meta(min_length=2)]
    # How the finding names the answers that made it ("diabetes with damaged skin").
    because: Text


class Condition(Entry, kw_only=True, frozen=True):
    """A contraindication, red flag or state that screening looks for."""

    title: Text
    question: Text  # put to the person who receives the massage ("Do you have...")
    # The same question about someone else ("Do they have..."); None when ``question`` does
    # not say "you" (checked).
    question_other: Text | None = None
    kind: ConditionKind
    verdict: Verdict
    effect: Text
    see_doctor: bool = True
    urgency: Urgency = "routine"
    rules_out_styles: list[StyleRef] = []
    max_intensity: Intensity | None = None
    no_point_work: bool = False
    icd10: str | None = None
    article_lists: list[Literal["general", "second", "acupressure", "thai", "other"]] = []
    red_flag: bool = False
    # Areas kept off while the condition holds (a region brings the zones and points in it).
    avoid_targets: list[TargetRef] = []
    # The verdict once the intake says where it is (its lesion zones are then avoided);
    # None: knowing where does not help.
    located_verdict: Verdict | None = None
    # Derived from a fact of the intake instead of asked: present when the fact is below,
    # or at least, the value of the named rule (thresholds stay in rules.yaml as data).
    # Both bounds together give a range (a child: at least one year old, below twelve).
    fact: Literal["age", "minutes_since_meal"] | None = None
    fact_below: RuleRef | None = None
    fact_at_least: RuleRef | None = None
    # Present too when all the conditions of one of these are (validated: no cycles).
    implied_by: list[Implication] = []
    # False for a condition only ever implied by other answers: the questionnaire does not
    # ask it again (it can still be named, with --condition).
    ask: bool = True
    # Properties of steps, rules and styles this condition rules out (see ``Property``).
    rules_out: list[Property] = []
    # The longest session advised, in minutes (a rule's value, so the number is cited data).
    max_minutes: RuleRef | None = None
    # Someone else must give the massage (a baby cannot massage themself).
    needs_other_performer: bool = False
    sources: list[SourceRef]


class Goal(Entry, kw_only=True, frozen=True):
    title: Text
    article_wording: list[Text] = []
    claims: list[ClaimRef] = []
    # Conditions to ask about before planning for this goal (recovery: a fracture, surgery).
    asks_first: list[ConditionRef] = []
    sources: list[SourceRef]


class Claim(Entry, kw_only=True, frozen=True):
    """A claim of the article, kept with an honest evidence level."""

    text: Text
    evidence: Evidence
    rationale: Text
    goals: list[GoalRef] = []
    sources: list[SourceRef]


class Rule(Entry, kw_only=True, frozen=True):
    """A preparation, conduct, timing, direction or intensity rule."""

    title: Text
    text: Text
    category: Literal[
        "environment",
        "preparation",
        "timing",
        "technique",
        "direction",
        "intensity",
        "conduct",
        "aftercare",
        "safety",
    ]
    article_number: Annotated[int, msgspec.Meta(ge=1, le=10)] | None = None
    styles: list[StyleRef] = []
    performers: list[Performer] = []
    value: float | None = None
    unit: str | None = None
    # A reminder carrying a property a finding rules out says ``gentle`` instead, or is left
    # out of the plan when it has none.
    properties: list[Property] = []
    gentle: Text | None = None
    # One of the few things a plan lists before its start (at most five rules are, checked by
    # `essentials_are_few`); the others wait behind "more".
    essential: bool = False
    sources: list[SourceRef]


class RoutineStep(Record, kw_only=True, frozen=True):
    technique: TechniqueRef
    target: TargetRef | None = None
    text: Text
    seconds_min: Seconds
    seconds_max: Seconds
    repetitions: Annotated[int, msgspec.Meta(ge=1)] | None = None
    foot: Foot = "both"
    direction: Direction = "none"
    intensity: Intensity = "light"
    properties: list[Property] = []
    # Said instead of ``text`` when a finding rules out one of ``properties`` (without one,
    # such a step is left out).
    gentle: Text | None = None


class Routine(Entry, kw_only=True, frozen=True):
    title: Text
    summary: Text
    style: StyleRef
    performers: list[Performer]
    goals: list[GoalRef] = []
    devices: list[DeviceRef] = []
    stated_minutes: Text | None = None
    per_foot: bool = True
    steps: list[RoutineStep]
    sources: list[SourceRef]

    def total_seconds(self) -> tuple[int, int]:
        """Shortest and longest total time, computed from the steps (both feet if per foot)."""
        feet = 2 if self.per_foot else 1
        low = sum(step.seconds_min for step in self.steps) * feet
        high = sum(step.seconds_max for step in self.steps) * feet
        return low, high


class Device(Entry, kw_only=True, frozen=True):
    title: Text
    how: Text
    home_made: bool = False
    sources: list[SourceRef]


class Price(Entry, kw_only=True, frozen=True):
    service: Text
    amount_min: Annotated[float, msgspec.Meta(ge=0)]
    amount_max: Annotated[float, msgspec.Meta(ge=0)] | None = None
    currency: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}$")]
    year: Annotated[int, msgspec.Meta(ge=1990, le=2100)]
    depends_on: Text | None = None
    sources: list[SourceRef]


class Exercise(Entry, kw_only=True, frozen=True):
    """A building block the planner may choose: what serves which goals, and for how long.

    Owned by the planner; weights say how well the block serves a goal (0-1) and cite why.
    """

    title: Text
    phase: Literal["warm_up", "main", "points", "finish"]
    technique: TechniqueRef
    target: TargetRef | None = None
    text: Text
    seconds_min: Seconds
    seconds_max: Seconds
    intensity: Intensity = "light"
    direction: Direction = "none"
    goals: dict[GoalRef, Annotated[float, msgspec.Meta(ge=0, le=1)]] = {}
    styles: list[StyleRef] = []
    performers: list[Performer] = []
    # One foot at a time (the planner mirrors it on the other foot), or both feet at once.
    per_foot: bool = True
    # Evening sessions calm, morning ones may stimulate: the planner reads this.
    effect: Literal["calming", "neutral", "stimulating"] = "neutral"
    # Devices it needs (all of them); offered only when the person has them.
    equipment: list[DeviceRef] = []
    # Seconds one movement (or one round over the area) takes: the instruction's "N times".
    cycle_seconds: Annotated[int, msgspec.Meta(ge=1)] | None = None
    # What the block does, in plain words: the first half of "why this step".
    purpose: Text | None = None
    # What it does that a finding may rule out (see ``Property``); such a block is left out.
    properties: list[Property] = []
    sources: list[SourceRef]


class Shape(Record, kw_only=True, frozen=True):
    """Where a region, zone or point is drawn on one view of the foot map.

    Coordinates are in the normalised frame of that view for the LEFT foot (x, y in 0..1,
    y down from the toes); the right foot is its mirror image.
    """

    of: TargetRef
    view: View
    polygon: list[tuple[float, float]] = []
    at: tuple[float, float] | None = None
    label_at: tuple[float, float] | None = None


class CoverageItem(Record, kw_only=True, frozen=True):
    """One list item or numbered step of the article and the record(s) holding it."""

    section: str
    item: str
    held_by: list[Annotated[str, Ref("*")]] = []
    excluded: str | None = None


# One registry: the order is the order of `kb list` help and of loading.
KINDS: dict[str, type[Entry]] = {
    "sources": Source,
    "styles": Style,
    "techniques": Technique,
    "regions": Region,
    "zones": Zone,
    "points": Point,
    "conditions": Condition,
    "goals": Goal,
    "claims": Claim,
    "rules": Rule,
    "routines": Routine,
    "devices": Device,
    "prices": Price,
    "exercises": Exercise,
}

# The kind of each record type (``kb.all(Goal)`` finds "goals" here).
KIND_OF: dict[type[Entry], str] = {record_type: kind for kind, record_type in KINDS.items()}

# Files that are not kinds of record (no ids of their own): name -> item type.
AUX_FILES: dict[str, type[Record]] = {"coverage": CoverageItem, "shapes": Shape}
