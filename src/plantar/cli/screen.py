"""``plantar screen``: is a foot massage safe today? A verdict, its reasons and their sources.

A thin adapter over ``plantar.safety``: flags (or ``--ask``, a plain-language questionnaire)
become an ``Intake``; the screening is printed as a readable report or as JSON. Exit status:
0 for ok/adapt, 3 for postpone/avoid, 2 for bad input (the message names the bad value).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click
import msgspec

from plantar.cli.common import COLOURS, bad_input, disclaimer, echo_json, intake_options, load_kb
from plantar.errors import BadInput
from plantar.i18n import N_, _
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.vocabulary import (
    CONDITION_KIND_TAGS,
    INTENSITIES,
    RECEIVERS,
    VERDICT_BADGES,
)
from plantar.safety import Intake, Screening
from plantar.safety import screen as run_screen
from plantar.safety.advice import (
    CLI_CHECK_HINT,
    NOT_CHECKED_NOTE,
    badge,
    emergency_number,
    headline,
    urgency_line,
)
from plantar.safety.questionnaire import (
    RECEIVER_DEFAULT,
    Answers,
    Question,
    Receiver,
    ask_intro,
    group_title,
    parse_minutes,
    parse_places,
    parse_years,
    parse_yes_no_or_enter,
    questions,
    where_text,
    yes_no_prompt,
)
from plantar.safety.verdicts import NOT_NOW

T = TypeVar("T")

NO_TERMINAL = N_(
    "--ask asks its questions in a terminal; standard input is not one, and it gave no answer "
    "to {question}. Run it in a terminal, or pipe one answer per line "
    "(y/n/? for each question, empty for no; then the age and the minutes since a meal, "
    "empty to skip)."
)


class _Asker:
    """Asks on standard error (standard output stays the report or the JSON)."""

    def __init__(self) -> None:
        self.terminal = sys.stdin.isatty()

    def ask(self, text: str, parse: Callable[[str], T]) -> T:
        while True:
            try:
                raw = click.prompt(text, default="", show_default=False, err=True)
            except click.Abort:
                if self.terminal:
                    raise
                bad_input(_(NO_TERMINAL).format(question=repr(text)))
            if not self.terminal:
                click.echo(
                    raw, err=True
                )  # a piped answer is not echoed: show it after its question
            try:
                return parse(raw)
            except BadInput as exc:
                if not self.terminal:
                    bad_input(
                        exc.message
                    )  # piped answers cannot be asked again (and no flag gave them)
                click.echo(f"  {exc.message}", err=True)


def _ask_all(kb: KnowledgeBase, given: Intake, receiver: Receiver) -> Intake:
    asker = _Asker()
    answers = Answers()
    click.echo(
        ask_intro(receiver),
        err=True,
    )
    group = None
    asked: list[Question] = questions(kb, receiver)
    for question in asked:
        if question.group != group:
            group = question.group
            click.echo(f"\n{group_title(group, receiver)}", err=True)
        if question.answer == "yes_no":
            yes = asker.ask(yes_no_prompt(question.text), parse_yes_no_or_enter)
            answers.record(question, yes)
            if yes and question.where:
                places = asker.ask(where_text(kb), lambda raw: parse_places(kb, raw))
                answers.lesion_zones.extend(places)
            if yes and question.stops:
                click.echo(
                    "\n" + _("This may be an emergency: stopping the questions here."), err=True
                )
                break
        elif question.answer == "years":
            said = _("{question} (Enter to skip)").format(question=question.text)
            answers.record(question, asker.ask(said, parse_years))
        else:
            answers.record(question, asker.ask(question.text, parse_minutes))
    click.echo("", err=True)
    return answers.intake(given)


def _report(kb: KnowledgeBase, result: Screening, emergency: str) -> None:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    console = Console()
    shown = badge(result.verdict, result.checked)
    colour = COLOURS[shown]
    head = Text()
    head.append(VERDICT_BADGES.label(shown).upper(), style=f"bold {colour}")
    head.append(f"  {headline(result.verdict, result.checked)}")
    if result.see_doctor:
        head.append("\n" + urgency_line(result.urgency, emergency), style="bold red")
    console.print(Panel(head, title=_("Safety check"), title_align="left", border_style=colour))

    if result.findings:
        console.print(Text(_("Why"), style="bold"))
        for number, finding in enumerate(result.findings, 1):
            line = Text(f" {number}. ")
            line.append(kb.title(finding.condition), style="bold")
            kind = CONDITION_KIND_TAGS.label(finding.kind)
            line.append(f"  ({kind}, {VERDICT_BADGES.label(finding.verdict)})", style="dim")
            if finding.because_text:
                said = _("From your answers: {because}.").format(because=finding.because_text)
                line.append(f"\n    {said}", style="italic")
            if finding.cleared:
                line.append("\n    " + _("Cleared by a doctor."), style="italic")
            line.append(f"\n    {finding.effect}")
            sources = "; ".join(kb.title(s) for s in finding.sources)
            line.append("\n    " + _("Sources: {sources}").format(sources=sources), style="dim")
            console.print(line)
    if result.notes:
        console.print(Text("\n" + _("What to do"), style="bold"))
        for note in result.notes:
            console.print(Text(f" • {note}"))
            if note == _(NOT_CHECKED_NOTE):
                console.print(Text(f"   {_(CLI_CHECK_HINT)}", style="dim"))
    details: list[Text] = []
    if result.allowed_styles:
        names = ", ".join(kb.title(s) for s in result.allowed_styles)
        details.append(Text(_("Styles allowed: {styles}").format(styles=names)))
    if result.findings and result.verdict != "avoid":
        point_work = _("no point work") if result.no_point_work else _("point work allowed")
        pressure = INTENSITIES.label(result.max_intensity)
        said = _("Strongest pressure: {pressure}; {point_work}")
        details.append(Text(said.format(pressure=pressure, point_work=point_work)))
    if details:
        console.print(Text(""))
        console.print(Group(*details))
    console.print(Text(f"\n{disclaimer()}", style="italic dim"))


def _intake_flags(fn: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(intake_options()):
        fn = option(fn)
    return fn


def _finish(result: Screening) -> NoReturn:
    sys.exit(3 if result.verdict in NOT_NOW else 0)


@click.command(
    help=N_(
        "Is a foot massage safe now? A verdict with its reasons and sources.\n\nExit "
        "status 0: ok or adapt; 3: postpone or avoid; 2: bad input."
    ),
)
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    metavar="ID",
    help=N_("A condition the person has (repeatable); `plantar kb list conditions` lists them."),
)
@click.option("--age", type=int, metavar="YEARS", help=N_("Age in whole years (0-120)."))
@click.option("--style", metavar="ID", help=N_("The style of massage planned (default: all)."))
@click.option("--performer", metavar="ID", help=N_("Who massages: self, partner or therapist."))
@click.option(
    "--minutes-since-meal", type=int, metavar="N", help=N_("Minutes since the last meal.")
)
@click.option(
    "--lesion-zone",
    "lesion_zones",
    multiple=True,
    metavar="ZONE",
    help=N_("A region or zone with damaged skin, to keep off (repeatable)."),
)
@click.option("--ask", is_flag=True, help=N_("Ask plain-language questions instead of flags."))
@click.option(
    "--receiver",
    type=click.Choice(RECEIVERS.ids),
    default=RECEIVER_DEFAULT,
    show_default=True,
    help=N_("With --ask: whose feet will be massaged; the questions say 'you' or 'they'."),
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of a report."))
@_intake_flags
def screen(
    conditions: tuple[str, ...],
    age: int | None,
    style: str | None,
    performer: str | None,
    minutes_since_meal: int | None,
    lesion_zones: tuple[str, ...],
    ask: bool,
    receiver: Receiver,
    as_json: bool,
    answered: bool,
    cleared: tuple[str, ...],
) -> None:
    kb = load_kb()
    intake = Intake(
        conditions=conditions,
        age=age,
        style=style,
        performer=performer,
        minutes_since_meal=minutes_since_meal,
        lesion_zones=lesion_zones,
        answered=answered,
        cleared=cleared,
    )
    try:
        number = emergency_number()
        if ask:
            run_screen(intake, kb)  # bad flags are reported before any question is asked
            intake = _ask_all(kb, intake, receiver)
        result = run_screen(intake, kb)
    except BadInput as exc:
        bad_input(exc)
    if as_json:
        echo_json(msgspec.to_builtins(result))
    else:
        _report(kb, result, number)
    _finish(result)
