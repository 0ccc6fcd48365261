"""The shape of a session the article prescribes, and the model of what fills it.

A session is: a preparation step; any block done on both feet at once (a mat); then each foot
in turn, left first, with the same blocks for the same time — warm-up, main work, point work,
a finishing stroke toward the ankle; then rest. The time for preparation and rest grows with
the session; what is left is for the optimiser (``model.py``), in five-second units.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from plantar.knowledge.schema import Foot
from plantar.planner.candidates import Candidate
from plantar.planner.model import UNIT, Item, Model, chunk_order

TAIL_RATIO = 0.5  # value of a second beyond a block's minimum, relative to its first seconds
SHARE_OF_BUDGET = 0.9  # the plan uses at least 90 % of the minutes asked for
PHASE_RANK = {"prepare": 0, "warm_up": 1, "main": 2, "points": 3, "finish": 4}
FEET: tuple[Foot, ...] = ("left", "right")
# Shortest warm-up and finish on each foot, as a share of the whole session (at least the
# block's own minimum): 36 s and 27 s of a 15-minute session.
OPENING_SHARE = {"warm_up": 0.04, "finish": 0.03}


def _round_unit(seconds: float) -> int:
    return int(UNIT * round(seconds / UNIT))


def fixed_seconds(budget: int) -> tuple[int, int]:
    """Seconds of preparation and of rest for a session of ``budget`` seconds.

    About 7 % and 8 % of the session, at least ten seconds each (a one-minute session still
    warms the hands and ends calmly), at most a minute and a half to get ready and five
    minutes of rest.
    """
    prepare = min(90, max(10, _round_unit(budget * 0.07)))
    rest = min(300, max(10, _round_unit(budget * 0.08)))
    return prepare, rest


@dataclass(frozen=True, slots=True)
class Frame:
    budget: int  # seconds asked for
    prepare: int
    rest: int
    model: Model
    stretch: float  # > 1 when the blocks had to run longer than usual to fill the time


# A block's part of the model that no length changes: (cost, shortest units, longest seconds,
# opener group or "", gain, tail).
_Spec = tuple[int, int, int, str, int, int]


@dataclass(frozen=True, slots=True)
class Blocks:
    """The candidates' items as far as they do not depend on the session's length.

    A request is planned at many lengths (``Prepared`` in build.py keeps one per request
    without its minutes): each block's item at its usual length, and the order the optimiser
    takes them in (densest first), are worked out once; a length then only sets the openers'
    shortest time, and stretches every block when too few suit the request.
    """

    specs: tuple[_Spec, ...]
    plain: tuple[Item, ...]  # every block at its usual length (openers at their own minimum)
    openers: tuple[int, ...]  # indexes of the warm-up and finish blocks
    free: int  # budget units of all non-opener blocks at their longest usual length
    order: tuple[tuple[bool, int], ...]  # see Model.order


def blocks_of(cands: Sequence[Candidate]) -> Blocks:
    specs: list[_Spec] = []
    for c in cands:
        ex = c.exercise
        group = ex.phase if ex.per_foot and ex.phase in ("warm_up", "finish") else ""
        tail = int(c.gain * TAIL_RATIO)
        specs.append((2 if ex.per_foot else 1, ex.seconds_min // UNIT, ex.seconds_max, group,
                      c.gain, tail))  # fmt: skip
    plain = _items(specs, 1.0, None)
    return Blocks(
        specs=tuple(specs),
        plain=plain,
        openers=tuple(i for i, spec in enumerate(specs) if spec[3]),
        free=sum(it.cost * it.high for it in plain if not it.group),
        order=chunk_order(plain),
    )


def _items(specs: Sequence[_Spec], stretch: float, budget: int | None) -> tuple[Item, ...]:
    items = []
    for cost, low, seconds_max, group, gain, tail in specs:
        high = max(low, math.ceil(seconds_max * stretch / UNIT))
        if group and budget is not None:
            low = _opening_low(low, high, group, budget)
        items.append(Item(cost, low, high, gain, tail, group))
    return tuple(items)


def _opening_low(low: int, high: int, group: str, budget: int) -> int:
    """An opener's shortest time in a session of ``budget`` seconds: a warm-up and a finish
    in proportion to the session (ten seconds open a one-minute session, but a long one
    deserves more than two strokes), within the block's own limits."""
    return min(high, max(low, round(budget * OPENING_SHARE[group] / UNIT)))


def _sized(shape: Blocks, budget: int) -> tuple[Item, ...]:
    """The items at their usual lengths for a session of ``budget`` seconds."""
    items = list(shape.plain)
    for index in shape.openers:
        cost, low, _, group, gain, tail = shape.specs[index]
        high = items[index].high
        items[index] = Item(cost, _opening_low(low, high, group, budget), high, gain, tail, group)
    return tuple(items)


def _longest(shape: Blocks, items: tuple[Item, ...]) -> int:
    """Budget units the longest feasible choice uses (two openers, one closer, all else)."""
    free = shape.free
    for group, most in (("warm_up", 2), ("finish", 1)):
        spans = sorted((it.cost * it.high for it in items if it.group == group), reverse=True)
        free += sum(spans[:most])
    return free


def frame(budget: int, cands: Sequence[Candidate] | Blocks) -> Frame:
    shape = cands if isinstance(cands, Blocks) else blocks_of(cands)
    prepare, rest = fixed_seconds(budget)
    capacity = (budget - prepare - rest) // UNIT
    floor = max(0, math.ceil((math.ceil(budget * SHARE_OF_BUDGET) - prepare - rest) / UNIT))
    stretch = 1.0
    items = _sized(shape, budget)
    longest = _longest(shape, items)
    if 0 < longest < capacity:
        # Too few kinds of block suit this request to fill the time at their usual lengths:
        # every block runs proportionally longer instead (the plan says so).
        stretch = capacity / longest
        items = _items(shape.specs, stretch, budget)
    return Frame(budget, prepare, rest, Model(items, capacity, floor, shape.order), stretch)
