"""The plain-language questionnaire behind ``plantar screen --ask``.

Questions come from the data: each condition a person can answer has a yes/no ``question``;
age and meal time are asked as numbers (the derived conditions follow from them). Warning
signs come first, the most urgent first, so that an emergency is met before anything else.
This module holds no I/O: the CLI asks, these functions parse and collect the answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import msgspec

from plantar.errors import BadInput
from plantar.i18n import N_, Words, _, current
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Condition
from plantar.safety.intake import (
    Intake,
    age_range,
    check_age,
    check_lesion_zone,
    check_minutes,
    minutes_range,
)
from plantar.safety.rulebook import Rulebook, rulebook
from plantar.safety.verdicts import URGENCY_RANK

Group = Literal["warning", "today", "long_standing", "about"]
# Whose feet will be massaged: the questions speak to them ("self") or about them ("other"),
# one person throughout (vocabulary.RECEIVERS holds the choice's words).
Receiver = Literal["self", "other"]
RECEIVER_DEFAULT: Receiver = "self"
# Every text below is kept in English (the catalog's key) and said in the current language
# when looked up (i18n.Words), so each request or command reads its own language.
_GROUP_TITLES = {
    "warning": N_("Warning signs first"),
    "today": N_("How you are today"),
    "long_standing": N_("Long-standing conditions"),
    "about": N_("Age and the last meal"),
}
GROUP_TITLES: Mapping[str, str] = Words(_GROUP_TITLES)
_GROUP_TITLES_OTHER: Mapping[str, str] = Words({**_GROUP_TITLES, "today": N_("How they are today")})
# The first screen of warning signs: "first" is said by its place.
WARNING_PAGE_TITLE = N_("Warning signs")
# The line above the questions: who they are about.
LEADS: Mapping[str, str] = Words(
    {
        "self": N_("Answer for yourself, as you are today."),
        "other": N_("Answer for the person whose feet you will massage, as they are today."),
    }
)
_AGE_TEXT: Mapping[str, str] = Words(
    {
        "self": N_("How old are you, in years?"),
        "other": N_("How old is the person whose feet you will massage, in years?"),
    }
)
_MEAL_TEXT: Mapping[str, str] = Words(
    {
        "self": N_("How many minutes ago did you last eat a meal?"),
        "other": N_("How many minutes ago did they last eat a meal?"),
    }
)
_MEAL_ENTER = N_("(Press Enter if it was more than an hour ago.)")
GROUP_ORDER: tuple[Group, ...] = ("warning", "today", "long_standing", "about")

YES = frozenset({"y", "yes"})
NO = frozenset({"n", "no"})
# "Not sure" counts as yes: screening errs on the side of caution.
UNSURE = frozenset({"?", "not sure", "unsure", "don't know", "dont know"})
# In Russian the Russian words too (д/н, да/нет), besides the English ones; only in Russian:
# on a Russian keyboard layout the key of "y" types "н", which must never be a "no" to
# someone answering in English.
ANSWER_WORDS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "ru": (
        frozenset({"д", "да"}),
        frozenset({"н", "нет"}),
        frozenset({"не знаю", "незнаю", "не уверен", "не уверена", "не уверены"}),
    ),
}
YES_NO_HELP = N_("y, n, or ? if you are not sure (counted as yes, to be careful)")
# After each yes/no question in the terminal: the keys, the default (no) in capitals.
YES_NO_HINT = N_("[y/N/?]")
_ASK_INTRO = N_("Each question takes {answers}; Enter means no.")


def yes_no_help() -> str:
    """The answers a yes/no question takes, in the current language."""
    return _(YES_NO_HELP)


def yes_no_prompt(text: str) -> str:
    """A yes/no question as the terminal asks it: the question, then its keys."""
    return f"{text} {_(YES_NO_HINT)}"


def ask_intro(receiver: Receiver = RECEIVER_DEFAULT) -> str:
    """The lines before the terminal's questions: whom they are about, and how to answer."""
    return f"{LEADS[receiver]}\n" + _(_ASK_INTRO).format(answers=yes_no_help())


class Question(msgspec.Struct, frozen=True, kw_only=True):
    key: str  # a condition id, or "age" / "minutes_since_meal"
    group: Group
    text: str
    answer: Literal["yes_no", "years", "minutes"]
    where: bool = False  # a yes is followed by "where is it?" (the place can be kept off)
    stops: bool = False  # a yes ends the questionnaire: it is an emergency


def _group(condition: Condition) -> Group:
    if condition.red_flag:
        return "warning"
    return "today" if condition.kind == "temporary" else "long_standing"


def group_title(group: Group, receiver: Receiver = RECEIVER_DEFAULT) -> str:
    return (GROUP_TITLES if receiver == "self" else _GROUP_TITLES_OTHER)[group]


def questions(kb: KnowledgeBase, receiver: Receiver = RECEIVER_DEFAULT) -> list[Question]:
    """Every question, grouped (warning signs first, most urgent first), in asking order,
    worded for the receiver: to them ("Do you...") or about them ("Do they...")."""
    book = rulebook(kb)
    # A condition only ever implied by other answers follows from them: not asked again.
    asked = [book.conditions[cid] for cid in book.askable if book.conditions[cid].ask]
    rank = {group: i for i, group in enumerate(GROUP_ORDER)}
    asked.sort(
        key=lambda c: (
            rank[_group(c)],
            -URGENCY_RANK[c.urgency] if c.red_flag else 0,
            book.order[c.id],
        )
    )
    found = [
        Question(
            key=c.id,
            group=_group(c),
            text=(c.question_other or c.question).text()
            if receiver == "other"
            else c.question.text(),
            answer="yes_no",
            where=c.located_verdict is not None,
            stops=c.urgency == "emergency",
        )
        for c in asked
    ]
    found.append(
        Question(
            key="age",
            group="about",
            text=_AGE_TEXT[receiver],
            answer="years",
        )
    )
    found.append(
        Question(
            key="minutes_since_meal",
            group="about",
            text=f"{_MEAL_TEXT[receiver]} {_(_MEAL_ENTER)}",
            answer="minutes",
        )
    )
    return found


# Questions on one screen of the guided flow: a phone shows five without scrolling far.
PAGE_SIZE = 5


@dataclass(frozen=True, slots=True)
class QuestionPage:
    """A screen of yes/no questions of one group; ``title`` says which of the group's
    screens it is when the group needs several."""

    group: Group
    title: str
    questions: tuple[Question, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(q.key for q in self.questions)


def pages(
    kb: KnowledgeBase, receiver: Receiver = RECEIVER_DEFAULT, size: int = PAGE_SIZE
) -> list[QuestionPage]:
    """The yes/no questions, a few to a screen, in asking order (warning signs first): each
    group on screens of its own, split as evenly as ``size`` allows."""
    asked = [q for q in questions(kb, receiver) if q.answer == "yes_no"]
    found: list[QuestionPage] = []
    for group in GROUP_ORDER:
        mine = [q for q in asked if q.group == group]
        if not mine:
            continue
        count = -(-len(mine) // size)
        base, extra = divmod(len(mine), count)
        start = 0
        for n in range(count):
            end = start + base + (1 if n < extra else 0)
            title = group_title(group, receiver)
            if group == "warning":  # "first" is said by the first screen's place
                title = _(WARNING_PAGE_TITLE)
            if count > 1:
                title = _("{title} ({number} of {count})").format(
                    title=title, number=n + 1, count=count
                )
            found.append(QuestionPage(group, title, tuple(mine[start:end])))
            start = end
    return found


def where_text(kb: KnowledgeBase) -> str:
    book = rulebook(kb)
    places = ", ".join(book.titles[r].lower() for r in book.regions)
    return " ".join(
        (
            _("Where is it?"),
            _("Name the places, separated by commas ({places}).").format(places=places),
            _("Press Enter if you cannot say."),
        )
    )


def parse_yes_no(raw: str) -> bool:
    answer = raw.strip().lower()
    yes, no, unsure = ANSWER_WORDS.get(current(), (frozenset(), frozenset(), frozenset()))
    if answer in YES or answer in UNSURE or answer in yes or answer in unsure:
        return True
    if answer in NO or answer in no:
        return False
    raise BadInput("answer", raw, yes_no_help())


def parse_yes_no_or_enter(raw: str) -> bool:
    """As ``parse_yes_no``, with Enter for no: most questions do not apply to most people."""
    return False if not raw.strip() else parse_yes_no(raw)


def _number(raw: str, field_name: str, valid: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise BadInput(field_name, raw, valid) from None


def parse_years(raw: str) -> int | None:
    """Age in years, or None when skipped (Enter)."""
    years = _number(raw, "age", age_range())
    return None if years is None else check_age(years)


def parse_minutes(raw: str) -> int | None:
    """Minutes since the last meal, or None (Enter: more than an hour, nothing to wait for)."""
    minutes = _number(raw, "minutes_since_meal", minutes_range())
    return None if minutes is None else check_minutes(minutes)


def _place_id(book: Rulebook, name: str) -> str:
    if name in book.inside:
        return name
    wanted = re.sub(r"[\s\-]+", "_", name.lower())
    for target in book.inside:
        title = book.titles.get(target, "")
        if wanted in (target.lower(), re.sub(r"[\s\-]+", "_", title.lower())):
            return target
    return check_lesion_zone(book, name)  # raises BadInput naming the valid places


def parse_places(kb: KnowledgeBase, raw: str) -> tuple[str, ...]:
    """Region, zone or point ids (or their titles, in the current language) separated by
    commas or "and" (in Russian also «и»)."""
    book = rulebook(kb)
    separators = r",|;|\band\b" + (r"|\bи\b" if current() == "ru" else "")
    names = [n.strip() for n in re.split(separators, raw) if n.strip()]
    return tuple(dict.fromkeys(_place_id(book, name) for name in names))


@dataclass
class Answers:
    """The answers so far; ``intake()`` merges them into what was given on the command line."""

    conditions: list[str] = field(default_factory=list)
    lesion_zones: list[str] = field(default_factory=list)
    age: int | None = None
    minutes_since_meal: int | None = None

    def record(self, question: Question, value: bool | int | None) -> None:
        if question.answer == "yes_no":
            if value is True:
                self.conditions.append(question.key)
        elif question.key == "age":
            self.age = value if isinstance(value, int) and not isinstance(value, bool) else None
        elif question.key == "minutes_since_meal":
            minutes = value if isinstance(value, int) and not isinstance(value, bool) else None
            self.minutes_since_meal = minutes

    def intake(self, given: Intake) -> Intake:
        """The intake with these answers: every question was put, so what was not named does
        not apply (``answered``)."""
        return msgspec.structs.replace(
            given,
            answered=True,
            conditions=tuple(dict.fromkeys([*given.conditions, *self.conditions])),
            lesion_zones=tuple(dict.fromkeys([*given.lesion_zones, *self.lesion_zones])),
            age=self.age if self.age is not None else given.age,
            minutes_since_meal=(
                self.minutes_since_meal
                if self.minutes_since_meal is not None
                else given.minutes_since_meal
            ),
        )
