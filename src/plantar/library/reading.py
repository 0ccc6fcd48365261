"""A knowledge record as a reader sees it: a lead paragraph, labelled facts, links; where a
point is, by the article and by the standard; a routine's steps; the sources. The library's
pages and ``plantar kb show`` both say a record through ``record_view``.

Field names become the vocabulary's words (``RECORD_FIELDS``), enumerated values their labels
(verdicts, kinds of condition, parts of the hand...), an id a link titled with its record,
a flag "Yes" or "No", a number of seconds a duration; a field with nothing in it (None, an
empty list) is not shown, and fields only the software needs (wording switches, the order of
a list in the article) are not shown either. The JSON twin (`/api/v1/kb/{id}`) keeps every
field as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from plantar.footmap.organs import organ_word
from plantar.footmap.scene import scheme_title
from plantar.formats import money, number
from plantar.i18n import _, current, ngettext
from plantar.knowledge import KnowledgeBase, title_of, vocabulary
from plantar.knowledge.schema import Record, Routine, Source
from plantar.knowledge.vocabulary import FEET, RECORD_FIELDS, Table
from plantar.planner.explain import as_read, written_span

# The paragraph a page opens with, per kind of record.
LEADS: dict[str, str] = {
    "styles": "summary",
    "techniques": "how",
    "regions": "description",
    "routines": "summary",
    "devices": "how",
    "claims": "text",
    "rules": "text",
    "conditions": "effect",
    "exercises": "text",
    "points": "claimed_for",
    "sources": "quote",
}
# Fields for the software, not for a reader (how a rule's words change, what a condition is
# derived from, which list of the article it is in, the demo's name...).
INTERNAL = frozenset(
    {
        "id",
        "title",
        "sources",
        "collection",
        "properties",
        "gentle",
        "question_other",
        "implied_by",
        "fact",
        "fact_below",
        "fact_at_least",
        "ask",
        "demo",
        "located_verdict",
        "essential",
        "article_lists",
        "cycle_seconds",
        "value",
        "unit",
        "amount_min",
        "amount_max",
        "currency",
        "seconds_min",
        "seconds_max",
        "total_seconds_min",
        "total_seconds_max",
        "steps",
        "article_location",
        "who_location",
        "service",
        "who_code",
    }
)
# Fields whose values are words of a vocabulary table.
VALUE_TABLES: dict[str, Table] = {
    "performers": vocabulary.PERFORMERS,
    "max_intensity": vocabulary.INTENSITIES,
    "default_intensity": vocabulary.INTENSITIES,
    "intensity": vocabulary.INTENSITIES,
    "direction": vocabulary.DIRECTIONS,
    "hand_parts": vocabulary.HAND_PARTS,
    "foot": vocabulary.FEET,
    "view": vocabulary.VIEWS,
    "views": vocabulary.VIEWS,
    "match": vocabulary.POINT_MATCHES,
    "meridian": vocabulary.MERIDIANS,
    "verdict": vocabulary.VERDICTS,
    "urgency": vocabulary.URGENCIES,
    "evidence": vocabulary.EVIDENCE,
    "category": vocabulary.RULE_CATEGORIES,
    "phase": vocabulary.PHASES,
    "rules_out": vocabulary.PROPERTIES,
    "seen": vocabulary.SOURCE_SEEN,
}
# Conditions and exercises both have an "effect": a text for one, a word for the other.
KIND_VALUE_TABLES: dict[tuple[str, str], Table] = {
    ("conditions", "kind"): vocabulary.CONDITION_KINDS,
    ("sources", "kind"): vocabulary.SOURCE_KINDS,
    ("exercises", "effect"): vocabulary.EFFECTS,
}
MINUTES = frozenset({"min_minutes", "typical_minutes", "max_minutes"})


@dataclass(frozen=True, slots=True)
class Shown:
    """One value as shown: text, a link, a list, or labelled pairs."""

    kind: Literal["text", "link", "list", "pairs"]
    text: str = ""
    href: str = ""
    items: tuple[Shown, ...] = ()
    pairs: tuple[tuple[str, Shown], ...] = ()
    lang: str | None = None  # when not the page's: a citation, kept as it was published


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a routine as a person follows it: how long, what, where, which foot."""

    time: str
    technique: tuple[str, str]  # id, title
    target: tuple[str, str] | None
    foot: str | None  # "Left foot"..., None when the step is for both or neither
    text: str


@dataclass(frozen=True, slots=True)
class Cited:
    """A source of the record: its title and the words a reader is shown of it."""

    id: str
    title: str
    quote: str | None  # the article's words in English (the translation we hold)
    quote_ru: str | None  # the Russian rendering of the quote, marked as such
    citation: str | None
    url: str | None
    finding: str | None


@dataclass(frozen=True, slots=True)
class RecordView:
    lead: str | None
    facts: list[tuple[str, Shown]] = field(default_factory=list)
    # The language of the lead when it is not the page's: a source's quote is held in the
    # article's English translation only (its Russian rendering is a fact of its own).
    lead_lang: str | None = None
    # A point: where it is, by the article and by the standard (heading, text), side by side.
    where: list[tuple[str, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    per_foot: bool = False
    sources: list[Cited] = field(default_factory=list)


def _text(value: Any) -> str | None:
    if isinstance(value, dict) and "en" in value:
        return value.get(current()) or value["en"] or None
    return None


def shown(kind: str, key: str, value: Any, kb: KnowledgeBase) -> Shown | None:
    """``value`` of field ``key`` as a reader sees it, or None when there is nothing to show."""
    if value is None or value == [] or value == {} or value == "":
        return None
    if (text := _text(value)) is not None:
        return Shown("text", text)
    if key == "citation" and isinstance(value, str) and current() != "en":
        return Shown("text", value, lang="en")
    if key == "pinyin" and isinstance(value, str):  # a Chinese name in Latin letters
        return Shown("text", value, lang="zh-Latn-pinyin")
    if isinstance(value, dict) and "en" in value:
        return None
    if isinstance(value, bool):
        return Shown("text", _("Yes") if value else _("No"))
    if isinstance(value, int | float):
        if key in MINUTES:
            said = ngettext("%(num)s minute", "%(num)s minutes", int(value))
            return Shown("text", said % {"num": f"{value:g}"})
        return Shown("text", f"{value:g}")
    if isinstance(value, str):
        table = KIND_VALUE_TABLES.get((kind, key)) or VALUE_TABLES.get(key)
        if table is not None and value in table.ids:
            return Shown("text", table.label(value))
        if key == "url":
            return Shown("link", value, href=value)
        if key == "icd10":
            return Shown("text", value)
        if key == "scheme":
            return Shown("text", scheme_title(value))
        if key == "organs":  # organ names are words of the charts ("lower_back")
            return Shown("text", organ_word(value))
        if kb.find(value) is not None:
            return Shown("link", kb.title(value), href=f"/library/{value}")
        return Shown("text", value)
    if isinstance(value, list):
        items = tuple(s for v in value if (s := shown(kind, key, v, kb)) is not None)
        return Shown("list", items=items) if items else None
    if isinstance(value, dict):
        pairs = tuple(
            (kb.title(k) if kb.find(k) else (RECORD_FIELDS.labels().get(k) or k), s)
            for k, v in value.items()
            if (s := shown(kind, k, v, kb)) is not None
        )
        return Shown("pairs", pairs=pairs) if pairs else None
    return Shown("text", str(value))


def _combined(kind: str, record: dict[str, Any]) -> list[tuple[str, str]]:
    """Facts made of several fields: a time range, an amount with its unit, a price."""
    facts = []
    if record.get("seconds_min") is not None:
        facts.append(("time", written_span(record["seconds_min"], record["seconds_max"])))
    if record.get("total_seconds_min") is not None:
        length = written_span(record["total_seconds_min"], record["total_seconds_max"])
        if record.get("per_foot"):
            length = _("{length} for both feet").format(length=length)
        facts.append(("length", length))
    if record.get("value") is not None:
        facts.append(("amount", _amount(record["value"], record.get("unit"))))
    if record.get("amount_min") is not None:
        low, high, currency = record["amount_min"], record.get("amount_max"), record.get("currency")
        said = (
            _("{low} to {high}").format(low=money(low, currency), high=money(high, currency))
            if high
            else money(low, currency)
        )
        facts.append(("price", said))
    return facts


def _amount(value: float, unit: str | None) -> str:
    """A rule's value with its unit (schema.Rule.unit), counted: English as the data writes it
    ("1 years": a threshold, said as the unit is named), Russian in its three forms."""
    count = int(value) if float(value).is_integer() else 2  # a fraction takes the "few" form
    if unit == "minutes":
        said = ngettext("{n} minutes", "{n} minutes", count)
    elif unit == "years":
        said = ngettext("{n} years", "{n} years", count)
    elif unit == "glass":
        said = ngettext("{n} glass", "{n} glass", count)
    else:
        return number(value) + (f" {unit}" if unit else "")
    return said.format(n=number(value))


def _where(record: dict[str, Any]) -> list[tuple[str, str]]:
    """Where a point is: the article's words (for a step of the article) and the standard
    location, each headed."""
    article, standard = record.get("article_location"), record.get("who_location")
    if not article and not standard:
        return []
    code = record.get("who_code")
    said = [
        (
            _("The standard location (%(code)s)") % {"code": code}
            if code
            else _("The standard location"),
            _text(standard) or _("No standard acupoint lies here."),
        )
    ]
    if record.get("article_step") is None:
        return said  # a standard acupoint the article does not name
    return [(_("The article"), _text(article) or _("The article does not say.")), *said]


def routine_steps(kb: KnowledgeBase, routine: Routine) -> list[Step]:
    """A routine's steps as a list a person follows: what, where, how long."""
    return [
        Step(
            time=written_span(step.seconds_min, step.seconds_max),
            technique=(step.technique, kb.title(step.technique)),
            target=(step.target, kb.title(step.target)) if step.target else None,
            foot=FEET.label(step.foot) if step.foot not in ("both", "none") else None,
            text=step.text.text(),
        )
        for step in routine.steps
    ]


def cited(kb: KnowledgeBase, record: Record) -> list[Cited]:
    """The record's sources, each with the words a reader is shown of it."""
    found = []
    for source_id in getattr(record, "sources", []):
        entry = kb.find(source_id)
        if entry is None or not isinstance(entry[1], Source):
            continue
        source = entry[1]
        found.append(
            Cited(
                id=source_id,
                title=title_of(source),
                quote=source.quote or None,
                quote_ru=source.quote_ru or None,
                citation=source.citation or None,
                url=source.url or None,
                finding=source.finding.text() if source.finding else None,
            )
        )
    return found


def record_view(
    kind: str, record: dict[str, Any], kb: KnowledgeBase, entry: Record | None = None
) -> RecordView:
    """The lead and the facts of a record (its ``record_json``); with the ``entry`` itself,
    its routine steps and its sources too."""
    lead_key = LEADS.get(kind)
    value = record.get(lead_key) if lead_key else None
    # A text in each language, or one string (a source's quote, kept in the article's
    # English translation).
    lead = value if isinstance(value, str) and value else _text(value)
    # A source's quote is one string, the article's English translation: said as English.
    quoted = kind == "sources" and isinstance(value, str) and bool(value) and current() != "en"
    if kind == "exercises" and lead:
        lead = as_read(lead, record)
    facts: list[tuple[str, Shown]] = [
        (RECORD_FIELDS.label(key), Shown("text", text)) for key, text in _combined(kind, record)
    ]
    for key, value in record.items():
        if key in INTERNAL or key == lead_key:
            continue
        # The article's words in Russian are a translation back from the English one we
        # hold, said as such beside it; an English reader has the quote itself.
        if key == "quote_ru" and current() == "en":
            continue
        if (s := shown(kind, key, value, kb)) is not None:
            facts.append((RECORD_FIELDS.label(key), s))
    return RecordView(
        lead,
        facts,
        lead_lang="en" if quoted else None,
        where=_where(record) if kind == "points" else [],
        steps=routine_steps(kb, entry) if isinstance(entry, Routine) else [],
        per_foot=bool(record.get("per_foot")),
        sources=cited(kb, entry) if entry is not None else [],
    )
