"""The standard acupoints of foot and ankle: all of the WHO list, each with what it is, drawn
on its views with its chart, and only asked for (the default map is the same as before)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from click.testing import Result

from plantar.footmap import render_svg
from plantar.footmap.request import MapRequest
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import MERIDIAN_OF_CODE, Point, Shape

# The list: KI1-KI7, LR1-LR4, SP1-SP6, ST41-ST45, GB40-GB44, BL60-BL67.
CODES = [
    *(f"KI{n}" for n in range(1, 8)),
    *(f"LR{n}" for n in range(1, 5)),
    *(f"SP{n}" for n in range(1, 7)),
    *(f"ST{n}" for n in range(41, 46)),
    *(f"GB{n}" for n in range(40, 45)),
    *(f"BL{n}" for n in range(60, 68)),
]


def test_every_standard_point_says_what_it_is(kb: KnowledgeBase) -> None:
    assert len(CODES) == 35
    for code in CODES:
        point = kb.get(Point, code)
        assert point.who_code == code
        assert point.meridian == MERIDIAN_OF_CODE[code[:2]]
        assert point.pinyin
        assert point.name
        assert point.who_location
        assert point.traditional_uses
        assert "web:tara-acupoints" in point.sources  # the uses are a textbook's, cited


def test_pregnancy_cautions_are_the_sourced_ones(kb: KnowledgeBase) -> None:
    """SP6, BL60 and BL67 (named by several sources), SP1 and LR1 (the evidence file), KI3 (the
    ankle hollows of the evidence file's rule), and the article's stomach point read behind the
    ankle; each caution cites its sources."""
    cautioned = {p.id for p in kb.all(Point) if any(c.condition == "pregnancy" for c in p.cautions)}
    assert cautioned == {"SP6", "BL60", "BL67", "SP1", "LR1", "KI3", "zone_article_stomach"}
    for point in kb.all(Point):
        for caution in point.cautions:
            assert caution.sources, point.id


def test_each_is_drawn_on_every_view_it_has_with_its_chart(kb: KnowledgeBase) -> None:
    svg = render_svg(
        kb,
        MapRequest(views=("sole", "top", "inner", "outer"), schemes=("acupoints",), points=False),
    )
    for shape in kb.all(Shape):
        if shape.of in CODES:
            for foot in ("left", "right"):
                assert f'id="point-{shape.of}-{shape.view}-{foot}"' in svg, (shape.of, shape.view)


def test_the_default_map_draws_only_the_articles_points(kb: KnowledgeBase) -> None:
    svg = render_svg(kb, MapRequest(views=("sole", "top", "inner", "outer")))
    drawn = set(re.findall(r'data-kind="point" data-view="\w+" data-foot="\w+"', svg))
    assert drawn  # the article's points are there
    ids = set(re.findall(r'id="point-([A-Za-z0-9_]+)-', svg))
    steps = {p.id for p in kb.all(Point) if p.article_step is not None}
    assert ids == steps


def test_a_region_asked_for_draws_no_point_and_a_point_asked_for_draws_it(
    kb: KnowledgeBase,
) -> None:
    region = render_svg(
        kb, MapRequest(views=("inner",), schemes=(), highlight=("ankle",), points=False)
    )
    assert 'data-kind="point"' not in region
    point = render_svg(
        kb, MapRequest(views=("inner",), schemes=(), highlight=("KI3",), points=False)
    )
    assert set(re.findall(r'id="point-([A-Za-z0-9_]+)-', point)) == {"KI3"}


@pytest.mark.parametrize(
    ("step", "nearest"),
    [("zone_article_liver", {"LR2"}), ("zone_article_stomach", {"KI3", "BL60"})],
)
def test_an_article_step_that_disagrees_is_drawn_beside_its_nearest_standard_points(
    kb: KnowledgeBase, step: str, nearest: set[str]
) -> None:
    """Steps 5 and 8 read differently from the standard: asking for the step marks it and
    the standard points nearest it, each on its own view, without the acupoints chart."""
    assert set(kb.get(Point, step).nearest) == nearest
    svg = render_svg(kb, MapRequest(views=("sole", "top", "inner", "outer"), highlight=(step,)))
    for point in (step, *nearest):
        for shape in kb.all(Shape):
            if shape.of == point:
                marked = re.search(rf'<[^>]*id="point-{point}-{shape.view}-left"[^>]*>', svg)
                assert marked is not None, (point, shape.view)
                assert "highlighted" in marked.group(0), (point, shape.view)
    alone = render_svg(kb, MapRequest(views=("top", "inner", "outer"), highlight=("KI1",)))
    assert not set(re.findall(r'id="point-([A-Z]+\d+)-', alone)) & nearest


def test_kb_list_points_shows_the_articles_points_and_the_standard_ones(
    run: Callable[..., Result], kb: KnowledgeBase
) -> None:
    listed = run("kb", "list", "points", "--json")
    assert listed.exit_code == 0
    ids = set(re.findall(r'"id": "([A-Za-z0-9_]+)"', listed.output))
    assert set(CODES) <= ids
    assert {p.id for p in kb.all(Point) if p.article_step is not None} <= ids
