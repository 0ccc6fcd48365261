"""Rules about the data's meaning that types alone cannot state.

Each check is registered with ``@check`` and yields ``Issue(kind, key, path, message)``;
``key`` is a record id (or a coverage index). The validator turns these into file and line.
New checks register the same way; nothing else needs to change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NamedTuple

from plantar.knowledge.model import KnowledgeBase
from plantar.knowledge.schema import (
    MERIDIAN_OF_CODE,
    WHO_CODE,
    Claim,
    Condition,
    CoverageItem,
    Point,
    Price,
    Routine,
    Rule,
    Source,
    Zone,
)


class Issue(NamedTuple):
    kind: str
    key: str | int
    path: tuple[str | int, ...]
    message: str


Check = Callable[[KnowledgeBase, str], Iterator[Issue]]
CHECKS: list[Check] = []

STUDY_KINDS = frozenset({"review", "meta_analysis", "trial", "guideline"})
# "supported" means systematic reviews or meta-analyses find a benefit (DESIGN.md).
REVIEW_KINDS = frozenset({"review", "meta_analysis"})


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def normalise(text: str) -> str:
    """Fold case, quotes, dashes and white space so quotes match the article's text."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2013\u2014]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@check
def article_quotes_are_verbatim(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    haystack = normalise(article)
    for source in kb.all(Source):
        if source.kind == "article":
            if not source.quote:
                yield Issue("sources", source.id, (), "an article source needs a 'quote'")
            elif normalise(source.quote) not in haystack:
                yield Issue(
                    "sources", source.id, ("quote",), "quote is not found in the article text"
                )
        elif not (source.citation or source.url):
            yield Issue("sources", source.id, (), "a non-article source needs a citation or url")
        if bool(source.quote) != bool(source.quote_ru):
            yield Issue(
                "sources",
                source.id,
                ("quote" if source.quote else "quote_ru",),
                "a quote needs its Russian rendering 'quote_ru' (and 'quote_ru' its quote)",
            )


def _source_kinds(kb: KnowledgeBase, ids: list[str]) -> set[str]:
    kinds: set[str] = set()
    for source_id in ids:
        found = kb.find(source_id)
        if found is not None and isinstance(found[1], Source):
            kinds.add(found[1].kind)
    return kinds


@check
def claims_cite_the_article_and_evidence(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    for claim in kb.all(Claim):
        kinds = _source_kinds(kb, claim.sources)
        if "article" not in kinds:
            yield Issue("claims", claim.id, ("sources",), "a claim needs its article passage")
        if claim.evidence == "supported" and not kinds & REVIEW_KINDS:
            yield Issue(
                "claims",
                claim.id,
                ("evidence",),
                "evidence 'supported' needs a systematic review or meta-analysis "
                "(a source of kind review or meta_analysis)",
            )
        if claim.evidence != "traditional" and not kinds & STUDY_KINDS:
            yield Issue(
                "claims",
                claim.id,
                ("evidence",),
                f"evidence {claim.evidence!r} needs a study citation "
                f"(a source of kind {', '.join(sorted(STUDY_KINDS))})",
            )


@check
def every_record_cites_the_article(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    for kind, record in kb:
        if kind in {"sources", "claims"}:
            continue
        cited: list[str] = getattr(record, "sources", [])  # every kind but sources has them
        if "article" not in _source_kinds(kb, cited):
            yield Issue(kind, record.id, ("sources",), "needs at least one article source")


@check
def routine_steps_have_sane_durations(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    for routine in kb.all(Routine):
        if not routine.steps:
            yield Issue("routines", routine.id, ("steps",), "a routine needs at least one step")
        for index, step in enumerate(routine.steps):
            if step.seconds_min > step.seconds_max:
                yield Issue(
                    "routines",
                    routine.id,
                    ("steps", index, "seconds_min"),
                    f"seconds_min {step.seconds_min} is above seconds_max {step.seconds_max}",
                )


@check
def prices_are_ranges(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    for price in kb.all(Price):
        if price.amount_max is not None and price.amount_max < price.amount_min:
            yield Issue("prices", price.id, ("amount_max",), "amount_max is below amount_min")


@check
def points_lie_in_their_zone_region(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    for point in kb.all(Point):
        if point.zone is None:
            continue
        found = kb.find(point.zone)
        if found is not None and isinstance(found[1], Zone) and found[1].region != point.region:
            yield Issue(
                "points",
                point.id,
                ("zone",),
                f"zone {point.zone} lies in region {found[1].region}, the point in {point.region}",
            )


# The fields a point needs as the article's step, and as a standard acupoint.
_ARTICLE_FIELDS = ("article_location", "claimed_for", "match")
_STANDARD_FIELDS = ("who_location", "pinyin", "name", "meridian", "traditional_uses")
CODE = re.compile(WHO_CODE)


@check
def points_say_what_they_are(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    """A point is the article's step, a standard acupoint, or both, with what each needs: the
    article's words, claim and agreement; the standard code, location, pinyin, English name,
    meridian (by the code's letters) and traditional uses. An id that is a code is that code."""
    for point in kb.all(Point):
        if point.article_step is None and point.who_code is None:
            yield Issue("points", point.id, (), "neither an article step nor a standard code")
        if point.article_step is not None:
            for name in _ARTICLE_FIELDS:
                if getattr(point, name) is None:
                    yield Issue("points", point.id, (name,), f"an article step needs {name}")
        else:
            for name in (*_ARTICLE_FIELDS, "match_note", "nearest"):
                if getattr(point, name) not in (None, []):
                    yield Issue("points", point.id, (name,), f"only an article step has {name}")
        if point.who_code is not None:
            for name in _STANDARD_FIELDS:
                if getattr(point, name) is None:
                    yield Issue("points", point.id, (name,), f"a standard point needs {name}")
            meridian = MERIDIAN_OF_CODE[point.who_code[:2]]
            if point.meridian not in (None, meridian):
                yield Issue(
                    "points",
                    point.id,
                    ("meridian",),
                    f"{point.who_code} lies on the {meridian} meridian, not {point.meridian}",
                )
        if CODE.match(point.id) and point.who_code != point.id:
            yield Issue("points", point.id, ("who_code",), f"a point named {point.id} is it")
        cautioned = any(c.condition == "pregnancy" for c in point.cautions)
        if point.pregnancy_light_only != cautioned:
            yield Issue(
                "points",
                point.id,
                ("pregnancy_light_only",),
                "light touch only in pregnancy goes with a pregnancy caution saying why",
            )
        for i, near in enumerate(point.nearest):
            found = kb.find(near)
            if found is not None and getattr(found[1], "who_code", None) is None:
                yield Issue("points", point.id, ("nearest", i), f"{near} is not a standard point")


@check
def article_steps_are_unique(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    seen: dict[int, str] = {}
    for point in kb.all(Point):
        step = point.article_step
        if step is None:
            continue
        if step in seen:
            yield Issue(
                "points", point.id, ("article_step",), f"step {step} is also held by {seen[step]}"
            )
        seen[step] = point.id


LIST_ITEM = re.compile(r"^\s+(?:\u2022|\d+\.)\s+(.+?)\s*$")


def article_list_items(article: str) -> list[str]:
    """Every bulleted item and numbered step of the article, in order."""
    return [m.group(1) for line in article.splitlines() if (m := LIST_ITEM.match(line))]


@check
def coverage_is_complete(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    listed = Counter(normalise(c.item) for c in kb.all(CoverageItem))
    haystack = normalise(article)
    for index, item in enumerate(kb.all(CoverageItem)):
        if bool(item.held_by) == bool(item.excluded):
            yield Issue(
                "coverage", index, (), "an item is either held_by records or excluded, not both"
            )
        if normalise(item.item) not in haystack:
            yield Issue("coverage", index, ("item",), "item text is not found in the article")
    # An item that stands in two lists of the article (e.g. "arthritis;") needs two entries.
    wanted = Counter(normalise(text) for text in article_list_items(article))
    for text, count in wanted.items():
        if listed[text] < count:
            yield Issue(
                "coverage",
                -1,
                (),
                f"article item not in the checklist ({listed[text]} of {count} times): "
                f"{text[:70]!r}",
            )


@check
def implications_have_no_cycles(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    """A condition implied by others may not (through any chain) imply one of them."""
    implies: dict[str, set[str]] = {}
    for condition in kb.all(Condition):
        for implication in condition.implied_by:
            for cause in implication.when:
                implies.setdefault(cause, set()).add(condition.id)

    def reaches(start: str, goal: str) -> bool:
        seen: set[str] = set()
        stack = [start]
        while stack:
            here = stack.pop()
            if here == goal:
                return True
            if here not in seen:
                seen.add(here)
                stack.extend(implies.get(here, ()))
        return False

    for condition in kb.all(Condition):
        for index, implication in enumerate(condition.implied_by):
            for cause in implication.when:
                if reaches(condition.id, cause):
                    yield Issue(
                        "conditions",
                        condition.id,
                        ("implied_by", index, "when"),
                        f"{cause} and {condition.id} imply each other (a cycle)",
                    )


@check
def unasked_conditions_are_implied(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    """A condition the questionnaire does not ask must follow from other answers."""
    for condition in kb.all(Condition):
        if not condition.ask and not condition.implied_by:
            yield Issue(
                "conditions", condition.id, ("ask",), "ask: false needs implied_by to reach it"
            )


SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


@check
def questions_have_a_form_for_someone_else(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    """A question that says "you" has a twin about someone else that never does."""
    for condition in kb.all(Condition):
        if not condition.ask:
            continue
        other = condition.question_other
        if other is None and SECOND_PERSON.search(condition.question.en):
            yield Issue(
                "conditions",
                condition.id,
                ("question",),
                "the question says 'you': give question_other, put about someone else",
            )
        elif other is not None and SECOND_PERSON.search(other.en):
            yield Issue(
                "conditions",
                condition.id,
                ("question_other",),
                "question_other is about someone else: it must not say 'you'",
            )


# A plan lists its essential rules before the start (DESIGN.md "Plan": essentials); more than
# this many and the list stops being read.
MOST_ESSENTIALS = 5


@check
def essentials_are_few(kb: KnowledgeBase, article: str) -> Iterator[Issue]:
    """At most ``MOST_ESSENTIALS`` rules are essential: the list a plan opens with stays short."""
    essential = [r.id for r in kb.all(Rule) if r.essential]
    for rule_id in essential[MOST_ESSENTIALS:]:
        yield Issue(
            "rules",
            rule_id,
            ("essential",),
            f"at most {MOST_ESSENTIALS} rules are essential ({', '.join(essential)}): "
            "a plan lists them all before its start",
        )
