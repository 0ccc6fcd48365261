"""A cue at each step change: spoken with espeak-ng when it is installed, else the bell.

Speech is what makes a session hands-free: the person hears what to do next without looking.
espeak-ng runs as a separate process so the countdown never waits for it; a new cue cuts the
previous one short rather than queueing behind it. It speaks in the session's language: in
English with its default voice, in another language with that language's voice
(``espeak-ng -v ru``) when one is installed, else the bell rings, and the screen says once that
there is no voice for the language.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from typing import IO, Protocol

from plantar.i18n import DEFAULT, _, current


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

    def __init__(self, program: str, words_per_minute: int = 150, voice: str | None = None) -> None:
        self.program = program
        self.words_per_minute = words_per_minute
        self.voice = voice  # espeak-ng's voice (``ru``); None: its default, English
        self._process: subprocess.Popen[bytes] | None = None

    def command(self, text: str) -> list[str]:
        voice = ["-v", self.voice] if self.voice else []
        return [self.program, *voice, "-s", str(self.words_per_minute), "--", text]

    def say(self, text: str) -> None:
        self._stop()
        try:
            self._process = subprocess.Popen(
                self.command(text),
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


@cache
def has_voice(program: str, lang: str) -> bool:
    """Whether espeak-ng at ``program`` has a voice for ``lang`` (``espeak-ng --voices=ru``
    lists them under a header line; asked once per process)."""
    try:
        listed = subprocess.run(
            [program, f"--voices={lang}"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    # "Pty Language Age/Gender VoiceName File Other Languages", then " 5  ru  --/M  Russian ...".
    for line in listed.stdout.splitlines()[1:]:
        fields = line.split()
        if len(fields) > 1 and fields[1].lower().split("-")[0] == lang:
            return True
    return False


def choose(quiet: bool, stream: IO[str]) -> Cue:
    """The cue for a session in the current language: silence, speech, or the bell (said on
    ``stream`` once when espeak-ng has no voice for the language)."""
    if quiet:
        return Silent()
    program = shutil.which("espeak-ng")
    if not program:
        return Bell(stream)
    lang = current()
    if lang == DEFAULT:
        return Speech(program)
    if has_voice(program, lang):
        return Speech(program, voice=lang)
    said = _(
        "No voice for this language is installed for espeak-ng: a bell rings at each step instead."
    )
    stream.write(said + "\n")
    stream.flush()
    return Bell(stream)
