"""``plantar backup FILE`` and ``plantar restore FILE``: the whole journal as JSON lines.

The same data always gives the same bytes, so a backup restored into an empty database and
backed up again is identical to the first file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from plantar.cli.users import DB_HELP, practice_db


def _summary(counts: dict[str, int]) -> str:
    shown = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
    return f"{sum(counts.values())} rows" + (f" ({shown})" if shown else "")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def backup(file: str, db_url: str | None) -> None:
    """Write the practice journal to FILE (- for standard output)."""
    from plantar.practice.backup import dump

    with practice_db(db_url) as db:
        if file == "-":
            counts = dump(db, sys.stdout.buffer)
        else:
            target = Path(file)
            partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
            try:
                # Readable by its owner alone, like the journal it copies (0600).
                fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    counts = dump(db, out)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(partial, target)  # a crash mid-way never leaves half a backup
            finally:
                partial.unlink(missing_ok=True)
    click.echo(f"backed up {_summary(counts)} to {file}", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, exists=True))
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def restore(file: str, db_url: str | None) -> None:
    """Load FILE (- for standard input) into an empty practice database."""
    from plantar.practice.backup import restore as load

    with practice_db(db_url) as db:
        if file == "-":
            counts = load(db, sys.stdin.buffer)
        else:
            with open(file, "rb") as source:
                counts = load(db, source)
    click.echo(f"restored {_summary(counts)} from {file}", err=True)
