"""``plantar overview``: what plantar knows, at a glance (the terminal main job)."""

from __future__ import annotations

from collections import Counter

import click

from plantar.cli.common import disclaimer, load_kb
from plantar.i18n import DEFAULT, N_, _, current
from plantar.knowledge.schema import KINDS, Claim
from plantar.knowledge.vocabulary import EVIDENCE, RECORD_KINDS


@click.command(help=N_("Show what the knowledge base holds and where to start."))
def overview() -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    base = load_kb()
    console = Console()
    english = current() == DEFAULT  # the kinds by their ids, as it has always said them
    console.print(Panel(disclaimer(), title=_("plantar: a foot-massage companion"), style="bold"))
    counts = Table(title=_("Knowledge base"), show_header=True)
    counts.add_column(_("kind"))
    counts.add_column(_("records"), justify="right")
    for kind in KINDS:
        counts.add_row(kind if english else RECORD_KINDS.label(kind), str(len(base.records(kind))))
    console.print(counts)
    levels: Counter[str] = Counter(c.evidence for c in base.all(Claim))
    evidence = Table(title=_("The article's claims by evidence level"))
    evidence.add_column(_("level"))
    evidence.add_column(_("claims"), justify="right")
    for level in EVIDENCE.ids:
        evidence.add_row(EVIDENCE.label(level), str(levels[level]))
    console.print(evidence)
    console.print(
        _(
            "Try: [bold]plantar kb search sleep[/], [bold]plantar kb show KI1[/], "
            "[bold]plantar kb list routines[/]"
        )
    )
