"""Single key presses without blocking, and a terminal always given back as it was found.

The terminal goes into cbreak mode (keys arrive at once, unechoed; Ctrl-C still interrupts)
and ``select`` waits for a key no longer than the player's refresh interval. The saved
settings are restored on every way out, Ctrl-C included, so the shell is never left mute.
When standard input is not a terminal there are no keys: the session simply runs.
"""

from __future__ import annotations

import os
import select
import sys
import termios
import time
import tty
from types import TracebackType
from typing import IO, Any


class Keys:
    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdin
        self._fd: int | None = None
        self._saved: list[Any] | None = None

    def __enter__(self) -> Keys:
        try:
            fd = self.stream.fileno()
        except (OSError, ValueError):
            return self  # not a real file (a test runner's stdin): no keys
        if os.isatty(fd):
            self._fd = fd
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is not None and self._saved is not None:
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
        self._fd = self._saved = None

    @property
    def live(self) -> bool:
        return self._fd is not None

    def read(self, timeout: float) -> str | None:
        """The next key pressed within ``timeout`` seconds, or None (after waiting it out)."""
        if self._fd is None:
            time.sleep(timeout)
            return None
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 32)
        return data.decode(errors="replace")[:1] if data else None
