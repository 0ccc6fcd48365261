"""``plantar serve``: the web app (pages and the JSON API) on uvicorn."""

from __future__ import annotations

import os

import click


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
    click.echo(f"plantar: serving on http://{host}:{port}  (Ctrl-C to stop)")
    uvicorn.run(
        "plantar.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
