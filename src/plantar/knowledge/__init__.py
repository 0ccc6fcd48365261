"""The curated domain data of plantar: pure data, validated at load, no behaviour.

``load()`` is on every command's start-up path. Validating the YAML takes PyYAML and a full
walk of the records, so the validated form is cached as msgpack under a name made of the
digest of the data files and the schema: any edit to either compiles afresh, nothing stale is
ever served, and an unwritable cache only costs speed.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import msgspec

from plantar.knowledge.model import Compiled, KnowledgeBase, title_of

DATA_DIR = Path(__file__).parent / "data"
_SCHEMA_FILES = ("schema.py", "model.py", "checks.py", "validate.py")

__all__ = ["DATA_DIR", "KnowledgeBase", "cache_dir", "digest", "load", "title_of"]


def cache_dir() -> Path:
    explicit = os.environ.get("PLANTAR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plantar"


def digest(data_dir: Path = DATA_DIR) -> str:
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for path in sorted(data_dir.iterdir()) + [here / name for name in _SCHEMA_FILES]:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@cache
def load(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The validated knowledge base; raises ``KnowledgeError`` when the data has problems."""
    key = digest(data_dir)
    cached = cache_dir() / f"kb-{key}.msgpack"
    try:
        compiled = msgspec.msgpack.decode(cached.read_bytes(), type=Compiled)
        return KnowledgeBase(compiled)
    except (OSError, msgspec.DecodeError):
        pass
    from plantar.knowledge.validate import compile_dir

    compiled = compile_dir(data_dir, key)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(msgspec.msgpack.encode(compiled))
        os.replace(tmp, cached)  # atomic: a concurrent reader never sees half a file
        for stale in cached.parent.glob("kb-*.msgpack"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return KnowledgeBase(compiled)
