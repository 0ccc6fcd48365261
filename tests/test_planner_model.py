"""The optimiser against an exact optimum on small models: always feasible, close to it.

Tiny, adversarial models are where a greedy is weakest (one indivisible block is a large
share of the budget); on real requests benchmarks/bench_planner.py measures it against CP-SAT.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hypothesis_profiles import examples
from plantar.planner.choose import Infeasible, solve, solve_valued
from plantar.planner.model import GROUP_LIMITS, Item, Model


@st.composite
def models(draw: st.DrawFn) -> Model:
    def item(group: str) -> Item:
        low = draw(st.integers(1, 6))
        gain = draw(st.integers(10, 1000))
        return Item(
            cost=draw(st.sampled_from((1, 2, 2, 2))),
            low=low,
            high=low + draw(st.integers(0, 8)),
            gain=gain,
            tail=gain // 2,
            group=group,
        )

    items = [item("warm_up"), item("warm_up"), item("finish")]
    items += [item("") for _ in range(draw(st.integers(0, 10)))]
    capacity = draw(st.integers(4, 120))
    floor = capacity * 9 // 10
    return Model(tuple(items), capacity, floor)


def exact(model: Model) -> int | None:
    """The optimum by dynamic programming over (time used, openers, closers): exact, and
    independent of the greedy; fine for the small budgets drawn here."""
    groups = tuple(GROUP_LIMITS)
    states: dict[tuple[int, ...], int] = {(0, *(0 for _ in groups)): 0}
    for item in model.items:
        following = dict(states)  # the item not used
        for state, value in states.items():
            used, counts = state[0], list(state[1:])
            if item.group:
                counts[groups.index(item.group)] += 1
                if counts[groups.index(item.group)] > GROUP_LIMITS[item.group][1]:
                    continue
            for units in range(item.low, item.high + 1):
                total = used + item.cost * units
                if total > model.capacity:
                    break
                key = (total, *counts)
                gained = value + item.value(units)
                if gained > following.get(key, -1):
                    following[key] = gained
        states = following
    feasible = [
        value
        for (used, *counts), value in states.items()
        if used >= model.floor
        and all(GROUP_LIMITS[g][0] <= c for g, c in zip(groups, counts, strict=True))
    ]
    return max(feasible) if feasible else None


@settings(max_examples=examples(300), deadline=None, derandomize=True)
@given(model=models())
def test_the_fast_solver_is_feasible_and_close_to_the_optimum(model: Model) -> None:
    optimum = exact(model)
    try:
        choice, value = solve_valued(model)
    except Infeasible:
        assert optimum is None
        return
    assert model.problems(choice) == []
    assert value == model.value(choice)  # the value the search reports is the model's
    assert optimum is not None
    assert model.value(choice) >= 0.9 * optimum


def test_it_uses_everything_when_everything_fits() -> None:
    items = (
        Item(2, 2, 6, 500, 250, "warm_up"),
        Item(2, 2, 4, 400, 200, "finish"),
        Item(2, 3, 9, 900, 450),
        Item(1, 4, 4, 100, 50),
    )
    model = Model(items, capacity=100, floor=0)
    assert solve(model) == (6, 4, 9, 4)


def test_it_prefers_a_second_block_to_a_longer_first_one_when_that_is_worth_more() -> None:
    # Extending the 900-block earns 450 a unit; a new 600-block earns 600 a unit.
    items = (
        Item(2, 1, 1, 100, 50, "warm_up"),
        Item(2, 1, 1, 100, 50, "finish"),
        Item(2, 2, 10, 900, 450),
        Item(2, 2, 2, 600, 300),
    )
    choice = solve(Model(items, capacity=12, floor=10))
    assert choice[3] == 2


def test_it_says_so_when_not_even_the_openers_fit() -> None:
    items = (Item(2, 3, 3, 100, 50, "warm_up"), Item(2, 3, 3, 100, 50, "finish"))
    with pytest.raises(Infeasible):
        solve(Model(items, capacity=8, floor=0))


def test_the_model_names_every_broken_constraint() -> None:
    items = (Item(2, 2, 4, 100, 50, "warm_up"), Item(2, 2, 4, 100, 50, "finish"))
    model = Model(items, capacity=6, floor=4)
    problems = model.problems((5, 0))
    assert any("outside 2..4" in p for p in problems)
    assert any("uses 10 units" in p for p in problems)
    assert any("finish" in p for p in problems)
    assert set(GROUP_LIMITS) == {"warm_up", "finish"}
