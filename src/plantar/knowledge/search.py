"""Ranked full-text search over every record, tolerant of case and inflection.

Both languages are searched, whichever is current: English words are stemmed by Snowball's
English stemmer ("points" finds "point", "massaging" "massage"), Russian ones by its Russian
one («точки» finds «точка», «массажа» «массаж»). A hit is titled in the current language.
Scoring: an exact id wins outright; then matches in the title weigh more than
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

_WORD = re.compile(r"[a-z0-9]+|[а-яё]+")
_CYRILLIC = re.compile(r"[а-яё]")
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}
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


def stems(text: str, only: str | None = None) -> list[str]:
    """The stems of ``text``'s words, each by its own language's stemmer; ``only``: the words
    of that language alone (a Russian text's Latin codes and names are not its words)."""
    words = _WORD.findall(text.lower().replace("_", " ").replace("ё", "е"))
    out = []
    for word in words:
        lang = "ru" if _CYRILLIC.match(word) else "en"
        if only is None or lang == only:
            out.append(_STEMMERS[lang].stemWord(word))
    return out


def _strings(value: Any, lang: str = "en") -> Iterator[tuple[str, str]]:
    """Every text of a record with its language (a ``ru`` or ``quote_ru`` value is Russian)."""
    if isinstance(value, str):
        yield lang, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "sources":
                yield from _strings(item, "ru" if key in ("ru", "quote_ru") else lang)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, lang)


def _stems_of(value: Any) -> frozenset[str]:
    return frozenset(stem for lang, text in _strings(value) for stem in stems(text, lang))


@dataclass(frozen=True)
class _Doc:
    kind: str
    id: str
    record: Any
    id_stems: frozenset[str]
    title_stems: frozenset[str]  # of the title in every language
    titles: tuple[frozenset[str], ...]  # of each language's title, for an exact match
    text_stems: frozenset[str]


@cache
def _index(kb: KnowledgeBase) -> tuple[_Doc, ...]:
    docs = []
    for kind in KINDS:
        for record in kb.records(kind):
            record_id = record.id
            data = msgspec.to_builtins(record)
            # The title as title_of finds it (a claim's is its text), in every language.
            title = next(
                (data[a] for a in ("title", "service", "text") if data.get(a)), {"en": record_id}
            )
            docs.append(
                _Doc(
                    kind=kind,
                    id=record_id,
                    record=record,
                    id_stems=frozenset(stems(record_id)),
                    title_stems=_stems_of(title),
                    titles=tuple(_stems_of({lang: text}) for lang, text in title.items()),
                    text_stems=_stems_of(data),
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
        if set(wanted) in (*doc.titles, doc.id_stems):
            score += EXACT_TITLE
        score *= KIND_FACTOR.get(doc.kind, 1.0)
        hits.append(Hit(doc.kind, doc.id, title_of(doc.record), score))
    kind_order = {kind: i for i, kind in enumerate(KINDS)}
    hits.sort(key=lambda h: (-h.score, kind_order[h.kind], h.id))
    return hits[:limit]
