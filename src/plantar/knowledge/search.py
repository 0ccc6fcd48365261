"""Ranked full-text search over every record, tolerant of case and inflection.

Words are stemmed (Snowball, English) so "points" finds "point" and "massaging" finds
"massage". Scoring: an exact id wins outright; then matches in the title weigh more than
matches in the rest of the text, and a record that matches every query word ranks above one
that matches only some.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import msgspec
import snowballstemmer

from plantar.knowledge.model import KnowledgeBase, title_of
from plantar.knowledge.schema import KINDS

_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("english")
TITLE_WEIGHT = 3.0
TEXT_WEIGHT = 1.0
ID_EXACT = 100.0
ID_WORD = 2.0
EXACT_TITLE = 5.0
# Sources back the other records up; a reader searching "pregnancy" wants the condition first.
KIND_FACTOR = {"sources": 0.5}


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    score: float

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "title": self.title}


def stems(text: str) -> list[str]:
    words = _WORD.findall(text.lower().replace("_", " "))
    return list(_STEMMER.stemWords(words))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"sources", "ru"}:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@dataclass(frozen=True)
class _Doc:
    kind: str
    id: str
    title: str
    id_stems: frozenset[str]
    title_stems: frozenset[str]
    text_stems: frozenset[str]


@cache
def _index(kb: KnowledgeBase) -> tuple[_Doc, ...]:
    docs = []
    for kind in KINDS:
        for record in kb.records(kind):
            record_id = record.id
            title = title_of(record)
            text = " ".join(_strings(msgspec.to_builtins(record)))
            docs.append(
                _Doc(
                    kind=kind,
                    id=record_id,
                    title=title,
                    id_stems=frozenset(stems(record_id)),
                    title_stems=frozenset(stems(title)),
                    text_stems=frozenset(stems(text)),
                )
            )
    return tuple(docs)


def search(kb: KnowledgeBase, query: str, limit: int = 20) -> list[Hit]:
    """Records matching ``query``, best first; an empty list when nothing matches."""
    wanted = stems(query)
    if not wanted:
        return []
    exact = query.strip().lower()
    hits: list[Hit] = []
    for doc in _index(kb):
        score = ID_EXACT if doc.id.lower() == exact else 0.0
        matched = 0
        for stem in wanted:
            weight = 0.0
            if stem in doc.id_stems:
                weight = max(weight, ID_WORD)
            if stem in doc.title_stems:
                weight = max(weight, TITLE_WEIGHT)
            if stem in doc.text_stems:
                weight = max(weight, TEXT_WEIGHT)
            if weight:
                matched += 1
                score += weight
        if matched == 0 and score == 0:
            continue
        # Records that match every word of the query come first; a title that is exactly the
        # query (or its id's words are) beats one that merely contains it.
        score += 10.0 * (matched == len(wanted))
        if set(wanted) in (set(doc.title_stems), set(doc.id_stems)):
            score += EXACT_TITLE
        score *= KIND_FACTOR.get(doc.kind, 1.0)
        hits.append(Hit(doc.kind, doc.id, doc.title, score))
    kind_order = {kind: i for i, kind in enumerate(KINDS)}
    hits.sort(key=lambda h: (-h.score, kind_order[h.kind], h.id))
    return hits[:limit]
