"""``plantar kb show ID --json`` without click: the same bytes as the full command, for every
record and in either language, and the full command for anything that is not the plain form."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from click.testing import Result

from plantar.cli import quick
from plantar.knowledge import KnowledgeBase, load, shown_json


def _quick(args: list[str]) -> str | None:
    out = io.StringIO()
    with redirect_stdout(out):
        done = quick.answered(args)
    return out.getvalue() if done else None


@pytest.mark.parametrize("lang", [None, "en", "ru"])
def test_every_record_is_the_full_commands_bytes(
    kb: KnowledgeBase, run: Callable[..., Result], lang: str | None
) -> None:
    ids = kb.ids()
    assert len(ids) > 500
    before = [] if lang is None else ["--lang", lang]
    for record_id in ids:
        full = run(*before, "kb", "show", record_id, "--json")
        assert full.exit_code == 0, full.output
        assert _quick([*before, "kb", "show", record_id, "--json"]) == full.stdout, record_id
    # --json before the id, and --lang=ru in one word, are the same command
    assert (
        _quick(["--lang=ru", "kb", "show", "--json", "KI1"])
        == run("kb", "show", "KI1", "--json").stdout
    )


@pytest.mark.parametrize(
    "args",
    [
        ["kb", "show", "KI1"],  # the terminal view, drawn by rich
        ["kb", "show", "--json"],  # no id: click's usage error
        ["kb", "show", "NOT_AN_ID", "--json"],  # the full command suggests ids
        ["kb", "show", "KI1", "--json", "--help"],
        ["kb", "show", "--json", "--json"],
        ["--lang", "xx", "kb", "show", "KI1", "--json"],  # click names the valid languages
        ["--lang"],
        ["--version"],
        ["kb", "list", "points", "--json"],
        ["kb", "show", "KI1", "--json", "extra"],
        [],
    ],
)
def test_anything_else_is_left_to_the_full_command(args: list[str]) -> None:
    assert _quick(args) is None


def test_a_bad_plantar_lang_is_left_to_the_full_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTAR_LANG", "xx")
    assert _quick(["kb", "show", "KI1", "--json"]) is None
    monkeypatch.setenv("PLANTAR_LANG", "ru")
    assert _quick(["kb", "show", "KI1", "--json"]) is not None


def _plantar(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plantar", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_the_process_imports_neither_click_nor_msgspec() -> None:
    shown_json("KI1")  # the index is written, as after a user's first command
    probe = (
        "import sys; sys.argv = ['plantar', 'kb', 'show', 'KI1', '--json']\n"
        "from plantar.cli import main; main()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'click', 'msgspec', "
        "'rich', 'yaml', 'typing'})\n"
        "print('loaded:', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('{\n  "id": "KI1",')
    assert "loaded: []" in done.stderr


def test_errors_are_the_full_commands() -> None:
    unknown = _plantar("kb", "show", "thrombosiss", "--json")
    assert unknown.returncode == 2
    assert "no record has the id 'thrombosiss'. Did you mean: thrombosis," in unknown.stderr
    bad_env = _plantar("kb", "show", "KI1", "--json", env={"PLANTAR_LANG": "xx"})
    assert bad_env.returncode == 2
    assert "PLANTAR_LANG: 'xx' is not valid; expected one of: en, ru" in bad_env.stderr
    bad_flag = _plantar("--lang", "xx", "kb", "show", "KI1", "--json")
    assert bad_flag.returncode == 2
    assert "'xx' is not one of 'en', 'ru'" in bad_flag.stderr


def test_an_edit_is_shown_at_once_and_broken_data_is_never_shown(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTAR_CACHE_DIR", str(tmp_path / "cache"))
    before = shown_json("KI1", data_copy)
    assert before is not None
    assert '"id": "KI1"' in before
    points = data_copy / "points.yaml"
    text = points.read_text(encoding="utf-8")
    assert "Yongquan" in text
    time.sleep(0.01)
    points.write_text(text.replace("Yongquan", "Yongquan (edited)", 1), encoding="utf-8")
    load.cache_clear()  # as a new process starts: load() keeps one base per process
    after = shown_json("KI1", data_copy)
    assert after is not None
    assert "Yongquan (edited)" in after
    assert len(list((tmp_path / "cache").glob("kb-*.shown"))) == 1  # the stale one is gone
    time.sleep(0.01)
    points.write_text(text.replace("id: KI1", "id: KI1\n  bogus_field: 1", 1), encoding="utf-8")
    load.cache_clear()
    assert shown_json("KI1", data_copy) is None  # `kb show` then names the problem
