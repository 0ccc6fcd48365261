"""The fast solver of the planner's model (``model.py``): greedy by value density, then local
improvement near the end of the budget. Pure Python, a fraction of a millisecond.

Why greedy works well here: once the set of chosen blocks is fixed, the best durations are a
fractional knapsack (fill the time with the densest units first), which greedy solves exactly.
Every block is two "chunks": its first ``low`` units at density ``gain`` and the rest at
``tail`` < ``gain``. Taking chunks in order of density, skipping a set-up chunk that no longer
fits, is optimal except at the end of the budget, where an indivisible chunk may leave time
unused or block a better pair. The local search repairs exactly that: it tries forcing in a
block that was skipped although denser than the last time bought, or leaving out a block
chosen after the first skip, re-running the greedy each time, while that improves the value.
``benchmarks/bench_planner.py`` measures the result against CP-SAT's exact optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

from plantar.planner.model import GROUP_LIMITS, Model

Choice = tuple[int, ...]
_GROUPS: tuple[str, ...] = tuple(GROUP_LIMITS)


class Infeasible(Exception):
    """No choice meets the model's constraints (too little time for the compulsory blocks)."""


@dataclass(frozen=True, slots=True)
class _Chunk:
    base: bool
    index: int
    density: int
    cost: int
    low: int
    high: int
    group: int  # position in _GROUPS, or -1


@dataclass(slots=True)
class _Run:
    value: int
    units: list[int]
    forced: tuple[int, ...]
    banned: frozenset[int]
    skipped: list[int]  # base chunks that did not fit, in density order
    after_skip: list[int]  # blocks chosen after the first skip
    last_density: int  # density of the last chunk that bought time


def _chunks(model: Model) -> list[_Chunk]:
    chunks = []
    for index, item in enumerate(model.items):
        group = _GROUPS.index(item.group) if item.group else -1
        chunks.append(_Chunk(True, index, item.gain, item.cost, item.low, item.high, group))
        if item.high > item.low:
            chunks.append(_Chunk(False, index, item.tail, item.cost, item.low, item.high, group))
    # Densest first; a block's base chunk always precedes its tail (gain > tail); ties by index.
    chunks.sort(key=lambda c: (-c.density, not c.base, c.index))
    return chunks


def _greedy(
    model: Model, chunks: list[_Chunk], forced: tuple[int, ...], banned: frozenset[int]
) -> _Run | None:
    items = model.items
    units = [0] * len(items)
    remaining = model.capacity
    counts = [0] * len(_GROUPS)
    limits = [GROUP_LIMITS[g] for g in _GROUPS]
    for index in forced:
        item = items[index]
        units[index] = item.low
        remaining -= item.cost * item.low
        if item.group:
            counts[_GROUPS.index(item.group)] += 1
    if remaining < 0 or any(c > lim[1] for c, lim in zip(counts, limits, strict=True)):
        return None
    skipped: list[int] = []
    after_skip: list[int] = []
    last_density = 0
    for chunk in chunks:
        index = chunk.index
        if chunk.base:
            if units[index] or index in banned:
                continue
            if chunk.group >= 0 and counts[chunk.group] >= limits[chunk.group][1]:
                continue
            need = chunk.cost * chunk.low
            if need <= remaining:
                units[index] = chunk.low
                remaining -= need
                last_density = chunk.density
                if chunk.group >= 0:
                    counts[chunk.group] += 1
                if skipped:
                    after_skip.append(index)
            else:
                skipped.append(index)
        elif units[index] and remaining >= chunk.cost:
            room = min(chunk.high - units[index], remaining // chunk.cost)
            if room > 0:
                units[index] += room
                remaining -= room * chunk.cost
                last_density = chunk.density
    if model.capacity - remaining < model.floor:
        return None
    if any(c < lim[0] for c, lim in zip(counts, limits, strict=True)):
        return None
    value = sum(item.value(u) for item, u in zip(items, units, strict=True))
    return _Run(value, units, forced, banned, skipped, after_skip, last_density)


def solve(model: Model, rounds: int = 6) -> Choice:
    """A feasible choice of high value (``Infeasible`` when none is found)."""
    chunks = _chunks(model)
    items = model.items
    # Each group with a minimum needs one of its blocks forced in: try each as the opener.
    openers: list[tuple[int, ...]] = [()]
    for group, (least, _) in GROUP_LIMITS.items():
        members = [i for i, item in enumerate(items) if item.group == group]
        if least and members:
            openers = [(*o, m) for o in openers for m in members]
    best: _Run | None = None
    for forced in openers:
        run = _greedy(model, chunks, forced, frozenset())
        if run is not None and (best is None or run.value > best.value):
            best = run
    if best is None:
        raise Infeasible("not enough time for a warm-up and a finishing stroke on each foot")
    for _ in range(rounds):
        current = best
        moves: list[tuple[tuple[int, ...], frozenset[int]]] = []
        for index in current.skipped:
            if items[index].gain > current.last_density and index not in current.banned:
                moves.append(((*current.forced, index), current.banned))
        # Leave out a block chosen after the first skip, or a second opener that may block a
        # longer-lasting one of its group.
        grouped = [i for i, u in enumerate(current.units) if u and items[i].group]
        for index in dict.fromkeys([*current.after_skip, *grouped]):
            if index not in current.forced:
                moves.append((current.forced, current.banned | {index}))
        for forced, banned in moves:
            run = _greedy(model, chunks, forced, banned)
            if run is not None and run.value > best.value:
                best = run
        if best is current:
            break
    return tuple(best.units)
