"""The loaded knowledge base: every record by kind and by id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import msgspec

from plantar.knowledge.schema import (
    AUX_FILES,
    KINDS,
    Entry,
    Record,
    Routine,
)

R = TypeVar("R", bound=Record)
E = TypeVar("E", bound=Entry)


# Every part of the knowledge base, from the one registry of kinds (and the files that are not
# kinds): the name of its file and list, and its record type.
PART_TYPES: dict[str, type[Record]] = {**KINDS, **AUX_FILES}
PARTS: tuple[str, ...] = tuple(PART_TYPES)
PART_OF: dict[type[Record], str] = {record_type: name for name, record_type in PART_TYPES.items()}


@dataclass(frozen=True)
class Compiled:
    """The records just validated, each part of ``PART_TYPES`` by name (before the cache)."""

    digest: str
    parts: dict[str, list[Any]]


class Stored(msgspec.Struct, kw_only=True, frozen=True):
    """The cache's form of ``Compiled``: each kind kept as its own msgpack bytes, plus an
    index of ids, so a command that needs one record decodes one kind, not all of them."""

    digest: str
    index: dict[str, str]  # record id -> kind
    parts: dict[str, msgspec.Raw]  # field of Compiled -> msgpack of its list

    @classmethod
    def of(cls, compiled: Compiled) -> Stored:
        index = {r.id: kind for kind in KINDS for r in compiled.parts[kind]}
        parts = {name: msgspec.Raw(msgspec.msgpack.encode(compiled.parts[name])) for name in PARTS}
        return cls(digest=compiled.digest, index=index, parts=parts)


_PART_TYPES: dict[str, Any] = {
    name: list[record_type]  # type: ignore[valid-type]
    for name, record_type in PART_TYPES.items()
}


class KnowledgeBase:
    """Read-only access to the validated records. Ids are unique across all kinds.

    Built from a ``Compiled`` (just validated) or a ``Stored`` (read from the cache); from
    the cache, each kind is decoded the first time it is asked for.
    """

    def __init__(self, source: Compiled | Stored) -> None:
        self._digest = source.digest
        self._parts: dict[str, list[Any]] = {}
        self._stored: Stored | None = None
        if isinstance(source, Compiled):
            self._parts = dict(source.parts)
            self._index = {r.id: kind for kind in KINDS for r in self._parts[kind]}
        else:
            self._stored = source
            self._index = source.index
        self._by_kind: dict[str, dict[str, Entry]] = {}

    def _part(self, name: str) -> list[Any]:
        found = self._parts.get(name)
        if found is None:
            assert self._stored is not None
            found = msgspec.msgpack.decode(self._stored.parts[name], type=_PART_TYPES[name])
            self._parts[name] = found
        return found

    @cached_property
    def compiled(self) -> Compiled:
        """Every record, decoded (for checks and tools that walk the whole base); built once,
        since the map's renderer asks for the shapes on every drawing."""
        return Compiled(self._digest, {name: self._part(name) for name in PARTS})

    @property
    def digest(self) -> str:
        return self._digest

    def records(self, kind: str) -> list[Entry]:
        """The records of a kind named by the user (``kb list goals``); code that knows the
        kind asks ``all(Goal)``, typed."""
        if kind not in KINDS:
            raise KeyError(kind)
        return self._part(kind)

    def all(self, kind_type: type[R]) -> list[R]:
        """Every record of a kind, typed: ``kb.all(Goal)`` is a ``list[Goal]`` (and
        ``kb.all(Shape)`` the map's shapes, a part that is not a kind of record)."""
        return self._part(PART_OF[kind_type])

    def find(self, record_id: str) -> tuple[str, Entry] | None:
        """The kind and record with this id, or None."""
        kind = self._index.get(record_id)
        if kind is None:
            return None
        by_id = self._by_kind.get(kind)
        if by_id is None:
            by_id = {r.id: r for r in self.records(kind)}
            self._by_kind[kind] = by_id
        return kind, by_id[record_id]

    def get(self, kind_type: type[E], record_id: str) -> E:
        """The record of a known kind; KeyError when absent or of another kind."""
        found = self.find(record_id)
        if found is None or not isinstance(found[1], kind_type):
            raise KeyError(record_id)
        return found[1]

    def title(self, record_id: str, lang: str | None = None) -> str:
        """The display title of the record with this id; an unknown id shows as itself."""
        found = self.find(record_id)
        return title_of(found[1], lang) if found else record_id

    def ids(self, kind: str | None = None) -> list[str]:
        if kind is None:
            return list(self._index)
        return [r.id for r in self.records(kind)]

    def __iter__(self) -> Iterator[tuple[str, Entry]]:
        for kind in KINDS:
            for record in self.records(kind):
                yield kind, record

    def __len__(self) -> int:
        return len(self._index)


def record_json(kind: str, record: Record) -> dict[str, Any]:
    """The JSON of one record: its own fields, the collection (kind of record) it belongs to,
    and a routine's computed total. The CLI (`kb show --json`) and the web API return this.

    The collection is not called "kind": conditions and sources have a field of that name
    (a condition's kind is absolute/relative/local/temporary, as DESIGN.md says).
    """
    data: dict[str, Any] = {**msgspec.to_builtins(record), "collection": kind}
    if isinstance(record, Routine):
        data["total_seconds_min"], data["total_seconds_max"] = record.total_seconds()
    return data


def json_text(data: Any) -> str:
    """The text of every ``--json`` output: indented by two, ending in a newline."""
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode() + "\n"


def title_of(record: Record, lang: str | None = None) -> str:
    """The display title of any record, in ``lang`` (the current language by default)."""
    for attr in ("title", "service", "text"):
        text = getattr(record, attr, None)
        if text is not None:
            value: str = text.text(lang)
            return value
    return str(getattr(record, "id", ""))
