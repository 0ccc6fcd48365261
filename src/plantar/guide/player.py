"""The terminal player: a live view of the session, keys to steer it, a cue at each change.

The view shows the current step in large type with a big countdown, what to do, the overall
progress, the next step (and "switch to the right foot" moments). In a terminal the clock
waits for space: the person settles, oils their hands, then starts. Keys: space pauses and
resumes, ``n`` skips to the next step, ``b`` goes back, ``q`` quits; Ctrl-C quits too. The
terminal is always restored. Without a terminal (output piped) it prints one line per step
and the session simply runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.align import Align
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from plantar.guide.bigtext import big, clock_text
from plantar.guide.cues import Cue
from plantar.guide.keys import Keys
from plantar.guide.timeline import Event, Session, Summary
from plantar.i18n import N_, Words, _, ngettext
from plantar.knowledge.vocabulary import FEET
from plantar.planner import Plan
from plantar.planner.explain import duration

REFRESH = 0.1  # seconds between redraws and key checks
FOOT_STYLE = {"left": "bold black on yellow", "right": "bold black on cyan", "both": "bold"}
SAYINGS = Words(
    {
        "finished": N_("The session is over. Rest now."),
        "paused": N_("Paused."),
        "resumed": N_("Going on."),
    }
)
# The keys are the same in every language; the markup stays as it is in a translation.
KEY_HELP = N_("[b]space[/] pause/resume · [b]n[/] next · [b]b[/] back · [b]q[/] quit")
READY_HELP = N_("Press [b]space[/] to start · [b]q[/] to quit")


def ready_view(session: Session) -> RenderableType:
    """Before the clock starts: what the session is and the one key that begins it."""
    plan = session.plan
    first = session.segments[0]
    count = len(session.segments)
    steps = ngettext("{n} step · {duration}", "{n} steps · {duration}", count)
    body = Group(
        Align.center(Text(plan.title or _("Your session"), style="bold")),
        Align.center(Text(steps.format(n=count, duration=duration(plan.total_seconds)))),
        Text(""),
        Text(_("First: {step}").format(step=first.heading)),
        Text(first.step.instruction),
        Text(""),
        Align.center(Text.from_markup(_(READY_HELP))),
    )
    return Panel(body, title=_("Ready when you are"), border_style="yellow")


def view(session: Session, speed: float) -> RenderableType:
    plan = session.plan
    current = session.current
    total = max(1, plan.total_seconds)
    head = Table.grid(expand=True)
    head.add_column(ratio=1)
    head.add_column(justify="right")
    step_count = _("step {number} of {count}").format(
        number=session.index + 1, count=len(session.segments)
    )
    head.add_row(f"[bold]{plan.title}[/]", step_count if current else _("finished"))
    bar = Table.grid(expand=True)
    bar.add_column(ratio=1)
    bar.add_column(justify="right")
    bar.add_row(
        ProgressBar(total=total, completed=min(total, session.position)),
        f" {duration(int(session.position))} / {duration(plan.total_seconds)}",
    )
    parts: list[RenderableType] = [head, bar]
    if current is None:
        done = _("[bold green]Done.[/]")
        parts.append(Panel(done + " " + " ".join(plan.aftercare), title=_("Rest")))
        return Group(*parts)
    step = current.step
    shown = f" {FEET.label(step.foot).upper()} " if step.foot != "none" else ""
    label = Text(shown, FOOT_STYLE.get(step.foot, ""))
    countdown = Text(
        big(clock_text(session.remaining)), style="yellow" if session.paused else "green"
    )
    body = Group(
        Align.center(label),
        Align.center(Text(step.title.upper(), style="bold")),
        Text(""),
        Align.center(countdown),
        Text(""),
        Text(step.instruction),
    )
    status = "[reverse yellow] " + _("PAUSED") + " [/] " if session.paused else ""
    parts.append(Panel(body, title=f"{status}{current.heading}", border_style="green"))
    nxt = session.upcoming
    if nxt is not None:
        switch = f"[reverse] {nxt.switch} [/] " if nxt.switch else ""
        said = _("Next: {step} ({duration})")
        line = said.format(step=switch + nxt.heading, duration=duration(nxt.seconds))
        parts.append(Text.from_markup(line))
    else:
        parts.append(Text(_("Next: the end of the session.")))
    pace = " · " + _("speed {speed}x").format(speed=f"{speed:g}") if speed != 1 else ""
    parts.append(Text.from_markup(f"[dim]{_(KEY_HELP)}{pace}[/]"))
    return Group(*parts)


def _announcer(
    cue: Cue, speed: float, say: Callable[[str], None] | None
) -> Callable[[Event], None]:
    def announce(event: Event) -> None:
        if event.kind == "started" and event.segment is not None:
            # At demo speeds there is no time to read an instruction aloud: the heading only.
            text = event.segment.announcement(full=speed <= 2)
        else:
            text = SAYINGS[event.kind]
        cue.say(text)
        if say is not None:
            say(text)

    return announce


def play(plan: Plan, cue: Cue, console: Console, speed: float = 1.0) -> Summary:
    """Run ``plan`` to its end or until quit; the summary of what was done."""
    session = Session(plan, time.monotonic, speed)
    plain = not console.is_terminal
    announce = _announcer(cue, speed, console.print if plain else None)
    try:
        with Keys() as keys:
            if plain:
                if keys.live:  # keys from a terminal, output to a pipe: say which to press
                    console.print(Text.from_markup(_(READY_HELP)))
                _run(session, keys, announce, None)
            else:
                from rich.live import Live

                with Live(console=console, screen=True, auto_refresh=False) as live:
                    _run(
                        session,
                        keys,
                        announce,
                        lambda: live.update(view(session, speed), refresh=True),
                        lambda shown: live.update(shown, refresh=True),
                    )
    except KeyboardInterrupt:
        session.stop()
    finally:
        cue.close()
    return session.summary()


def _wait_for_space(
    session: Session, keys: Keys, show: Callable[[RenderableType], None] | None
) -> bool:
    """Hold the clock until space (True) or q (False, the session is stopped unbegun)."""
    session.paused = True
    while True:
        if show is not None:
            show(ready_view(session))
        key = keys.read(REFRESH)
        if key == " ":
            session.toggle_pause()
            return True
        if key in ("q", "Q"):
            session.stop()
            return False


def _run(
    session: Session,
    keys: Keys,
    announce: Callable[[Event], None],
    redraw: Callable[[], None] | None,
    show: Callable[[RenderableType], None] | None = None,
) -> None:
    if keys.live and session.segments and not _wait_for_space(session, keys, show):
        return
    for event in session.start():
        announce(event)
    while not session.finished:
        if redraw is not None:
            redraw()
        key = keys.read(REFRESH)
        events: list[Event] = []
        if key == " ":
            session.toggle_pause()
            announce(Event("paused" if session.paused else "resumed"))
        elif key in ("n", "N"):
            events = session.next()
        elif key in ("b", "B"):
            events = session.back()
        elif key in ("q", "Q"):
            session.stop()
        events += session.tick()
        for event in events:
            announce(event)
