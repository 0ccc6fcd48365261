"""A cue at each step change: spoken with espeak-ng when it is installed, else the bell.

Speech is what makes a session hands-free: the person hears what to do next without looking.
espeak-ng runs as a separate process so the countdown never waits for it; a new cue cuts the
previous one short rather than queueing behind it.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import IO, Protocol


class Cue(Protocol):
    def say(self, text: str) -> None: ...

    def close(self) -> None: ...


class Silent:
    """``--quiet``: no sound at all."""

    def say(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


class Bell:
    """The terminal bell: one beep per step change."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def say(self, text: str) -> None:
        self.stream.write("\a")
        self.stream.flush()

    def close(self) -> None:
        return None


class Speech:
    """Reads the cue aloud with espeak-ng (never blocking the player)."""

    def __init__(self, program: str, words_per_minute: int = 150) -> None:
        self.program = program
        self.words_per_minute = words_per_minute
        self._process: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        self._stop()
        try:
            self._process = subprocess.Popen(
                [self.program, "-s", str(self.words_per_minute), "--", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None  # a broken install must not stop the session

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        # Let the last cue ("rest...") finish speaking, but never hang on it.
        process, self._process = self._process, None
        if process is not None:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def choose(quiet: bool, stream: IO[str]) -> Cue:
    if quiet:
        return Silent()
    program = shutil.which("espeak-ng")
    return Speech(program) if program else Bell(stream)
