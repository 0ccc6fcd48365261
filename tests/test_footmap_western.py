"""The Western chart completed: every reflex area the issue names, left and right where the
charts differ, the spine's five parts along the inner edge, and the guide lines and the ten
longitudinal zones as layers that can be switched on."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from plantar.errors import BadInput
from plantar.footmap import render_svg
from plantar.footmap.request import LAYERS, MapRequest, parse_layers
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Shape, Source, Zone
from plantar.web.app import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


NEW = {
    "zone_western_solar_plexus": "both",
    "zone_western_diaphragm": "both",
    "zone_western_thyroid": "both",
    "zone_western_pituitary": "both",
    "zone_western_adrenals": "both",
    "zone_western_thymus": "both",
    "zone_western_ureters": "both",
    "zone_western_bladder": "both",
    "zone_western_ileocaecal_valve": "right",
    "zone_western_ascending_colon": "right",
    "zone_western_transverse_colon": "both",
    "zone_western_descending_colon": "left",
    "zone_western_sigmoid_colon": "left",
    "zone_western_rectum": "left",
    "zone_western_cervical": "both",
    "zone_western_thoracic": "both",
    "zone_western_lumbar": "both",
    "zone_western_sacral": "both",
    "zone_western_coccyx": "both",
    "zone_western_teeth_jaw": "both",
    "zone_western_ear_tube": "both",
    "zone_western_trachea": "both",
    "zone_western_fallopian": "both",
    "zone_western_lymph_breast": "both",
    "zone_western_lymph_groin": "both",
}


@pytest.mark.parametrize(("zone_id", "foot"), sorted(NEW.items()))
def test_each_area_of_the_chart_is_a_sourced_zone_on_its_foot(
    kb: KnowledgeBase, zone_id: str, foot: str
) -> None:
    zone = kb.get(Zone, zone_id)
    assert zone.scheme == "western"
    assert zone.foot == foot
    assert zone.title.ru
    assert zone.corresponds_to.ru
    cited = [kb.find(s) for s in zone.sources]
    assert any(found is not None and isinstance(found[1], Source) for found in cited)
    assert [s for s in kb.all(Shape) if s.of == zone_id], zone_id


def test_each_foot_draws_its_own_part_of_the_colon(kb: KnowledgeBase) -> None:
    def drawn(foot: str) -> set[str]:
        svg = render_svg(kb, MapRequest(views=("sole",), feet=(foot,)))  # type: ignore[arg-type]
        return set(re.findall(r'id="zone-(zone_western_\w+?)-sole-', svg))

    left, right = drawn("left"), drawn("right")
    assert {"zone_western_descending_colon", "zone_western_sigmoid_colon"} <= left - right
    assert {"zone_western_ascending_colon", "zone_western_ileocaecal_valve"} <= right - left
    assert "zone_western_transverse_colon" in left & right


def test_the_spine_runs_in_its_five_parts_from_the_heel_to_the_big_toe(kb: KnowledgeBase) -> None:
    order = ["coccyx", "sacral", "lumbar", "thoracic", "cervical"]
    middles = []
    for part in order:
        (shape,) = [s for s in kb.all(Shape) if s.of == f"zone_western_{part}"]
        assert shape.view == "inner"
        xs = [x for x, _ in shape.polygon]
        middles.append(sum(xs) / len(xs))
    assert middles == sorted(middles)  # the inner view's heel is on the left


def test_the_layers_are_drawn_only_when_asked_for(kb: KnowledgeBase) -> None:
    plain = render_svg(kb, MapRequest(views=("sole", "top"), feet=("left",)))
    assert 'class="layers"' not in plain
    both = render_svg(kb, MapRequest(views=("sole", "top"), feet=("left",), layers=LAYERS))
    for line in ("shoulder", "diaphragm", "waist", "pelvic"):
        assert f'class="guide guide-{line}"' in both
    assert both.count('class="longitudinal"') == 4  # four lines between five zones
    for n in "12345":
        assert f">{n}</text>" in both
    assert "Waistline" in both
    assert "guide lines: shoulder, diaphragm, waist and pelvis" in both  # the legend
    assert both.count('class="layers"') == 1  # the sole has them, the top view not


def test_a_bad_layer_is_named_with_the_good_ones(
    run: Callable[..., Result], client: TestClient
) -> None:
    assert parse_layers("") == ()
    assert parse_layers("all") == LAYERS
    with pytest.raises(BadInput) as caught:
        parse_layers("guides,grid")
    assert caught.value.message.startswith(
        "layer: 'grid' is not valid; expected one of: all, guides, longitudinal"
    )
    result = run("map", "--view", "sole", "--layer", "grid", "-o", "-")
    assert result.exit_code == 2
    assert "'grid' is not valid" in result.output
    assert client.get("/api/v1/map.svg", params={"layer": "grid"}).status_code == 422
    svg = client.get("/api/v1/map.svg", params={"view": "sole", "layer": "guides"}).text
    assert 'class="guide guide-waist"' in svg
    page = client.get("/map", params={"layer": ["guides", "longitudinal"]}).text
    assert 'name="layer" value="guides" checked' in page
    assert 'class="longitudinal"' in page
