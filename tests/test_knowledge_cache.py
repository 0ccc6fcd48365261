"""The compiled cache: used when fresh, rebuilt after any edit, never required."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from plantar.knowledge import _stamp, digest
from plantar.knowledge.model import KnowledgeBase, Stored
from plantar.knowledge.validate import compile_dir


def test_an_edit_changes_the_cache_key_and_the_digest(data_copy: Path) -> None:
    before, content = _stamp(data_copy), digest(data_copy)
    prices = data_copy / "prices.yaml"
    time.sleep(0.01)
    prices.write_text(prices.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert _stamp(data_copy) != before
    assert digest(data_copy) != content


def test_a_stored_base_answers_like_the_compiled_one(data_copy: Path) -> None:
    compiled = compile_dir(data_copy, digest(data_copy))
    import msgspec

    stored = msgspec.msgpack.decode(msgspec.msgpack.encode(Stored.of(compiled)), type=Stored)
    fresh, cached = KnowledgeBase(compiled), KnowledgeBase(stored)
    assert cached.digest == fresh.digest
    assert cached.ids() == fresh.ids()
    assert cached.find("KI1") == fresh.find("KI1")
    assert list(cached) == list(fresh)
    assert cached.compiled == fresh.compiled


def test_show_works_without_a_writable_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    env = {**os.environ, "PLANTAR_CACHE_DIR": str(blocked / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "plantar", "kb", "show", "KI1", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"id": "KI1"' in result.stdout
