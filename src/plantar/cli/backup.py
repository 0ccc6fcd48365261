"""``plantar backup FILE`` and ``plantar restore FILE``: the whole journal as JSON lines.

The same data always gives the same bytes, so a backup restored into an empty database and
backed up again is identical to the first file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO

import click

from plantar.cli.common import bad_input
from plantar.cli.users import DB_HELP, practice_db
from plantar.errors import BadInput
from plantar.i18n import N_, _, ngettext


def _summary(counts: dict[str, int]) -> str:
    shown = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
    total = sum(counts.values())
    rows = ngettext("{n} rows", "{n} rows", total).format(n=total)  # English: one form, as ever
    return rows + (f" ({shown})" if shown else "")


def _secret(db_url: str | None, *, needed: bool = True) -> str | None:
    """The server's secret (PLANTAR_SECRET or PLANTAR_SECRET_FILE), which signs backups."""
    from plantar.practice.settings import load_settings

    settings = load_settings(db=db_url)
    return settings.require_secret() if needed or settings.secret else None


def _read_back(source: IO[bytes], secret: str, otherwise: str) -> None:
    """Read the written backup back in full; exit 1 saying what was not written if it fails."""
    from plantar.practice.backup import BackupDamaged, verify

    try:
        verify(source, secret=secret)
    except BackupDamaged as exc:
        raise _damaged(
            exc, _("the backup did not read back; {what}").format(what=otherwise)
        ) from None


def _damaged(exc: Exception, what: str) -> click.ClickException:
    return click.ClickException(f"{what}: {getattr(exc, 'message', exc)}")


@click.command(
    help=N_(
        "Write the practice journal to FILE (- for standard output), signed with the "
        "server's secret (PLANTAR_SECRET or PLANTAR_SECRET_FILE) and read back in full "
        "before it counts."
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
def backup(file: str, db_url: str | None) -> None:
    from plantar.practice.backup import dump

    with practice_db(db_url) as db:
        try:
            secret = _secret(db_url)
        except BadInput as exc:
            bad_input(exc)
        assert secret is not None
        if file == "-":
            with tempfile.TemporaryFile() as spool:
                counts = dump(db, spool, secret=secret)
                spool.seek(0)
                _read_back(spool, secret, _("nothing was written"))
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout.buffer)
                sys.stdout.buffer.flush()
        else:
            target = Path(file)
            partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
            try:
                # Readable by its owner alone, like the journal it copies (0600).
                fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    counts = dump(db, out, secret=secret)
                    out.flush()
                    os.fsync(out.fileno())
                with open(partial, "rb") as written:  # what is on disk, not what was meant
                    _read_back(written, secret, _("{file} was not written").format(file=file))
                os.replace(partial, target)  # a crash mid-way never leaves half a backup
            finally:
                partial.unlink(missing_ok=True)
    click.echo(
        _("backed up {what} to {file}, read back and verified").format(
            what=_summary(counts), file=file
        ),
        err=True,
    )


@click.command(
    help=N_(
        "Load FILE (- for standard input) into an empty practice database. Every line is "
        "checked first; a damaged or edited file restores nothing (exit 1)."
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, exists=True))
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option(
    "--unverified",
    is_flag=True,
    help=N_(
        "Restore a backup whose checksum or signature does not match (edited, made under "
        "another secret, or an old unsigned one); the audit log records that it was."
    ),
)
def restore(file: str, db_url: str | None, unverified: bool) -> None:
    from plantar.practice.backup import BackupDamaged
    from plantar.practice.backup import restore as load

    with practice_db(db_url) as db:
        try:
            secret = _secret(db_url, needed=not unverified)
        except BadInput as exc:
            bad_input(exc)
        try:
            if file == "-":
                restored = load(db, sys.stdin.buffer, secret=secret, unverified=unverified)
            else:
                with open(file, "rb") as source:
                    restored = load(db, source, secret=secret, unverified=unverified)
        except BackupDamaged as exc:
            raise _damaged(
                exc, _("{file} cannot be restored; nothing was").format(file=file)
            ) from None
    if restored.doubt:
        click.echo(
            _("restored UNVERIFIED ({doubt}); the audit log says so").format(doubt=restored.doubt),
            err=True,
        )
    click.echo(
        _("restored {what} from {file}").format(what=_summary(restored.counts), file=file),
        err=True,
    )
