"""The loaded knowledge base: every record by kind and by id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

import msgspec

from plantar.knowledge.schema import (
    KINDS,
    Claim,
    Condition,
    CoverageItem,
    Device,
    Exercise,
    Goal,
    Point,
    Price,
    Record,
    Region,
    Routine,
    Rule,
    Shape,
    Source,
    Style,
    Technique,
    Zone,
)

R = TypeVar("R", bound=Record)


class Compiled(msgspec.Struct, kw_only=True, frozen=True):
    """The validated form kept in the cache (msgpack), keyed by the data's digest."""

    digest: str
    sources: list[Source]
    styles: list[Style]
    techniques: list[Technique]
    regions: list[Region]
    zones: list[Zone]
    points: list[Point]
    conditions: list[Condition]
    goals: list[Goal]
    claims: list[Claim]
    rules: list[Rule]
    routines: list[Routine]
    devices: list[Device]
    prices: list[Price]
    exercises: list[Exercise]
    coverage: list[CoverageItem]
    shapes: list[Shape]


class KnowledgeBase:
    """Read-only access to the compiled records. Ids are unique across all kinds."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self._by_id: dict[str, tuple[str, Record]] = {}
        for kind in KINDS:
            for record in self.records(kind):
                self._by_id[record.id] = (kind, record)  # type: ignore[attr-defined]

    @property
    def digest(self) -> str:
        return self.compiled.digest

    def records(self, kind: str) -> list[Record]:
        if kind not in KINDS:
            raise KeyError(kind)
        records: list[Record] = getattr(self.compiled, kind)
        return records

    def find(self, record_id: str) -> tuple[str, Record] | None:
        """The kind and record with this id, or None."""
        return self._by_id.get(record_id)

    def get(self, kind_type: type[R], record_id: str) -> R:
        """The record of a known kind; KeyError when absent or of another kind."""
        found = self._by_id.get(record_id)
        if found is None or not isinstance(found[1], kind_type):
            raise KeyError(record_id)
        return found[1]

    def ids(self, kind: str | None = None) -> list[str]:
        if kind is None:
            return list(self._by_id)
        return [r.id for r in self.records(kind)]  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[tuple[str, Record]]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


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


def title_of(record: Record, lang: str = "en") -> str:
    """The display title of any record, in ``lang`` when it has one, else English."""
    for attr in ("title", "service", "text"):
        text = getattr(record, attr, None)
        if text is not None:
            value: str = getattr(text, lang, None) or text.en
            return value
    return str(getattr(record, "id", ""))
