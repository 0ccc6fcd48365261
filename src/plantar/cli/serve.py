"""``plantar serve``: the web app (pages and the JSON API) on uvicorn."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from plantar.practice.settings import Settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--db", envvar="PLANTAR_DB", default=None, help="Database URL (default: SQLite file)."
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, db: str | None, workers: int) -> None:
    """Serve the web app: safety check, plan builder, guided player, map, library."""
    import uvicorn

    if db:
        os.environ["PLANTAR_DB"] = db  # the app reads its settings from the environment
    settings = _practice_settings(db)
    click.echo(f"plantar: serving on http://{host}:{port}  (Ctrl-C to stop)")
    if settings.secret is None:
        click.echo("plantar: practice journal off (set PLANTAR_SECRET to switch it on)", err=True)
    uvicorn.run(
        "plantar.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def _practice_settings(db: str | None) -> Settings:
    """The journal's settings, checked before the server starts: a bad --db, PLANTAR_SECRET
    or PLANTAR_* value exits 2 with its message here, not as a traceback in each worker."""
    from plantar.cli.common import bad_input
    from plantar.errors import BadInput
    from plantar.practice.settings import load_settings
    from plantar.safety.advice import emergency_number

    try:
        emergency_number()  # every page offers it: a bad PLANTAR_EMERGENCY_NUMBER stops here
        return load_settings(db=db)
    except BadInput as exc:
        bad_input(exc.message)
