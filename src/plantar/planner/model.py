"""The planner's optimisation model: which blocks to use, and for how long.

Time is counted in units of ``UNIT`` seconds. Each candidate block ``i`` (an exercise the
request allows, see ``candidates.py``) is an ``Item``:

- ``cost`` budget units per unit of its duration: 2 for a block done on each foot in turn
  (the plan mirrors it, so both feet get the same time), 1 for a block done on both feet at once;
- ``low``..``high``: its shortest and longest duration (units) when chosen;
- ``gain``: its value per unit for the first ``low`` units, ``tail``: per unit beyond that
  (``tail`` < ``gain``: the first minutes of a movement do the most, later ones less);
- ``group``: ``warm_up`` or ``finish`` for the blocks that open and close each foot.

Decision: ``d[i]`` in ``{0} or [low_i, high_i]`` (0 = not used).

Objective (maximise)::

    value(d) = Σ_i cost_i · ( gain_i · min(d_i, low_i) + tail_i · max(0, d_i - low_i) )

subject to::

    floor ≤ Σ_i cost_i · d_i ≤ capacity          (90-100 % of the time left for massage)
    1 ≤ #{i in warm_up : d_i > 0} ≤ 2            (each foot opens with stroking or rubbing)
    #{i in finish : d_i > 0} = 1                 (and closes with one stroke to the ankle)

It is a knapsack with set-up items, linear in ``d`` once the chosen set is fixed, so an
integer program solves it exactly (``benchmarks/bench_planner.py`` does, with CP-SAT, and
compares it with ``choose.solve``). All numbers are integers: both solvers see the same model.
"""

from __future__ import annotations

from dataclasses import dataclass

UNIT = 5  # seconds: durations are multiples of five seconds, easy to read and to follow
GROUP_LIMITS: dict[str, tuple[int, int]] = {"warm_up": (1, 2), "finish": (1, 1)}


@dataclass(frozen=True, slots=True)
class Item:
    cost: int
    low: int
    high: int
    gain: int
    tail: int
    group: str = ""

    def value(self, units: int) -> int:
        if units <= 0:
            return 0
        base = min(units, self.low)
        return self.cost * (self.gain * base + self.tail * (units - base))


def chunk_order(items: tuple[Item, ...]) -> tuple[tuple[bool, int], ...]:
    """Each item's first ``low`` units (at ``gain``) and the rest (at ``tail``), densest first;
    an item's first part always precedes its rest (gain > tail); ties by index."""
    parts = [(True, i, it.gain) for i, it in enumerate(items)]
    parts += [(False, i, it.tail) for i, it in enumerate(items)]
    parts.sort(key=lambda p: (-p[2], not p[0], p[1]))
    return tuple((base, index) for base, index, _ in parts)


@dataclass(frozen=True, slots=True)
class Model:
    items: tuple[Item, ...]
    capacity: int
    floor: int
    # The order a greedy takes the items' parts in, densest first: (whether it is the first
    # ``low`` units, item index). Only the gains decide it, so a request planned at many
    # lengths works it out once (structure.Blocks); empty means "work it out".
    order: tuple[tuple[bool, int], ...] = ()

    def value(self, choice: tuple[int, ...]) -> int:
        return sum(item.value(units) for item, units in zip(self.items, choice, strict=True))

    def used(self, choice: tuple[int, ...]) -> int:
        return sum(item.cost * units for item, units in zip(self.items, choice, strict=True))

    def problems(self, choice: tuple[int, ...]) -> list[str]:
        """Every constraint ``choice`` breaks (empty when it is feasible)."""
        found: list[str] = []
        for index, (item, units) in enumerate(zip(self.items, choice, strict=True)):
            if units and not item.low <= units <= item.high:
                found.append(f"item {index}: {units} units outside {item.low}..{item.high}")
        used = self.used(choice)
        if not self.floor <= used <= self.capacity:
            found.append(f"uses {used} units, outside {self.floor}..{self.capacity}")
        for group, (least, most) in GROUP_LIMITS.items():
            count = sum(
                1 for it, u in zip(self.items, choice, strict=True) if it.group == group and u
            )
            if not least <= count <= most:
                found.append(f"{count} {group} blocks, outside {least}..{most}")
        return found
