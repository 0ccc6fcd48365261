"""Readable (rich) rendering of knowledge records for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from plantar.i18n import DEFAULT, _, current
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import Record
from plantar.knowledge.vocabulary import EVIDENCE, NOTICES, RECORD_FIELDS

# The colour of each evidence level, best first (the levels are the vocabulary's).
EVIDENCE_STYLE = dict(
    zip(EVIDENCE.ids, ("bold green", "yellow", "magenta", "bold red"), strict=True)
)


def _text(value: Any) -> str:
    if isinstance(value, dict) and "en" in value:  # a text, in the current language
        return str(value.get(current()) or value["en"])
    if isinstance(value, list):
        return "\n".join(f"• {_text(v)}" if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def _field(key: str) -> str:
    """A field's name: its key in English (as the terminal has always said it), the library
    pages' word for it (the vocabulary's) in another language."""
    if current() == DEFAULT or key not in RECORD_FIELDS.ids:
        return key.replace("_", " ")
    return RECORD_FIELDS.label(key)


def _named(kb: KnowledgeBase, record_id: str) -> str:
    """A record a step names: its id in English (as ever), its title in another language."""
    return record_id if current() == DEFAULT else kb.title(record_id)


def _said(kb: KnowledgeBase, value: Any) -> str:
    """A value in another language than English: a record it names by its title, yes/no as
    words, a text in that language (English shows them as the data holds them)."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and kb.find(value) is not None:
        return kb.title(value)
    if isinstance(value, list):
        return "\n".join(
            f"• {_said(kb, v)}" if isinstance(v, dict) else _said(kb, v) for v in value
        )
    return _text(value)


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
                secs = _("{low}-{high} s").format(low=step["seconds_min"], high=step["seconds_max"])
                what = _named(kb, step["technique"])
                if step.get("target"):
                    what = _("{technique} on {target}").format(
                        technique=what, target=_named(kb, step["target"])
                    )
                table.add_row(_("step {n}").format(n=i), f"{what}, {secs}: {_text(step['text'])}")
            continue
        if key == "sources":
            lines = []
            for source_id in value:
                found = kb.find(source_id)
                lines.append(f"{source_id}: {title_of(found[1])}" if found else source_id)
            table.add_row(_field(key), "\n".join(lines))
            continue
        # A code (who_code: KI1) is said as itself, in any language.
        english = current() == DEFAULT or key.endswith("_code")
        text = _text(value) if english else _said(kb, value)
        if key == "evidence":
            text = f"[{EVIDENCE_STYLE.get(text, '')}]{EVIDENCE.label(text)}[/]"
        table.add_row(_field(key), text)
    named = kind[:-1] if kind.endswith("s") else kind
    if current() != DEFAULT:
        from plantar.knowledge.vocabulary import RECORD_KINDS

        named = RECORD_KINDS.label(kind)
    heading = f"{title_of(record)}  [dim]{named} · {data['id']}[/]"
    console.print(Panel(table, title=heading, title_align="left"))
    if kind in {"zones", "points"}:
        console.print(
            "[dim]"
            + NOTICES.label("not_a_diagnosis")
            + " "
            + _("Pain in a zone says nothing reliable about an organ.")
            + "[/]"
        )
