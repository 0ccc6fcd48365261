"""The safety questions, the guided flow and the error messages in Russian (DESIGN.md,
"Language"): every word a person reads is said in the language asked, the ids and codes
around it stay what they are, and English stays exactly as it was."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

import pytest
from fastapi.testclient import TestClient

from plantar import i18n
from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.vocabulary import NOTICES
from plantar.safety import Intake, screen
from plantar.safety.intake import age_range
from plantar.safety.questionnaire import (
    GROUP_ORDER,
    LEADS,
    ask_intro,
    group_title,
    pages,
    parse_yes_no,
    questions,
    where_text,
    yes_no_prompt,
)
from plantar.safety.rulebook import rulebook
from plantar.web.app import create_app
from plantar.web.home.library import blurb, kind_title
from plantar.web.verdict import badge_label

# A Latin word of three letters or more; a code span (`plantar kb list zones`) is a command.
LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
CODE = re.compile(r"`[^`]*`")
# Said as such in Russian too: the key's own label.
KEY_NAMES = frozenset({"Enter"})
RECEIVERS = ("self", "other")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


def english_words(text: str, ids: Iterable[str] = ()) -> list[str]:
    """The Latin words of ``text`` that are not ids, codes or key names."""
    allowed = set(ids) | KEY_NAMES
    return [w for w in LATIN.findall(CODE.sub("", text)) if w not in allowed]


def id_words(ids: Iterable[str]) -> set[str]:
    """Every Latin word inside the given ids (``diabetic_foot_wound``: diabetic, foot, wound)."""
    return {word for value in ids for word in LATIN.findall(value.replace("_", " "))}


def questionnaire_texts(kb: KnowledgeBase) -> list[str]:
    texts = [where_text(kb)]
    for receiver in RECEIVERS:
        texts += [group_title(group, receiver) for group in GROUP_ORDER]
        texts += [LEADS[receiver], ask_intro(receiver)]
        texts += [q.text for q in questions(kb, receiver)]
        texts += [page.title for page in pages(kb, receiver)]
    return texts


def test_the_questionnaire_in_russian_says_no_english_word(kb: KnowledgeBase) -> None:
    with i18n.use("ru"):
        texts = questionnaire_texts(kb)
    said = {text: english_words(text) for text in texts}
    assert {text: words for text, words in said.items() if words} == {}


def test_the_terminal_takes_russian_answers_in_russian_only() -> None:
    with i18n.use("ru"):
        assert yes_no_prompt("Болит?") == "Болит? [д/Н/?]"
        assert [parse_yes_no(a) for a in ("д", "Да", "н", "нет", "не знаю", "y", "n", "?")] == [
            True,
            True,
            False,
            False,
            True,
            True,
            False,
            True,
        ]
    # On a Russian keyboard layout the key of "y" types "н": in English it is never a no.
    with pytest.raises(BadInput) as caught:
        parse_yes_no("н")
    assert caught.value.message == (
        "answer: 'н' is not valid; expected y, n, or ? if you are not sure "
        "(counted as yes, to be careful)"
    )


def test_the_flow_screens_are_titled_in_russian(kb: KnowledgeBase, client: TestClient) -> None:
    count = len(pages(kb)) + 2  # the questions' screens, then age and meal, then the check
    for step in range(count + 1):
        page = client.get("/start", params={"step": step, "lang": "ru"})
        assert page.status_code == 200, step
        title = re.search(r"<title>(.*?)</title>", page.text, re.S)
        assert title is not None
        shown = title.group(1).replace("· plantar", "").strip()
        assert shown, step
        assert english_words(shown) == [], (step, shown)
    bad = client.get("/start", params={"step": "99", "lang": "ru"})
    assert bad.status_code == 422
    alert = re.search(r'role="alert">(.*?)</p>', bad.text, re.S)
    assert alert is not None
    message = html.unescape(alert.group(1))
    assert message.startswith("step: недопустимое значение '99'; ожидается "), message
    assert english_words(message.removeprefix("step: ")) == []


def test_an_error_says_its_sentence_in_russian_and_its_ids_as_they_are(
    kb: KnowledgeBase, client: TestClient
) -> None:
    book = rulebook(kb)
    ids = id_words([*book.askable, *(d.condition.id for d in book.derived), "conditions"])
    ids |= {"partner"}  # a performer's id
    with i18n.use("ru"):
        with pytest.raises(BadInput) as caught:
            screen(Intake(conditions=("pregnacy",)), kb)
        message = caught.value.message
        assert "недопустимое значение 'pregnacy'" in message
        assert "pregnancy, pregnancy_complications?" in message  # did you mean, with its ids
        assert english_words(message.replace("'pregnacy'", ""), ids) == []
        for bad, field in (
            (Intake(age=300), "age"),
            (Intake(minutes_since_meal=-1), "minutes_since_meal"),
            (Intake(cleared=("pregnancy",)), "cleared"),
            (Intake(performer="self", age=0), "performer"),
        ):
            with pytest.raises(BadInput) as caught:
                screen(bad, kb)
            said = caught.value.message
            assert said.startswith(f"{field}: "), said
            words = english_words(said.removeprefix(f"{field}: "), ids | {"self", "therapist"})
            assert words == [], said
    api = client.post("/api/v1/screen", params={"lang": "ru"}, json={"age": 300})
    assert api.status_code == 422
    assert api.json()["field"] == "age"
    assert english_words(api.json()["detail"].removeprefix("age: ")) == []
    empty = client.post("/api/v1/screen", params={"lang": "ru"}, content=b"")
    assert empty.json() == {"detail": "body: ожидался объект JSON, а запрос пуст", "field": "body"}


def test_badges_and_the_library_speak_russian() -> None:
    with i18n.use("ru"):
        assert [badge_label(b) for b in ("ok", "adapt", "not_checked")] == [
            "МОЖНО",
            "С ИЗМЕНЕНИЯМИ",
            "НЕ ПРОВЕРЕНО",
        ]
        assert kind_title("styles") == "Виды массажа"
        assert english_words(blurb("zones")) == []


def test_english_stays_word_for_word(kb: KnowledgeBase) -> None:
    assert group_title("warning") == "Warning signs first"
    assert group_title("today", "other") == "How they are today"
    assert LEADS["other"] == "Answer for the person whose feet you will massage, as they are today."
    assert pages(kb)[0].title.startswith("Warning signs (1 of ")
    meal = questions(kb, "other")[-1]
    assert meal.text == (
        "How many minutes ago did they last eat a meal? "
        "(Press Enter if it was more than an hour ago.)"
    )
    assert yes_no_prompt("Q?") == "Q? [y/N/?]"
    assert ask_intro() == (
        "Answer for yourself, as you are today.\nEach question takes y, n, or ? if you are not "
        "sure (counted as yes, to be careful); Enter means no."
    )
    assert where_text(kb).startswith("Where is it? Name the places, separated by commas (toes, ")
    assert where_text(kb).endswith("). Press Enter if you cannot say.")
    assert BadInput("age", 300, age_range()).message == (
        "age: 300 is not valid; expected a whole number of years from 0 to 120"
    )
    assert BadInput("style", "thia", ["thai", "classic"]).message == (
        "style: 'thia' is not valid; expected one of: classic, thai. Did you mean: thai?"
    )
    assert BadInput("x", "y" * 100).message.endswith("… (102 characters) is not valid")
    assert [badge_label(b) for b in ("ok", "adapt", "not_checked")] == [
        "OK",
        "ADAPT",
        "NOT CHECKED",
    ]
    assert kind_title("styles") == "Styles"
    assert blurb("zones") == f"Reflex zones of the charts. {NOTICES.label('not_diagnoses', 'en')}"
