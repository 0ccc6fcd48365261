"""``plantar guide`` in a real terminal (pexpect): keys, cues, the end, the summary, the tty."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from plantar.cli import cli

PLAN = ["--goal", "sleep", "--minutes", "15", "--time-of-day", "evening"]


def _plantar() -> str:
    found = shutil.which("plantar", path=str(Path(sys.executable).parent))
    assert found is not None
    return found


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(args: list[str], path: str | None = None) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "34"}
    if path is not None:
        env["PATH"] = path
    # `stty -a` after the guide shows whether the terminal was given back in its normal mode;
    # the shell traps Ctrl-C (a handler, which the guide does not inherit) to live to run it.
    command = "trap : INT; " + " ".join([_plantar(), "guide", *args])
    command += "; echo EXIT=$?; /bin/stty -a"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(34, 100),
        # A suite started in the background (`make test &`) runs with Ctrl-C ignored, and an
        # ignored signal is inherited: the terminal a person uses has it at its default.
        preexec_fn=_default_interrupt,
    )
    child.logfile_read = io.StringIO()  # everything the terminal showed, for counting bells
    return child


def _steps() -> int:
    result = CliRunner().invoke(cli, ["plan", *PLAN, "--json"])
    return len(json.loads(result.stdout)["steps"])


def _terminal_restored(child: pexpect.spawn) -> None:
    child.expect(r"icanon")
    tail = child.before + child.after + child.read()
    assert "-icanon" not in tail
    assert "-echo " not in tail


@pytest.mark.slow
def test_it_runs_to_the_end_with_pause_and_resume_and_rings_at_each_step() -> None:
    # No espeak-ng on this PATH: the cue is the terminal bell.
    child = _spawn([*PLAN, "--speed", "200"], path=str(Path(sys.executable).parent))
    child.expect_exact("to start")
    child.expect_exact("First: Get ready")
    time.sleep(1)  # 200 s of session time at this speed: the clock must not have moved
    child.send(" ")
    child.expect_exact("GET READY")
    child.expect_exact("step 1 of")
    child.expect_exact("pause/resume")
    child.send(" ")
    child.expect_exact("PAUSED")
    child.send(" ")
    child.expect_exact("Cover the left foot and switch to the right foot")
    child.expect_exact("Session complete")
    child.expect_exact("EXIT=0")
    summary = child.before
    assert f"{_steps()} step(s) done" in summary
    assert "skipped" not in summary
    assert "lie down quietly" in summary  # the aftercare, at the end
    assert isinstance(child.logfile_read, io.StringIO)
    assert child.logfile_read.getvalue().count("\a") >= _steps()  # a bell at every step
    _terminal_restored(child)


@pytest.mark.slow
def test_next_back_and_quit_steer_it_and_the_summary_says_what_was_done() -> None:
    child = _spawn(["--goal", "sleep", "--minutes", "10", "--quiet"])
    child.expect_exact("to start")
    child.send(" ")
    child.expect_exact("step 1 of")
    child.send("n")
    child.expect_exact("step 2 of")
    child.send("n")
    child.expect_exact("step 3 of")
    child.send("b")  # early in step 3: back to step 2
    child.expect_exact("step 2 of")
    child.expect_exact("LEFT FOOT")
    child.send("q")
    child.expect_exact("Session stopped: 0 step(s) done, 2 skipped")
    child.expect_exact("Skipped: Get ready, Left foot: Warm-up stroking")
    child.expect_exact("EXIT=0")
    assert isinstance(child.logfile_read, io.StringIO)
    assert "\a" not in child.logfile_read.getvalue()  # --quiet: no bell
    _terminal_restored(child)


@pytest.mark.slow
def test_ctrl_c_stops_it_cleanly_and_gives_the_terminal_back() -> None:
    child = _spawn(["--goal", "relaxation", "--minutes", "5", "--quiet"])
    child.expect_exact("to start")
    child.send(" ")
    child.expect_exact("GET READY")
    child.sendintr()
    child.expect_exact("Session stopped")
    child.expect_exact("EXIT=0")
    assert "Traceback" not in child.before
    _terminal_restored(child)


@pytest.mark.slow
def test_it_waits_for_space_and_q_there_quits_with_nothing_done() -> None:
    child = _spawn(["--goal", "sleep", "--minutes", "10", "--quiet", "--speed", "500"])
    child.expect_exact("to start")
    time.sleep(1.5)  # 750 s of session time at this speed: the 10-minute session would be over
    assert "Session" not in (child.before or "")
    child.send("q")
    child.expect_exact("Session stopped: 0 step(s) done")
    child.expect_exact("EXIT=0")
    _terminal_restored(child)
