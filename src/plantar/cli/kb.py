"""``plantar kb``: list, show, search and check the knowledge base."""

from __future__ import annotations

import sys

import click

from plantar.cli import spoken
from plantar.cli.common import bad_input, echo_json, load_kb
from plantar.errors import did_you_mean
from plantar.i18n import DEFAULT, N_, _, current, ngettext
from plantar.knowledge import title_of
from plantar.knowledge.model import record_json
from plantar.knowledge.schema import KINDS, CoverageItem

# A second column worth seeing in `kb list` for each kind.
_KEY_FIELD: dict[str, str] = {
    "claims": "evidence",
    "zones": "region",
    "points": "region",
    "conditions": "kind",
    "rules": "category",
    "routines": "style",
    "sources": "kind",
    "regions": "views",
    "prices": "currency",
}


@click.group(cls=spoken.Group, help=N_("Browse, search and check the knowledge base."))
def kb() -> None:
    """The ``kb`` group (its help is above)."""


@kb.command("list", help=N_("List every record of KIND."))
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of a table."))
def list_(kind: str, as_json: bool) -> None:
    base = load_kb()
    records = base.records(kind)
    if as_json:
        echo_json([record_json(kind, r) for r in records])
        return
    from rich.console import Console
    from rich.table import Table

    key = _KEY_FIELD.get(kind)
    from plantar.knowledge.vocabulary import RECORD_FIELDS, RECORD_KINDS

    english = current() == DEFAULT  # the kind by its id, as it has always said it
    named = kind if english else RECORD_KINDS.label(kind)
    table = Table(title=f"{named} ({len(records)})")
    table.add_column("id", style="bold")
    table.add_column(_("title"))
    if key:
        table.add_column(
            key if english or key not in RECORD_FIELDS.ids else RECORD_FIELDS.label(key)
        )
    for record in records:
        row = [record.id, title_of(record)]
        if key:
            value = getattr(record, key)
            row.append(", ".join(value) if isinstance(value, list) else str(value))
        table.add_row(*row)
    Console().print(table)


@kb.command(help=N_("Show the record with this ID (any kind)."))
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of text."))
def show(record_id: str, as_json: bool) -> None:
    base = load_kb()
    found = base.find(record_id)
    if found is None:
        bad_input(
            _(
                "no record has the id {id}.{did_you_mean} "
                "Try `plantar kb search` or `plantar kb list KIND`."
            ).format(id=repr(record_id), did_you_mean=did_you_mean(record_id, base.ids()))
        )
    kind, record = found
    if as_json:
        echo_json(record_json(kind, record))
        return
    from plantar.cli.render import show_record

    show_record(base, kind, record)


@kb.command(help=N_("Search every record for TEXT (case and plural forms do not matter)."))
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of a table."))
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
def search(text: tuple[str, ...], as_json: bool, limit: int) -> None:
    from plantar.knowledge.search import search as run_search

    base = load_kb()
    query = " ".join(text)
    hits = run_search(base, query, limit=limit)
    if as_json:
        echo_json([h.as_json() for h in hits])
        return
    if not hits:
        click.echo(_("nothing matches {query}").format(query=repr(query)), err=True)
        sys.exit(1)
    from rich.console import Console
    from rich.table import Table

    from plantar.knowledge.vocabulary import RECORD_KINDS

    english = current() == DEFAULT  # kinds by their ids, as it has always said them
    table = Table(title=_("search: {query}").format(query=query))
    for column in (_("kind"), "id", _("title")):
        table.add_column(column)
    for hit in hits:
        table.add_row(hit.kind if english else RECORD_KINDS.label(hit.kind), hit.id, hit.title)
    Console().print(table)


@kb.command(help=N_("Validate every data file; print each problem with its file and line."))
def check() -> None:
    from plantar.knowledge import DATA_DIR, digest
    from plantar.knowledge.model import KnowledgeBase
    from plantar.knowledge.problems import KnowledgeError
    from plantar.knowledge.validate import compile_dir

    try:
        compiled = compile_dir(DATA_DIR, digest())
    except KnowledgeError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        count = len(exc.problems)
        click.echo(ngettext("{n} problem(s)", "{n} problem(s)", count).format(n=count), err=True)
        sys.exit(1)
    base = KnowledgeBase(compiled)
    from plantar.footmap.checks import shape_problems

    misplaced = shape_problems(base)  # where the map draws them: the foot's outlines know
    if misplaced:
        for line in misplaced:
            click.echo(f"shapes.yaml: {line}")
        count = len(misplaced)
        click.echo(ngettext("{n} problem(s)", "{n} problem(s)", count).format(n=count), err=True)
        sys.exit(1)
    coverage = base.all(CoverageItem)
    held = sum(1 for c in coverage if c.held_by)
    excluded = sum(1 for c in coverage if c.excluded)
    click.echo(
        _(
            "ok: {records} records in {kinds} kinds; "
            "article checklist: {held} items held, {excluded} excluded"
        ).format(records=len(base), kinds=len(KINDS), held=held, excluded=excluded)
    )
