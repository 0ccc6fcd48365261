"""Readable (rich) rendering of knowledge records for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import Record
from plantar.knowledge.vocabulary import EVIDENCE, NOT_A_DIAGNOSIS

# The colour of each evidence level, best first (the levels are the vocabulary's).
EVIDENCE_STYLE = dict(
    zip(EVIDENCE.ids, ("bold green", "yellow", "magenta", "bold red"), strict=True)
)


def _text(value: Any) -> str:
    if isinstance(value, dict) and "en" in value:
        return str(value["en"])
    if isinstance(value, list):
        return "\n".join(f"• {_text(v)}" if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def show_record(kb: KnowledgeBase, kind: str, record: Record, data: dict[str, Any]) -> None:
    console = Console()
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for key, value in data.items():
        if key in {"id", "kind", "title"} or value in (None, [], ""):
            continue
        if key == "steps":
            for i, step in enumerate(value, 1):
                secs = f"{step['seconds_min']}-{step['seconds_max']} s"
                target = f" on {step['target']}" if step.get("target") else ""
                table.add_row(
                    f"step {i}", f"{step['technique']}{target}, {secs}: {_text(step['text'])}"
                )
            continue
        if key == "sources":
            lines = []
            for source_id in value:
                found = kb.find(source_id)
                lines.append(f"{source_id}: {title_of(found[1])}" if found else source_id)
            table.add_row("sources", "\n".join(lines))
            continue
        text = _text(value)
        if key == "evidence":
            text = f"[{EVIDENCE_STYLE.get(text, '')}]{EVIDENCE.label(text)}[/]"
        table.add_row(key.replace("_", " "), text)
    heading = (
        f"{title_of(record)}  [dim]{kind[:-1] if kind.endswith('s') else kind} · {data['id']}[/]"
    )
    console.print(Panel(table, title=heading, title_align="left"))
    if kind in {"zones", "points"}:
        console.print(
            f"[dim]{NOT_A_DIAGNOSIS} Pain in a zone says nothing reliable about an organ.[/]"
        )
