"""``plantar serve`` as a person starts it: a busy port is said before anything is served, the
server answers on one worker or several, stops cleanly, and ``make run`` passes HOST and PORT."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from live_server import free_port, running_server, server_log
from plantar.cli.serve import network_address

ROOT = Path(__file__).resolve().parent.parent


def test_a_busy_port_is_reported_before_anything_says_serving() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "plantar", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PLANTAR_SECRET": "s" * 48},
        )
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "in use" in done.stderr.lower()
    assert "--port" in done.stderr  # and how to choose another
    assert "serving on" not in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_it_serves_on_the_socket_it_bound(workers: int) -> None:
    with (
        running_server(workers=workers) as base,
        urllib.request.urlopen(f"{base}/healthz", timeout=10) as response,
    ):
        assert response.status == 200


def test_it_stops_cleanly_on_ctrl_c() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plantar", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert "serving on" in proc.stdout.readline()
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "Traceback" not in err


def test_make_run_takes_the_host_and_port() -> None:
    done = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "plantar serve --host 0.0.0.0 --port 8123" in done.stdout


SECRET = {"PLANTAR_SECRET": "s" * 48, "PLANTAR_ENV": "prod"}


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_lan_prints_the_phone_address_and_its_qr_and_keeps_the_practice_local(
    tmp_path: Path,
) -> None:
    address = network_address()
    assert address is not None  # this machine has a network address
    env = {**SECRET, "PLANTAR_DB": f"sqlite:///{tmp_path / 'lan.sqlite3'}"}
    with running_server(env=env, args=("--lan",)) as base:
        port = base.rsplit(":", 1)[1]
        printed = server_log(base).read_text(encoding="utf-8")
        phone = f"http://{address}:{port}/"
        assert f"on a phone on the same network, open {phone}" in printed
        assert "\u2580" in printed or "\u2588" in printed  # the QR code's half blocks
        assert "practice journal stays off" in printed
        assert _status(phone) == 200  # the home side, from the network
        assert _status(phone + "login") == 403  # the journal: not over plain http
        assert _status(base + "/login") == 200  # on this computer itself it is on
    with running_server(env=env, args=("--lan", "--behind-tls")) as base:
        port = base.rsplit(":", 1)[1]
        printed = server_log(base).read_text(encoding="utf-8")
        assert "open the proxy's https address" in printed
        assert "\u2588" not in printed  # no plain-http address to scan
        # Still only this computer (the proxy's side) over plain http, never the network.
        assert _status(f"http://{address}:{port}/login") == 403
        assert _status(base + "/login") == 200
