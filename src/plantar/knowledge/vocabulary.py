"""One vocabulary: every enumerated value with its display text, in one place.

The ids are the values of the schema's ``Literal`` types (``schema.Foot``, ``schema.Evidence``
...; the chart's ``practice.schemas.FindingKind``) and are never translated; those types stay
the type source, and ``tests/test_vocabulary.py`` holds each table to its type. A ``Term``
carries a value's text one field per language, so a second language is a second column
(``ru``, issue 14), not a second copy of these tables: the CLI, the web pages, the map, the
printout and the FHIR export all ask ``label(table, value, lang)``.

Each text is the form shown on its own: a heading's capital for feet, views and chart
findings, lowercase for the tags beside a step or a badge (intensity, direction, evidence).
A sentence built around a label lowercases it itself. Whole sentences of advice stay with the
rules that decide them (``safety.advice``, ``planner.explain``).

Imports nothing: ``schema`` imports it (``EVIDENCE_MEANINGS``), and every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The languages a Term can hold; English is required, the others fall back to it.
LANGUAGES: tuple[str, ...] = ("en", "ru")


@dataclass(frozen=True, slots=True)
class Term:
    """One value's display text, a field per language of ``LANGUAGES``."""

    id: str
    en: str
    ru: str | None = None

    def text(self, lang: str = "en") -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"no language {lang!r}: one of {', '.join(LANGUAGES)}")
        found: str | None = getattr(self, lang)
        return found or self.en


@dataclass(frozen=True, slots=True)
class Table:
    """One enumerated kind: its values in order, each with its display text."""

    name: str
    terms: tuple[Term, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(term.id for term in self.terms)

    def __getitem__(self, value: str) -> Term:
        for term in self.terms:
            if term.id == value:
                return term
        raise KeyError(f"{value!r} is not one of the {self.name}: {', '.join(self.ids)}")

    def label(self, value: str, lang: str = "en") -> str:
        return self[value].text(lang)

    def labels(self, lang: str = "en") -> dict[str, str]:
        """Every value and its text, in order (a template's choices)."""
        return {term.id: term.text(lang) for term in self.terms}


def _table(name: str, *rows: tuple[str, str]) -> Table:
    return Table(name, tuple(Term(value, en) for value, en in rows))


# schema.Foot: where a step or a zone is. "none": a step done off the feet (getting ready).
FEET = _table(
    "feet",
    ("left", "Left foot"),
    ("right", "Right foot"),
    ("both", "Both feet"),
    ("none", "Neither foot"),
)
# schema.View: the four views of the foot map (DESIGN.md: "sole, top, inner and outer edge").
VIEWS = _table(
    "views",
    ("sole", "Sole"),
    ("top", "Top"),
    ("inner", "Inner edge"),
    ("outer", "Outer edge"),
)
# schema.Evidence, best first: the badge beside every claim and goal.
EVIDENCE = _table(
    "evidence",
    ("supported", "supported"),
    ("limited", "limited"),
    ("traditional", "traditional"),
    ("refuted", "refuted"),
)
# What each level means (DESIGN.md, "Honesty is a feature"); shown beside every badge.
EVIDENCE_MEANINGS = _table(
    "evidence_meanings",
    ("supported", "Systematic reviews or meta-analyses find a benefit"),
    ("limited", "Small or low-quality trials suggest a benefit"),
    ("traditional", "A belief of reflexology or traditional Chinese medicine, no trial support"),
    ("refuted", "Contradicted by evidence or by anatomy and physiology"),
)
# How a level is said inside a step's "why" ("Serves your goals: sleep (a traditional belief)").
EVIDENCE_PHRASES = _table(
    "evidence_phrases",
    ("supported", "supported by reviews of trials"),
    ("limited", "small trials suggest it"),
    ("traditional", "a traditional belief"),
    ("refuted", "not borne out by evidence"),
)
# schema.Intensity: the pressure of a step (the advice that goes with each is planner.explain's).
INTENSITIES = _table("intensities", ("light", "light"), ("medium", "medium"), ("firm", "firm"))
# schema.Direction: which way a step's strokes or circles go.
DIRECTIONS = _table(
    "directions",
    ("clockwise", "clockwise"),
    ("counterclockwise", "counterclockwise"),
    ("toward_ankle", "toward the ankle"),
    ("none", "any direction"),
)
# schema.Performer: who gives the massage, as the person planning chooses it.
PERFORMERS = _table(
    "performers",
    ("self", "I massage my own feet"),
    ("partner", "A partner massages them"),
    ("therapist", "A therapist"),
)
# safety.questionnaire.Receiver: whose feet will be massaged; the questions follow the choice.
RECEIVERS = _table("receivers", ("self", "Me"), ("other", "Someone else"))
# practice.schemas.FindingKind: what a practitioner marks on a client's foot chart.
FINDING_KINDS = _table(
    "finding_kinds",
    ("pain", "Pain"),
    ("tension", "Tension"),
    ("callus", "Callus"),
    ("lesion", "Skin lesion or wound"),
    ("do_not_touch", "Do not touch"),
)
# The honest small print, said the same way on every surface.
NOTICES = _table(
    "notices",
    ("not_medical_advice", "Not medical advice."),
    # Under one zone or point: the map, the library, `kb show`, the FHIR export.
    ("not_a_diagnosis", "A reflex correspondence is a traditional belief, not a diagnosis."),
    # Under the whole: help texts, plans, printouts, the map and the foot chart.
    ("not_diagnoses", "Reflex-zone correspondences are traditional beliefs, not diagnoses."),
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        FEET,
        VIEWS,
        EVIDENCE,
        EVIDENCE_MEANINGS,
        EVIDENCE_PHRASES,
        INTENSITIES,
        RECEIVERS,
        DIRECTIONS,
        PERFORMERS,
        FINDING_KINDS,
        NOTICES,
    )
}

NOT_MEDICAL_ADVICE = NOTICES.label("not_medical_advice")
NOT_A_DIAGNOSIS = NOTICES.label("not_a_diagnosis")
NOT_DIAGNOSES = NOTICES.label("not_diagnoses")


def label(table: Table | str, value: str, lang: str = "en") -> str:
    """The display text of ``value`` in ``table`` (a ``Table`` or its name), in ``lang``."""
    return (TABLES[table] if isinstance(table, str) else table).label(value, lang)
