"""Find every cross-reference in a record from its type annotations (``Ref`` markers)."""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

import msgspec

from plantar.knowledge.schema import Ref

RefHit = tuple[tuple[str | int, ...], tuple[str, ...], str]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls, include_extras=True)


def iter_refs(value: Any, hint: Any, path: tuple[str | int, ...] = ()) -> Iterator[RefHit]:
    """Yield ``(path, kinds, id)`` for every value annotated with ``Ref``."""
    if value is None:
        return
    origin = get_origin(hint)
    if origin is Annotated:
        base, *meta = get_args(hint)
        for marker in meta:
            if isinstance(marker, Ref) and isinstance(value, str):
                yield path, marker.kinds, value
        yield from iter_refs(value, base, path)
    elif origin in (list, tuple):
        (item_hint, *_) = get_args(hint)
        for index, item in enumerate(value):
            yield from iter_refs(item, item_hint, (*path, index))
    elif origin is dict:
        key_hint, item_hint = get_args(hint)
        for key, item in value.items():
            yield from iter_refs(key, key_hint, (*path, key))
            yield from iter_refs(item, item_hint, (*path, key))
    elif origin in (Union, types.UnionType):
        for option in get_args(hint):
            if option is not type(None):
                yield from iter_refs(value, option, path)
    elif isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        for name, field_hint in _hints(hint).items():
            yield from iter_refs(getattr(value, name), field_hint, (*path, name))
