"""The README's picture of the map is the map as it is drawn today (``make docs`` redraws it):
a change to the chart, the points or the drawing that forgets it fails here."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from plantar.footmap import MapRequest, export, render_svg
from plantar.footmap.request import FEET, VIEWS
from plantar.knowledge import KnowledgeBase

PICTURE = Path(__file__).resolve().parents[1] / "docs" / "img" / "footmap.png"


def test_the_readme_picture_matches_a_fresh_render(kb: KnowledgeBase) -> None:
    # `make docs`: plantar map --view all --foot both (the Western chart, the article's points).
    fresh = export.convert(render_svg(kb, MapRequest(views=VIEWS, feet=FEET)), "png")
    with Image.open(PICTURE) as kept, Image.open(io.BytesIO(fresh)) as drawn:
        assert kept.size == drawn.size, "docs/img/footmap.png is stale: run `make docs`"
        diff = ImageChops.difference(kept.convert("RGB"), drawn.convert("RGB"))
        # Antialiasing may differ by a shade between cairo builds; a moved zone does not.
        mean = sum(ImageStat.Stat(diff).mean) / 3
        assert mean < 0.5, f"docs/img/footmap.png differs ({mean:.2f}): run `make docs`"
