"""The guided session's clockwork, driven by a fake clock: steps, pauses, skips, the summary."""

from __future__ import annotations

import itertools
import re

import pytest

from plantar.guide.timeline import Session, segments
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Goal, Routine
from plantar.planner import Plan, PlanRequest, plan
from plantar.planner.explain import spoken_duration


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def sleep_plan(kb: KnowledgeBase) -> Plan:
    return plan(PlanRequest(goals=("sleep",), minutes=15, time_of_day="evening"), kb)


def test_segments_follow_the_plan_back_to_back(sleep_plan: Plan) -> None:
    segs = segments(sleep_plan)
    assert [s.step for s in segs] == sleep_plan.steps
    assert segs[0].start == 0
    assert all(a.end == b.start for a, b in itertools.pairwise(segs))
    assert segs[-1].end == sleep_plan.total_seconds


def test_the_foot_changes_are_announced(sleep_plan: Plan) -> None:
    switches = [(s.step.foot, s.switch) for s in segments(sleep_plan) if s.switch]
    assert switches == [
        ("left", "Start with the left foot."),
        ("right", "Cover the left foot and switch to the right foot."),
    ]
    first_right = next(s for s in segments(sleep_plan) if s.step.foot == "right")
    spoken = first_right.announcement()
    assert spoken.startswith("Cover the left foot and switch to the right foot. Right foot: ")
    assert first_right.step.instruction in spoken
    assert first_right.step.instruction not in first_right.announcement(full=False)


def test_time_moves_the_session_from_step_to_step(sleep_plan: Plan) -> None:
    clock = FakeClock()
    session = Session(sleep_plan, clock)
    first, second = session.segments[0], session.segments[1]
    assert session.start()[0].segment == first
    clock.advance(first.seconds - 1)
    assert session.tick() == []
    assert session.remaining == pytest.approx(1)
    clock.advance(2)
    events = session.tick()
    assert [e.segment for e in events] == [second]
    assert session.elapsed == pytest.approx(1)
    assert session.position == pytest.approx(first.seconds + 1)


def test_a_long_gap_passes_several_steps_and_can_finish(sleep_plan: Plan) -> None:
    clock = FakeClock()
    session = Session(sleep_plan, clock)
    clock.advance(sleep_plan.total_seconds + 5)
    events = session.tick()
    assert [e.kind for e in events][-1] == "finished"
    assert len(events) == len(sleep_plan.steps)  # every later step began, then the end
    summary = session.summary()
    assert summary.completed
    assert len(summary.done) == len(sleep_plan.steps)
    assert summary.skipped == []
    assert summary.seconds == pytest.approx(sleep_plan.total_seconds)


def test_speed_runs_the_session_faster_than_the_clock(sleep_plan: Plan) -> None:
    clock = FakeClock()
    session = Session(sleep_plan, clock, speed=200)
    clock.advance(sleep_plan.total_seconds / 200 + 0.01)
    session.tick()
    assert session.finished
    assert not session.quit


def test_pause_stops_the_countdown_until_resumed(sleep_plan: Plan) -> None:
    clock = FakeClock()
    session = Session(sleep_plan, clock)
    clock.advance(10)
    session.toggle_pause()
    assert session.paused
    clock.advance(500)
    assert session.tick() == []
    assert session.elapsed == pytest.approx(10)
    session.toggle_pause()
    clock.advance(5)
    session.tick()
    assert session.elapsed == pytest.approx(15)


def test_next_skips_and_back_returns(sleep_plan: Plan) -> None:
    clock = FakeClock()
    session = Session(sleep_plan, clock)
    clock.advance(5)
    events = session.next()
    assert session.index == 1
    assert events[-1].segment == session.segments[1]
    clock.advance(1)
    session.back()  # early in a step: back to the one before
    assert session.index == 0
    assert session.elapsed == 0
    clock.advance(10)
    session.back()  # well into a step: start it again
    assert session.index == 0
    assert session.elapsed == 0
    session.back()  # nothing before the first step: stays there
    assert session.index == 0


def test_quitting_summarises_what_was_done_and_skipped(sleep_plan: Plan) -> None:
    clock = FakeClock()
    session = Session(sleep_plan, clock)
    first = session.segments[0]
    clock.advance(first.seconds + 3)  # the first step done, 3 s into the second
    session.tick()
    session.next()  # skip the second
    session.stop()
    summary = session.summary()
    assert not summary.completed
    assert session.finished
    assert summary.done == [first]
    assert summary.skipped == [session.segments[1]]
    assert summary.seconds == pytest.approx(first.seconds + 3)
    lines = summary.lines()
    assert lines[0].startswith("Session stopped: 1 step(s) done, 1 skipped")
    assert "Get ready" in lines[1]


def test_a_plan_without_steps_is_over_at_once(kb: KnowledgeBase) -> None:
    empty = plan(PlanRequest(goals=("sleep",), minutes=15, conditions=("fever",)), kb)
    session = Session(empty, FakeClock())
    assert session.finished
    assert [e.kind for e in session.start()] == ["finished"]


def test_speed_must_be_positive(sleep_plan: Plan) -> None:
    with pytest.raises(ValueError, match="speed"):
        Session(sleep_plan, FakeClock(), speed=0)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (5, "5 seconds"),
        (15, "15 seconds"),
        (44, "about 45 seconds"),
        (58, "about a minute"),
        (60, "one minute"),
        (65, "about a minute"),
        (90, "a minute and a half"),
        (100, "about a minute and a half"),
        (120, "two minutes"),
        (150, "two and a half minutes"),
        (605, "about ten minutes"),
        (895, "about 15 minutes"),
        (900, "15 minutes"),
    ],
)
def test_durations_are_said_as_a_person_says_them(seconds: int, said: str) -> None:
    assert spoken_duration(seconds) == said


def test_a_change_of_foot_is_called_in_a_few_words(sleep_plan: Plan) -> None:
    calls = [(s.foot_title, s.foot_call) for s in segments(sleep_plan) if s.switch]
    assert calls == [
        ("Start with the left foot", "Start with the left foot."),
        ("Now the right foot", "Cover the left foot. Now the right foot."),
    ]


def _every_plan(kb: KnowledgeBase) -> list[Plan]:
    plans = [plan(PlanRequest(routine=r.id, answered=True), kb) for r in kb.all(Routine)]
    for goal in kb.all(Goal):
        for minutes in (5, 15, 30):
            plans.append(plan(PlanRequest(goals=(goal.id,), minutes=minutes, answered=True), kb))
    return plans


def test_every_cue_of_every_plan_is_short_and_speakable(kb: KnowledgeBase) -> None:
    long, written = [], []
    for made in _every_plan(kb):
        for seg in segments(made):
            cue = " ".join(filter(None, [seg.foot_call, seg.cue()]))
            if len(cue.split()) > 16:
                long.append(cue)
            if re.search(r"\d+ (min|s)\b", cue):  # "1 min 5 s" is written, not said
                written.append(cue)
    assert long == []
    assert written == []
