"""A plan as a timeline of cues, and a guided run through it driven by an injected clock.

``segments(plan)`` is pure: where each step starts and ends in the session, what a cue says
when it begins (with "switch to the right foot" where the foot changes). ``Session`` is the
state of one run — current step, time spent, paused or not — and advances only when told the
time, so tests drive it with a fake clock and the player with ``time.monotonic``. ``speed``
runs the session N times faster than the clock (for demos and tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from plantar.i18n import _, ngettext, pgettext
from plantar.knowledge.vocabulary import FEET
from plantar.planner import Plan, Step
from plantar.planner.explain import duration, spoken_duration

Clock = Callable[[], float]
BACK_RESTARTS_AFTER = 3.0  # seconds into a step after which "back" restarts it instead
# The web player's holds, in seconds, outside the plan's own time: a countdown before the
# first step (to put the phone down and oil the hands), and a pause at each change of foot
# (to cover one foot and take the other), of a length the person picks among these.
READY_SECONDS = 5
SWITCH_PAUSES = (0, 5, 10, 20, 30)
SWITCH_PAUSE_DEFAULT = 10


def foot_words(foot: str, lang: str | None = None) -> str:
    """The foot a step is on, as said inside a sentence ("left foot"); "" for none. In
    ``lang``, else the current language."""
    return "" if foot == "none" else FEET.label(foot, lang).lower()


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    step: Step
    start: int  # seconds from the start of the session
    end: int
    previous_foot: str | None = None  # the foot of the last step on a foot before this one

    @property
    def seconds(self) -> int:
        return self.end - self.start

    @property
    def heading(self) -> str:
        if self.step.foot == "none":
            return self.step.title
        return f"{FEET.label(self.step.foot)}: {self.step.title}"

    @property
    def _covers(self) -> str | None:
        """The foot just finished, when this step moves to another one: it is wrapped up to
        keep it warm (the article's rule 3)."""
        return self.previous_foot if self.previous_foot in ("left", "right") else None

    @property
    def foot_title(self) -> str | None:
        """The change of foot as a heading ("Now the right foot"); None where the foot does
        not change."""
        foot = self.step.foot
        if foot not in ("left", "right", "both") or foot == self.previous_foot:
            return None
        said = _("Now the {foot}") if self._covers else _("Start with the {foot}")
        return said.format(foot=foot_words(foot))

    @property
    def switch(self) -> str | None:
        """Said first when the foot changes ("Cover the left foot and switch to the right
        foot.")."""
        if self.foot_title is None:
            return None
        if self._covers:
            return _("Cover the {covered} and switch to the {foot}.").format(
                covered=foot_words(self._covers), foot=foot_words(self.step.foot)
            )
        return f"{self.foot_title}."

    @property
    def foot_call(self) -> str | None:
        """The few words said as a new foot begins ("Cover the left foot. Now the right
        foot."); the web player holds its clock on them for a moment."""
        if self.foot_title is None:
            return None
        if self._covers:
            cover = _("Cover the {foot}.").format(foot=foot_words(self._covers))
            return f"{cover} {self.foot_title}."
        return f"{self.foot_title}."

    def cue(self) -> str:
        """The short spoken cue as the step begins: what, and for how long, said as a person
        would ("Kneading the sole, about a minute."), and the care the place needs ("Keep
        off the heel."); the screen shows the rest."""
        said = f"{self.step.title}, {spoken_duration(self.seconds)}."
        return f"{said} {self.step.caution}" if self.step.caution else said

    def announcement(self, full: bool = True) -> str:
        """What a cue says as the segment begins: the switch, the step and, if full, how."""
        words = [self.switch] if self.switch else []
        # Spoken: a translation may say the time as a person would ({spoken}, "about a
        # minute") where English reads the countdown's "1 min 15 s" ({duration}).
        said = pgettext("spoken as a step begins", "{heading}, {duration}.")
        words.append(
            said.format(
                heading=self.heading,
                duration=duration(self.seconds),
                spoken=spoken_duration(self.seconds),
            )
        )
        if full:
            words.append(self.step.instruction)
        elif self.step.caution:
            words.append(self.step.caution)
        return " ".join(words)


def segments(plan: Plan) -> list[Segment]:
    found: list[Segment] = []
    start = 0
    previous_foot: str | None = None
    for index, step in enumerate(plan.steps):
        found.append(Segment(index, step, start, start + step.seconds, previous_foot))
        if step.foot != "none":
            previous_foot = step.foot
        start += step.seconds
    return found


Status = Literal["done", "skipped"]
EventKind = Literal["started", "finished", "paused", "resumed"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    segment: Segment | None = None


@dataclass(slots=True)
class Summary:
    completed: bool  # ran to the end (not quit)
    done: list[Segment]
    skipped: list[Segment]
    seconds: float  # session time spent massaging (at the session's own pace)
    total: int

    def lines(self) -> list[str]:
        steps = len(self.done) + len(self.skipped)
        done, skipped = len(self.done), len(self.skipped)
        # English has said "step(s)" for any count; other languages take their plural forms.
        if self.completed and self.skipped:
            said = ngettext(
                "Session complete: {done} step(s) done, {skipped} skipped, {spent} of {total}.",
                "Session complete: {done} step(s) done, {skipped} skipped, {spent} of {total}.",
                done,
            )
        elif self.completed:
            said = ngettext(
                "Session complete: {done} step(s) done, {spent} of {total}.",
                "Session complete: {done} step(s) done, {spent} of {total}.",
                done,
            )
        elif self.skipped:
            said = ngettext(
                "Session stopped: {done} step(s) done, {skipped} skipped, {spent} of {total}.",
                "Session stopped: {done} step(s) done, {skipped} skipped, {spent} of {total}.",
                done,
            )
        else:
            said = ngettext(
                "Session stopped: {done} step(s) done, {spent} of {total}.",
                "Session stopped: {done} step(s) done, {spent} of {total}.",
                done,
            )
        out = [
            said.format(
                done=done,
                skipped=skipped,
                spent=duration(round(self.seconds)),
                total=duration(self.total),
            )
        ]
        if self.completed and not self.skipped:
            return out  # every step, in order: no need to list them
        if steps and self.done:
            out.append(_("Done: {steps}").format(steps=", ".join(s.heading for s in self.done)))
        if self.skipped:
            headings = ", ".join(s.heading for s in self.skipped)
            out.append(_("Skipped: {steps}").format(steps=headings))
        return out


@dataclass(slots=True)
class Session:
    plan: Plan
    clock: Clock
    speed: float = 1.0
    segments: list[Segment] = field(init=False)
    index: int = 0
    elapsed: float = 0.0  # session seconds into the current segment
    paused: bool = False
    finished: bool = False
    quit: bool = False
    spent: dict[int, float] = field(default_factory=dict)
    status: dict[int, Status] = field(default_factory=dict)
    _last: float = field(init=False)

    def __post_init__(self) -> None:
        if self.speed <= 0:
            raise ValueError("speed must be positive")
        self.segments = segments(self.plan)
        self._last = self.clock()
        self.finished = not self.segments

    def start(self) -> list[Event]:
        """The event that begins the session (the first step's cue)."""
        return [Event("started", self.segments[0])] if self.segments else [Event("finished")]

    @property
    def current(self) -> Segment | None:
        return None if self.finished else self.segments[self.index]

    @property
    def upcoming(self) -> Segment | None:
        nxt = self.index + 1
        return self.segments[nxt] if not self.finished and nxt < len(self.segments) else None

    @property
    def remaining(self) -> float:
        current = self.current
        return 0.0 if current is None else max(0.0, current.seconds - self.elapsed)

    @property
    def position(self) -> float:
        """Session seconds from the start to where the run is now."""
        if self.finished:
            return float(self.plan.total_seconds)
        return self.segments[self.index].start + self.elapsed

    def _advance_clock(self) -> float:
        now = self.clock()
        delta = 0.0 if self.paused else (now - self._last) * self.speed
        self._last = now
        return delta

    def _leave(self, status: Status) -> None:
        self.spent[self.index] = self.spent.get(self.index, 0.0) + self.elapsed
        if self.status.get(self.index) != "done":
            self.status[self.index] = status

    def _go(self, index: int) -> list[Event]:
        self.elapsed = 0.0
        if index >= len(self.segments):
            self.finished = True
            return [Event("finished")]
        self.index = max(0, index)
        return [Event("started", self.segments[self.index])]

    def tick(self) -> list[Event]:
        """Let the clock's time pass; the events of the steps that began or the end."""
        if self.finished:
            return []
        self.elapsed += self._advance_clock()
        events: list[Event] = []
        while not self.finished and self.elapsed >= self.segments[self.index].seconds:
            extra = self.elapsed - self.segments[self.index].seconds
            self.elapsed = float(self.segments[self.index].seconds)
            self._leave("done")
            events += self._go(self.index + 1)
            self.elapsed = extra if not self.finished else 0.0
        return events

    def toggle_pause(self) -> None:
        self.tick()
        self.paused = not self.paused
        self._last = self.clock()

    def next(self) -> list[Event]:
        events = self.tick()
        if self.finished:
            return events
        self._leave("skipped")
        return events + self._go(self.index + 1)

    def back(self) -> list[Event]:
        events = self.tick()
        if self.finished:
            return events
        # The step left behind is still ahead, neither done nor skipped; the one returned to
        # is to be done again.
        self.spent[self.index] = self.spent.get(self.index, 0.0) + self.elapsed
        if self.status.get(self.index) == "skipped":
            del self.status[self.index]
        target = max(0, self.index if self.elapsed > BACK_RESTARTS_AFTER else self.index - 1)
        self.status.pop(target, None)
        return events + self._go(target)

    def stop(self) -> None:
        """Quit: the step under way counts as skipped if it was begun, unseen ones not at all."""
        self.tick()
        if self.finished:
            return
        if self.elapsed > 0:
            self._leave("skipped")
        self.quit = True
        self.finished = True

    def summary(self) -> Summary:
        done = [s for s in self.segments if self.status.get(s.index) == "done"]
        skipped = [s for s in self.segments if self.status.get(s.index) == "skipped"]
        return Summary(
            completed=not self.quit,
            done=done,
            skipped=skipped,
            seconds=sum(self.spent.values()),
            total=self.plan.total_seconds,
        )
