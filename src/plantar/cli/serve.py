"""``plantar serve``: the web app (pages and the JSON API) on uvicorn."""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING

import click

from plantar.i18n import N_, _

if TYPE_CHECKING:
    from plantar.practice.settings import Settings


LOOPBACK = ("127.0.0.1", "::1", "localhost")
# What `serve` tells the app when it listens on the network without TLS in front: the practice
# journal (passwords, clients' notes) then stays off for requests that come over the network.
PLAIN_HTTP_ENV = "PLANTAR_PLAIN_HTTP_NETWORK"


@click.command(
    help=N_(
        "Serve the web app: safety check, plan builder, guided player, map, "
        "library.\n\nExample, for a phone on the same Wi-Fi: plantar serve --lan"
    ),
)
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@click.option(
    "--lan",
    is_flag=True,
    help=N_(
        "Listen on every network address (as --host 0.0.0.0) and print the address, and its "
        "QR code, for a phone on the same network."
    ),
)
@click.option(
    "--behind-tls",
    is_flag=True,
    help=N_(
        "A TLS proxy on this computer answers the network (https) and forwards here: say "
        "so instead of printing a plain-http address (the journal answers the proxy over loopback)."
    ),
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--db", envvar="PLANTAR_DB", default=None, help=N_("Database URL (default: SQLite file).")
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, lan: bool, behind_tls: bool, port: int, db: str | None, workers: int) -> None:
    import uvicorn

    if lan:
        host = "0.0.0.0"
    if db:
        os.environ["PLANTAR_DB"] = db  # the app reads its settings from the environment
    settings = _practice_settings(db)
    networked = host not in LOOPBACK
    # On the network the journal answers only this computer (a TLS proxy here reaches it over
    # loopback) and https; --behind-tls changes what is printed, never the gate.
    if networked:
        os.environ[PLAIN_HTTP_ENV] = "1"
    else:
        os.environ.pop(PLAIN_HTTP_ENV, None)
    # Bind first: a busy port is reported before anything says "serving on".
    sock = _listen(host, port)
    click.echo(_("plantar: serving on {url}  (Ctrl-C to stop)").format(url=f"http://{host}:{port}"))
    if networked:
        _tell_the_phone(host, port, behind_tls)
    if settings.secret is None:
        click.echo(
            _("plantar: practice journal off (set PLANTAR_SECRET to switch it on)"), err=True
        )
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


def network_address() -> str | None:
    """This computer's address on its local network (the one its default route leaves by),
    or None when it has none. Connecting a UDP socket sends nothing."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
        address: str = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith(("127.", "0.")) else address


def _tell_the_phone(host: str, port: int, behind_tls: bool) -> None:
    """The address a phone on the same network opens, as text and as a QR code (none behind
    TLS: the phone opens the proxy's https address, which only the proxy knows)."""
    if behind_tls:
        click.echo(
            _(
                "plantar: behind TLS: open the proxy's https address on the phone; over plain "
                "http the practice journal answers this computer only"
            )
        )
        return
    address = host if host not in ("0.0.0.0", "::") else network_address()
    if address is None:
        click.echo(_("plantar: no network address found: is this computer on a network?"), err=True)
        return
    url = f"http://{address}:{port}/"
    click.echo(_("plantar: on a phone on the same network, open {url}").format(url=url))
    import segno

    segno.make(url, error="m").terminal(compact=True)
    click.echo(
        _(
            "plantar: over plain http on the network the practice journal stays off, and a "
            "phone will not install the app or keep it offline; put a TLS proxy in front on "
            "this computer (then start with --behind-tls) for both"
        ),
        err=True,
    )


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
            _(
                "cannot listen on {address}: {reason} "
                "(choose another with --port, or make run PORT=...)"
            ).format(address=f"{host}:{port}", reason=exc.strerror or exc)
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
