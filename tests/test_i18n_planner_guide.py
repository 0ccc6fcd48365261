"""The planner's and the guide's words in Russian: every text a plan, the terminal player, its
cues and the printout say goes through the catalog, so none is left in English.

The first tests need the Russian catalog to hold the planner's and the guide's sentences: a
Russian text must carry no Latin word of three letters or more, apart from point codes (KI1),
the brand and the speech program's name. The others hold what needs no catalog: the voice
espeak-ng is asked for, and the printout's measure and font for Cyrillic.
"""

from __future__ import annotations

import html
import io
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from plantar import i18n
from plantar.footmap.layout import text_width
from plantar.guide import cues, player, printout
from plantar.guide.outline import outline
from plantar.guide.timeline import Event, Session, segments
from plantar.knowledge import KnowledgeBase
from plantar.planner import Plan, PlanRequest, plan

# Sessions of every kind: several goals and lengths, times of day, each performer (the one
# receiving is the person or someone else), the article's routines (run for another
# performer, with what a routine leaves unused), and screenings that adapt the plan (a
# child's session shortened, sore and kept-off places, pregnancy), or stop it.
REQUESTS = [
    PlanRequest(goals=("sleep",), minutes=15, time_of_day="evening"),
    PlanRequest(goals=("relaxation", "stress"), minutes=1),
    PlanRequest(goals=("energy",), minutes=7, time_of_day="morning", performer="partner"),
    PlanRequest(goals=("headache", "arthritis"), minutes=40, time_of_day="afternoon"),
    PlanRequest(goals=("recovery",), minutes=90, performer="therapist", answered=True),
    PlanRequest(goals=("relaxation",), minutes=30, performer="partner", style="thai"),
    PlanRequest(
        goals=("sleep", "flat_feet"),
        minutes=30,
        age=8,
        conditions=("varicose_veins",),
        painful_zones=("heel",),
    ),
    PlanRequest(goals=("sleep",), minutes=25, age=0, performer="partner"),
    PlanRequest(goals=("fatigue",), minutes=20, conditions=("pregnancy",), answered=True),
    PlanRequest(goals=("relaxation",), minutes=12, lesion_zones=("heel", "zone_western_liver")),
    PlanRequest(goals=("sleep",), minutes=15, conditions=("fever",)),
    PlanRequest(routine="routine_self"),
    PlanRequest(routine="routine_mat", minutes=8),
    PlanRequest(
        routine="routine_partner",
        performer="self",
        goals=("sleep",),
        equipment=("massage_mat",),
        time_of_day="evening",
        lesion_zones=("heel",),
    ),
    PlanRequest(routine="routine_flat_feet_1", performer="partner", minutes=30),
    PlanRequest(routine="routine_acupressure", conditions=("pregnancy",), answered=True),
    PlanRequest(routine="routine_salon", age=6, minutes=40),
]

# Latin that a Russian text keeps: point codes (KI1, SP6, GB43), the brand, the program.
ALLOWED = re.compile(r"\b[A-Z]{1,3}\d+\b|plantar|espeak-ng")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def english_left(texts: list[str]) -> list[str]:
    """The texts that still hold a Latin word, each with the words."""
    found = []
    for text in texts:
        words = LATIN_WORD.findall(ALLOWED.sub(" ", text))
        if words:
            found.append(f"{words}: {text}")
    return found


def _rendered(*renderables: object) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, record=True)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _plan_texts(made: Plan) -> list[str]:
    texts = [made.title, *made.reminders, *made.warnings, *made.about, *made.essentials]
    texts += [*made.aftercare, *(goal.title for goal in made.goals)]
    for step in made.steps:
        texts += [step.title, step.instruction, step.why]
    return texts


def _guide_texts(made: Plan) -> list[str]:
    texts: list[str] = []
    for segment in segments(made):
        texts += [segment.heading, segment.cue(), segment.announcement()]
        texts += [t for t in (segment.switch, segment.foot_call, segment.foot_title) if t]
    for part in outline(made):
        texts += [part.heading, part.repeat]
    if not made.steps:
        return texts
    clock = Clock()
    session = Session(made, clock)
    texts.append(_rendered(player.ready_view(session), player.view(session, 1.0)))
    session.toggle_pause()
    texts.append(_rendered(player.view(session, 4.0)))
    session.toggle_pause()
    clock.now += 2
    session.next()
    session.stop()
    texts += session.summary().lines()
    texts.append(_rendered(player.view(session, 1.0)))
    whole = Session(made, clock)
    clock.now += made.total_seconds + 1
    whole.tick()
    texts += whole.summary().lines()
    skipping = Session(made, clock)
    skipping.next()
    clock.now += made.total_seconds + 1
    skipping.tick()
    texts += skipping.summary().lines()
    said: list[str] = []
    announce = player._announcer(cues.Silent(), 1.0, said.append)
    for kind in ("paused", "resumed", "finished"):
        announce(Event(kind))
    return texts + said


def _printed_texts(made: Plan) -> list[str]:
    """The printout's own words: its pages of text, and the heading of the map's page (the
    map itself is the foot map's, said by plantar.footmap)."""
    flowed = printout._flow(made).pages
    pages = [printout._svg_page(body, i, len(flowed), made.title) for i, body in enumerate(flowed)]
    texts = [html.unescape(t) for page in pages for t in re.findall(r">([^<]+)<", page)]
    return [*texts, i18n.gettext("Where each step works (numbers are the steps)")]


@pytest.fixture(scope="module")
def russian_plans(kb: KnowledgeBase) -> list[Plan]:
    with i18n.use("ru"):
        return [plan(request, kb) for request in REQUESTS]


def test_the_plans_are_said_in_russian(kb: KnowledgeBase, russian_plans: list[Plan]) -> None:
    with i18n.use("ru"):
        texts = [text for made in russian_plans for text in _plan_texts(made)]
    assert texts
    assert english_left(texts) == []


def test_the_terminal_player_its_cues_and_the_summary_are_said_in_russian(
    kb: KnowledgeBase, russian_plans: list[Plan]
) -> None:
    with i18n.use("ru"):
        texts = [text for made in russian_plans for text in _guide_texts(made)]
        # A cue is said as a person says it: no "мин" or "с" read out letter by letter.
        spoken = [s.announcement(full=False) for made in russian_plans for s in segments(made)]
    assert english_left(texts) == []
    assert not [s for s in spoken if re.search(r"\d (мин|с)\b", s)]


def test_the_printout_is_said_in_russian(kb: KnowledgeBase, russian_plans: list[Plan]) -> None:
    with i18n.use("ru"):
        texts = [text for made in russian_plans for text in _printed_texts(made)]
        texts.append(printout.disclaimer())
    assert english_left(texts) == []


def test_english_stays_english(kb: KnowledgeBase) -> None:
    made = plan(REQUESTS[0], kb)
    assert made.title.startswith("15-minute evening session: ")
    assert made.steps[0].title == "Get ready"
    assert segments(made)[1].switch == "Start with the left foot."


# What needs no catalog ----------------------------------------------------------------------


def _fake_espeak(tmp_path: Path, voices: str) -> Path:
    program = tmp_path / "espeak-ng"
    program.write_text(f"#!/bin/sh\nprintf '%s' '{voices}'\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


HEADER = "Pty Language       Age/Gender VoiceName          File                 Other Languages\n"


@pytest.fixture
def espeak_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("PATH", str(tmp_path))
    cues.has_voice.cache_clear()
    yield tmp_path
    cues.has_voice.cache_clear()


def test_russian_is_spoken_with_the_russian_voice_when_espeak_has_one(espeak_path: Path) -> None:
    _fake_espeak(espeak_path, HEADER + " 5  ru              --/M      Russian            zle/ru\n")
    screen = io.StringIO()
    with i18n.use("ru"):
        cue = cues.choose(False, screen)
    assert isinstance(cue, cues.Speech)
    assert cue.command("Отдых")[:3] == [str(espeak_path / "espeak-ng"), "-v", "ru"]
    assert screen.getvalue() == ""
    english = cues.choose(False, screen)
    assert isinstance(english, cues.Speech)
    assert english.command("Rest") == [str(espeak_path / "espeak-ng"), "-s", "150", "--", "Rest"]


def test_without_a_russian_voice_the_bell_rings_and_the_screen_says_so_once(
    espeak_path: Path,
) -> None:
    _fake_espeak(espeak_path, HEADER)
    screen = io.StringIO()
    with i18n.use("ru"):
        cue = cues.choose(False, screen)
    assert isinstance(cue, cues.Bell)
    assert screen.getvalue().count("\n") == 1
    assert "espeak-ng" in screen.getvalue()
    assert isinstance(cues.choose(True, screen), cues.Silent)


def test_a_russian_page_is_measured_in_dejavu_sans_cyrillic() -> None:
    # A Cyrillic letter is about as wide as a Latin one, not a full em: a Russian line fills
    # the page as an English one does.
    assert text_width("Поглаживание", 10, False) == pytest.approx(
        text_width("Poglazhivanie", 10, False), rel=0.15
    )
    assert text_width("Шаги", 12, True) > text_width("Шаги", 12, False)
    lines = printout.wrap("Разотрите ладони друг о друга, чтобы согреть их. " * 12, 499, 10.5)
    assert all(text_width(line, 10.5, False) <= 499 for line in lines)
    page = printout._svg_page([], 1, 1, "Сеанс")
    assert 'font-family="DejaVu Sans' in page


def _genitive(n: int, one: str, other: str) -> str:
    return one if n % 10 == 1 and n % 100 != 11 else other


def test_a_span_of_time_is_said_in_the_genitive(kb: KnowledgeBase) -> None:
    """ "от 40 секунд до 1 минуты", never "до 1 минута": Russian says both ends of a span in the
    genitive; English keeps "40 seconds to 1 minute". Every span the library shows, and more."""
    from plantar.knowledge.schema import Routine
    from plantar.planner.explain import written_span

    spans = {(s.seconds_min, s.seconds_max) for r in kb.all(Routine) for s in r.steps}
    spans |= {(low, high) for low in range(5, 240, 5) for high in (low + 15, low + 60)}
    assert len(spans) > 90
    for low, high in sorted(spans):
        with i18n.use("en"):
            english = written_span(low, high)
        with i18n.use("ru"):
            russian = written_span(low, high)
        assert " to " in english or english.startswith("about")
        assert "полторы" not in russian, russian
        for n, word in re.findall(r"(?:от|до|примерно) (\d+)(?:½)? (\w+)", russian):
            count = int(n)
            if "½" in russian.split(word)[0][-3:]:
                assert word == "минуты", russian
            elif word.startswith("минут"):
                assert word == _genitive(count, "минуты", "минут"), russian
            elif word.startswith("секунд"):
                assert word == _genitive(count, "секунды", "секунд"), russian
