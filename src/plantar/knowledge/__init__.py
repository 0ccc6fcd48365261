"""The curated domain data of plantar: pure data, validated at load, no behaviour.

``load()`` is on every command's start-up path. Validating the YAML takes PyYAML and a full
walk of the records, so the validated form is cached as msgpack under a name made from the
size and modification time of every data and schema file: any edit to either compiles afresh,
and an unwritable cache only costs speed. From the cache, each kind is decoded
only when asked for (``model.Stored``).
"""

from __future__ import annotations

import os
import zlib
from functools import cache
from pathlib import Path

import msgspec

from plantar.knowledge.model import KnowledgeBase, Stored, title_of

DATA_DIR = Path(__file__).parent / "data"
_SCHEMA_FILES = ("schema.py", "model.py", "checks.py", "validate.py")

__all__ = ["DATA_DIR", "KnowledgeBase", "cache_dir", "digest", "load", "title_of"]


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
    cached = cache_dir() / f"kb-{_stamp(data_dir)}.msgpack"
    try:
        return KnowledgeBase(msgspec.msgpack.decode(cached.read_bytes(), type=Stored))
    except (OSError, msgspec.DecodeError):
        pass
    from plantar.knowledge.validate import compile_dir

    compiled = compile_dir(data_dir, digest(data_dir))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(msgspec.msgpack.encode(Stored.of(compiled)))
        os.replace(tmp, cached)  # atomic: a concurrent reader never sees half a file
        for stale in cached.parent.glob("kb-*.msgpack"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return KnowledgeBase(compiled)
