"""The curated domain data of plantar: pure data, validated at load, no behaviour.

``load()`` is on every command's start-up path. Validating the YAML takes PyYAML and a full
walk of the records, so the validated form is cached as msgpack under a name made from the
size and modification time of every data and schema file: any edit to either compiles afresh,
and an unwritable cache only costs speed. From the cache, each kind is decoded
only when asked for (``model.Stored``).

Beside it, the same name keeps the ``--json`` text of every record (``shown_json``), so
``plantar kb show ID --json`` reads one small file and imports neither msgspec nor the model
(together about 60 ms of start-up on a 20-ms interpreter). This module imports only the
standard library; ``KnowledgeBase`` and ``title_of`` are the model's, imported when first used.
"""

from __future__ import annotations

import marshal
import os
import zlib
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing's own costs 10 ms of start-up; mypy reads this name as it
if TYPE_CHECKING:
    from typing import Any

    from plantar.knowledge.model import KnowledgeBase as KnowledgeBase
    from plantar.knowledge.model import title_of as title_of

DATA_DIR = Path(__file__).parent / "data"
_SCHEMA_FILES = ("schema.py", "model.py", "checks.py", "validate.py", "__init__.py")
# The layout of the ``--json`` index file; a file of another layout is rebuilt.
_SHOWN_LAYOUT = 1

__all__ = [
    "DATA_DIR",
    "KnowledgeBase",
    "cache_dir",
    "digest",
    "load",
    "shown_json",
    "title_of",
]


def cache_dir() -> Path:
    explicit = os.environ.get("PLANTAR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plantar"


def _sources(data_dir: Path) -> list[Path]:
    here = Path(__file__).parent
    paths = sorted(data_dir.iterdir()) + [here / name for name in _SCHEMA_FILES]
    return [path for path in paths if path.is_file()]


def digest(data_dir: Path = DATA_DIR) -> str:
    """The version of the knowledge base: a hash of every data and schema file's content."""
    import hashlib  # only when compiling; OpenSSL's import is not free

    h = hashlib.blake2b(digest_size=16)
    for path in _sources(data_dir):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _stamp(data_dir: Path) -> str:
    """The cache's key, from each source file's name, size and modification time.

    Reading and hashing every file on every start cost more than the rest of `kb show`;
    stat() is enough to notice an edit (a checkout or an editor changes the mtime), and the
    content digest is computed, and stored, only when the data is compiled.
    """
    stats = [(p.name, p.stat()) for p in _sources(data_dir)]
    text = "|".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)
    total = sum(st.st_size for _, st in stats)
    return f"{zlib.crc32(text.encode()):08x}-{len(stats)}-{total}"


@cache
def load(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The validated knowledge base; raises ``KnowledgeError`` when the data has problems."""
    import msgspec

    from plantar.knowledge.model import KnowledgeBase, Stored

    cached = cache_dir() / f"kb-{_stamp(data_dir)}.msgpack"
    try:
        return KnowledgeBase(msgspec.msgpack.decode(cached.read_bytes(), type=Stored))
    except (OSError, msgspec.DecodeError):
        pass
    from plantar.knowledge.validate import compile_dir

    compiled = compile_dir(data_dir, digest(data_dir))
    _keep(cached, msgspec.msgpack.encode(Stored.of(compiled)))
    return KnowledgeBase(compiled)


def _keep(path: Path, data: bytes) -> None:
    """Write a cache file atomically (a concurrent reader never sees half a file) and remove
    the stale ones of its kind (``kb-*`` with its suffix); an unwritable cache only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        for stale in path.parent.glob(f"kb-*{path.suffix}"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


def shown_json(record_id: str, data_dir: Path = DATA_DIR) -> str | None:
    """The ``--json`` text of the record with this id (``model.json_text`` of
    ``model.record_json``), or None when no record has it or the data has problems (which
    ``load()`` names). Read from the index beside the compiled cache, which is written from
    ``load()`` when missing or stale."""
    path = cache_dir() / f"kb-{_stamp(data_dir)}.shown"
    try:
        layout, texts = marshal.loads(path.read_bytes())
        if layout == _SHOWN_LAYOUT and isinstance(texts, dict):
            found: str | None = texts.get(record_id)
            return found
    except (OSError, EOFError, ValueError, TypeError):
        pass
    from plantar.knowledge.model import json_text, record_json
    from plantar.knowledge.problems import KnowledgeError

    try:
        base = load(data_dir)
    except KnowledgeError:
        return None
    texts = {}
    for rid in base.ids():
        entry = base.find(rid)
        if entry is not None:
            texts[rid] = json_text(record_json(*entry))
    _keep(path, marshal.dumps((_SHOWN_LAYOUT, texts)))
    return texts.get(record_id)


def __getattr__(name: str) -> Any:
    """``KnowledgeBase`` and ``title_of``, from the model when first asked for."""
    if name in {"KnowledgeBase", "title_of"}:
        from plantar.knowledge import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
