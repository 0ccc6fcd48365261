"""Readable (rich) rendering of knowledge records for the terminal: the library's reading of
a record (``plantar.library.reading``), in the same words as its page, in a panel."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from plantar.i18n import _, current
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.model import record_json
from plantar.knowledge.schema import Record
from plantar.knowledge.vocabulary import EVIDENCE, NOTICES, RECORD_FIELDS, RECORD_KINDS
from plantar.library.reading import RecordView, Shown, record_view

# The colour of each evidence level, best first (the levels are the vocabulary's).
EVIDENCE_STYLE = dict(
    zip(EVIDENCE.ids, ("bold green", "yellow", "magenta", "bold red"), strict=True)
)


def _said(value: Shown) -> str:
    """A fact's value as lines of text: a list as bullets, labelled pairs one per line."""
    if value.kind == "list":
        return "\n".join(f"• {_said(item)}" for item in value.items)
    if value.kind == "pairs":
        return "\n".join(f"{name}: {_said(item)}" for name, item in value.pairs)
    return value.text


def _rows(view: RecordView, evidence: str | None) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", max_width=26)  # a long name wraps, never cut
    table.add_column()
    for heading, text in view.where:
        table.add_row(escape(heading), escape(text))
    for n, step in enumerate(view.steps, 1):
        what = step.technique[1]
        if step.target:
            what = _("{technique} on {target}").format(technique=what, target=step.target[1])
        if step.foot:
            what = f"{what} ({step.foot})"
        table.add_row(
            escape(_("step {n}").format(n=n)), escape(f"{step.time}, {what}: {step.text}")
        )
    evidence_label = RECORD_FIELDS.label("evidence")
    for name, value in view.facts:
        text = escape(_said(value))
        if evidence and name == evidence_label:
            text = f"[{EVIDENCE_STYLE.get(evidence, '')}]{text}[/]"
        table.add_row(escape(name), text)
    if view.sources:
        lines = []
        for source in view.sources:
            line = f"{source.id}: {source.title}"
            if source.quote and current() != "en" and source.quote_ru:
                line += f": «{source.quote_ru}» " + _("(translated back from the English)")
            elif source.quote:
                line += f": “{source.quote}”"
            lines.append(line)
        table.add_row(escape(_("Sources")), escape("\n".join(lines)))
    return table


def show_record(kb: KnowledgeBase, kind: str, record: Record) -> None:
    """The record's panel, the notice for zones and points under it."""
    data = record_json(kind, record)
    view = record_view(kind, data, kb, record)
    parts: list[Text | Table] = []
    if view.lead:
        parts += [Text(view.lead), Text("")]
    parts.append(_rows(view, data.get("evidence")))
    heading = f"{escape(title_of(record))}  [dim]{RECORD_KINDS.label(kind)} · {data['id']}[/]"
    console = Console()
    console.print(Panel(Group(*parts), title=heading, title_align="left"))
    if kind in {"zones", "points"}:
        console.print(
            "[dim]"
            + NOTICES.label("not_a_diagnosis")
            + " "
            + _("Pain in a zone says nothing reliable about an organ.")
            + "[/]"
        )
