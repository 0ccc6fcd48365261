"""A real plantar web server on a free loopback port, in its own process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_log(base: str) -> Path:
    """Where the server at ``base`` writes what it prints."""
    port = base.rsplit(":", 1)[1]
    return Path(os.environ.get("PLANTAR_CACHE_DIR", "/tmp")) / f"server-{port}.log"


@contextmanager
def running_server(
    env: dict[str, str] | None = None, workers: int = 1, args: tuple[str, ...] = ()
) -> Iterator[str]:
    """Start `plantar serve` (with ``args``) on a free port; yield its loopback base URL; stop
    it afterwards. Its output is in ``server_log(base)``."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "plantar", "serve", "--port", str(port), "--workers", str(workers)]
    cmd += list(args)
    log = server_log(base)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"server did not start: {log.read_text(errors='replace')}"
                        ) from None
                    time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
