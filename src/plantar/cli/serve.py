"""``plantar serve``: the web app (pages and the JSON API) on uvicorn."""

from __future__ import annotations

import os
import socket
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
    # Bind first: a busy port is reported before anything says "serving on".
    sock = _listen(host, port)
    click.echo(f"plantar: serving on http://{host}:{port}  (Ctrl-C to stop)")
    if settings.secret is None:
        click.echo("plantar: practice journal off (set PLANTAR_SECRET to switch it on)", err=True)
    config = uvicorn.Config(
        "plantar.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    try:
        if workers > 1:
            from uvicorn.supervisors import Multiprocess

            Multiprocess(config, sockets=[sock]).run()
        else:
            server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    if workers == 1 and not server.started:
        raise SystemExit(1)  # the app did not start; uvicorn has logged why


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (as uvicorn binds one), or exit 1 saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc} "
            "(choose another with --port, or make run PORT=...)"
        ) from None
    sock.set_inheritable(True)  # the workers of --workers N accept on it
    return sock


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
        bad_input(exc)
