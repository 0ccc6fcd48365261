"""The technique demonstrations, frame by frame in real Chromium (issue 13, item 6): the drawn
hand is on the foot and is somewhere else a quarter of a loop later."""

from __future__ import annotations

from typing import Any

import pytest

from plantar.footmap.demos import RECIPES

pytestmark = pytest.mark.browser

AT = """([frac]) => {
  const svg = document.querySelector('svg');
  svg.pauseAnimations();
  const anim = svg.querySelector('animateMotion, animateTransform');
  svg.setCurrentTime(anim.getSimpleDuration() * frac);
  const r = svg.querySelector('g.hand').getBoundingClientRect();
  return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
}"""


@pytest.mark.parametrize("technique", sorted(RECIPES))
def test_the_hand_moves_from_frame_to_frame(page: Any, live_server: str, technique: str) -> None:
    if page.size_name == "desktop":
        pytest.skip("a picture, the same at any size: looked at once")
    page.goto(f"{live_server}/api/v1/demo/{technique}.svg")
    frames = [page.evaluate(AT, [f]) for f in (0.05, 0.3, 0.55, 0.8)]
    assert all(w > 10 and h > 10 for _, _, w, h in frames)  # a hand, not a dot
    moving = RECIPES[technique].motion not in ("rotate", "shake")  # those move the foot
    if moving:
        assert len({(x, y) for x, y, _, _ in frames}) > 1, frames
