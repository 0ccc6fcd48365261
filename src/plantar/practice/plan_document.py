"""The plan a visit stores: a typed document, bounded, read back as it was written.

A visit keeps what was followed: the planner's ``Plan``, the ``PlanRequest`` it was made from
(so the plan page can plan again from it) and the routine's id when a routine was played. The
document is checked once, where it comes in (``read_plan``): at most ``MAX_DEPTH`` levels of
nesting and ``MAX_BYTES`` of JSON, every field of the right type, else ``BadInput`` naming
the place. The visits table stores it through ``columns.StructJSON``, so every reader gets a
``UsedPlan``, never a dict to re-parse.

A document stored before plans were typed, that this version cannot read as one, is not lost:
it comes back with ``unread`` holding its JSON text, is written back byte for byte by a backup,
and the pages say it is kept as it was.
"""

from __future__ import annotations

import json
import math
from typing import Any, Final

import msgspec

from plantar.errors import BadInput, decoding_error
from plantar.i18n import _, ngettext
from plantar.planner import Plan, PlanRequest

MAX_BYTES: Final = 256 * 1024
# UsedPlan → plan → screening → findings → [i] → field is 6 levels; twice that is generous.
MAX_DEPTH: Final = 12


class UsedPlan(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """What a visit followed: a plan, the request it came from, a routine; any may be absent
    (a routine played as it stands has no plan)."""

    plan: Plan | None = None
    request: PlanRequest | None = None
    routine: str | None = None
    # Set only for a document stored before plans were typed and not readable as one: its
    # JSON, kept as it was (nothing that comes in can set it).
    unread: str | None = None

    def document(self) -> dict[str, Any]:
        """The JSON object of the visit's ``plan`` field (absent parts left out)."""
        if self.unread is not None:
            kept: dict[str, Any] = json.loads(self.unread)
            return kept
        out: dict[str, Any] = {}
        if self.plan is not None:
            out["plan"] = msgspec.to_builtins(self.plan)
        if self.request is not None:
            out["request"] = msgspec.to_builtins(self.request)
        if self.routine is not None:
            out["routine"] = self.routine
        return out


def _depth(document: object) -> int:
    """How deeply ``document`` nests (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((v, level + 1) for v in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((v, level + 1) for v in value)
    return deepest


def _unstorable(document: object) -> str | None:
    """What in ``document`` JSON in PostgreSQL cannot hold, said for the message: a NUL
    character in a key or a text, or a number that is not finite (NaN, Infinity); None when
    there is none (no recursion)."""
    stack: list[object] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            return _("(a NUL character)")
        if isinstance(value, float) and not math.isfinite(value):
            return f"({value})"
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return None


def _dropped(given: object, kept: object, place: str) -> str | None:
    """The first place of ``given`` that ``kept`` (its typed reading) lost, or None: a key the
    types do not know, or a value read differently. ``kept`` may add defaults."""
    if isinstance(given, dict):
        if not isinstance(kept, dict):
            return place
        for key, value in given.items():
            if key not in kept:
                return f"{place}.{key}"
            lost = _dropped(value, kept[key], f"{place}.{key}")
            if lost:
                return lost
        return None
    if isinstance(given, list | tuple):
        if not isinstance(kept, list | tuple) or len(kept) != len(given):
            return place
        for index, (value, read) in enumerate(zip(given, kept, strict=True)):
            lost = _dropped(value, read, f"{place}[{index}]")
            if lost:
                return lost
        return None
    return None if given == kept and type(given) is type(kept) else place


def read_plan(document: object, field: str = "plan") -> UsedPlan:
    """``document`` (JSON values) as a ``UsedPlan``, or ``BadInput`` naming what is wrong:
    too deep or too large, text PostgreSQL cannot store, a value of the wrong type, or a field
    a plan does not have (nothing is dropped quietly)."""
    if _depth(document) > MAX_DEPTH:
        raise BadInput(
            field,
            _("(nested too deep)"),
            _("a plan document at most {levels} levels deep").format(levels=MAX_DEPTH),
        )
    try:
        encoded = msgspec.json.encode(document)
    except (TypeError, UnicodeEncodeError, msgspec.EncodeError):
        raise BadInput(
            field, _("(not JSON text)"), _("a JSON object of text and numbers")
        ) from None
    if len(encoded) > MAX_BYTES:
        size = ngettext("({n} byte)", "({n} bytes)", len(encoded)).format(n=len(encoded))
        raise BadInput(field, size, _("a plan of at most {n} bytes of JSON").format(n=MAX_BYTES))
    unstorable = _unstorable(document)
    if unstorable is not None:  # PostgreSQL cannot store it in JSONB
        raise BadInput(
            field,
            unstorable,
            _("text without NUL characters and finite numbers (no NaN, Infinity)"),
        )
    try:
        used = msgspec.convert(document, UsedPlan)
    except msgspec.ValidationError as exc:
        raise decoding_error(str(exc), field) from None
    if used.unread is not None:
        raise BadInput(f"{field}.unread", used.unread[:40], _("no such field in a plan"))
    lost = _dropped(document, used.document(), field)
    if lost is not None:
        said = _("{place}: not a field of a plan").format(place=lost)
        raise BadInput(lost.split("[")[0], None, message=said)
    return used


def stored_plan(document: object) -> UsedPlan:
    """A document as the database holds it: read as a plan, or kept ``unread``, as it is, when
    this version cannot read all of it as one (a document stored before plans were typed)."""
    try:
        return read_plan(document)
    except BadInput:
        return UsedPlan(unread=json.dumps(document, sort_keys=True))
