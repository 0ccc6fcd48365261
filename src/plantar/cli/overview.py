"""``plantar overview``: what plantar knows, at a glance (the terminal main job)."""

from __future__ import annotations

from collections import Counter

import click

from plantar.cli.common import DISCLAIMER, load_kb
from plantar.knowledge.schema import KINDS, Claim
from plantar.knowledge.vocabulary import EVIDENCE


@click.command()
def overview() -> None:
    """Show what the knowledge base holds and where to start."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    base = load_kb()
    console = Console()
    console.print(Panel(DISCLAIMER, title="plantar: a foot-massage companion", style="bold"))
    counts = Table(title="Knowledge base", show_header=True)
    counts.add_column("kind")
    counts.add_column("records", justify="right")
    for kind in KINDS:
        counts.add_row(kind, str(len(base.records(kind))))
    console.print(counts)
    levels: Counter[str] = Counter(c.evidence for c in base.all(Claim))
    evidence = Table(title="The article's claims by evidence level")
    evidence.add_column("level")
    evidence.add_column("claims", justify="right")
    for level in EVIDENCE.ids:
        evidence.add_row(EVIDENCE.label(level), str(levels[level]))
    console.print(evidence)
    console.print(
        "Try: [bold]plantar kb search sleep[/], [bold]plantar kb show KI1[/], "
        "[bold]plantar kb list routines[/]"
    )
