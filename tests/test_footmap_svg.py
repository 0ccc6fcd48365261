"""The drawn map: parseable SVG, titles on everything, mirror images, highlights, honest marks."""

from __future__ import annotations

import itertools
import locale
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from plantar.errors import BadInput
from plantar.footmap import MapRequest, parse_feet, parse_pain, parse_schemes, parse_views
from plantar.footmap import geometry as g
from plantar.footmap.outline import VIEWS
from plantar.footmap.request import SCHEMES, goal_targets, resolve
from plantar.footmap.scene import SCALE, Panel, build_panel
from plantar.footmap.svg import num
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Zone

NS = {"svg": "http://www.w3.org/2000/svg"}
EVERYTHING = MapRequest(views=VIEWS, schemes=SCHEMES)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{{{NS['svg']}}}g") if e.get("data-kind") == kind]


@pytest.fixture(scope="module")
def everything(kb: KnowledgeBase) -> ET.Element:
    from plantar.footmap import render_svg

    return parse(render_svg(kb, EVERYTHING))


def test_the_map_parses_and_says_what_it_shows(everything: ET.Element) -> None:
    title = everything.find("svg:title", NS)
    assert title is not None
    assert "left foot sole" in (title.text or "")
    assert everything.get("role") == "img"


@pytest.mark.parametrize("kind", ["zone", "point", "region"])
def test_every_zone_point_and_region_has_a_title_and_a_desc(
    everything: ET.Element, kind: str
) -> None:
    found = groups(everything, kind)
    assert found
    for element in found:
        title = element.find("svg:title", NS)
        desc = element.find("svg:desc", NS)
        assert title is not None, element.get("id")
        assert title.text, element.get("id")
        assert desc is not None, element.get("id")
        assert desc.text, element.get("id")


def test_every_zone_and_point_of_the_data_is_drawn_with_a_stable_id(
    kb: KnowledgeBase, everything: ET.Element
) -> None:
    ids = {e.get("id") for kind in ("zone", "point", "region") for e in groups(everything, kind)}
    for zone in kb.records("zones"):
        assert isinstance(zone, Zone)
        feet = ("left", "right") if zone.foot == "both" else (zone.foot,)
        for foot in feet:
            assert f"zone-{zone.id}-{zone.view}-{foot}" in ids
    for point in kb.records("points"):
        assert isinstance(point, Point)
        assert f"point-{point.id}-{point.view}-left" in ids
        assert f"point-{point.id}-{point.view}-right" in ids
    pattern = re.compile(r"^(zone|point|region)-[A-Za-z0-9_]+-(sole|top|inner|outer)-(left|right)$")
    assert all(pattern.match(i or "") for i in ids)


def test_element_ids_are_unique(everything: ET.Element) -> None:
    ids = [e.get("id") for e in everything.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_zones_never_read_as_a_diagnosis(everything: ET.Element) -> None:
    for element in groups(everything, "zone"):
        desc = element.find("svg:desc", NS)
        assert desc is not None
        assert "not a diagnosis" in (desc.text or "")


def test_zones_drawn_for_one_foot_only_appear_on_that_foot(everything: ET.Element) -> None:
    ids = {e.get("id") for e in groups(everything, "zone")}
    assert "zone-zone_western_liver-sole-right" in ids
    assert "zone-zone_western_liver-sole-left" not in ids
    assert "zone-zone_western_spleen-sole-left" in ids
    assert "zone-zone_western_spleen-sole-right" not in ids


@pytest.mark.parametrize("view", VIEWS)
def test_the_right_foot_is_the_mirror_image_of_the_left(kb: KnowledgeBase, view: str) -> None:
    request = MapRequest(views=(view,), schemes=SCHEMES)  # type: ignore[arg-type]
    focus = resolve(kb, request)
    left = build_panel(kb, request, focus, view, "left")  # type: ignore[arg-type]
    right = build_panel(kb, request, focus, view, "right")  # type: ignore[arg-type]

    def frame(panel: Panel, p: g.Pt) -> g.Pt:
        """A drawn point back in the panel's own 0..1 frame."""
        w, h = panel.geometry.size
        return ((p[0] - panel.origin[0]) / (w * SCALE), (p[1] - panel.origin[1]) / (h * SCALE))

    twins = {i.id: i for i in right.items()}
    compared = 0
    for item in left.items():
        twin = twins.get(item.id)
        if twin is None:  # a zone of one foot only
            continue
        (lx, ly), (rx, ry) = frame(left, item.anchor), frame(right, twin.anchor)
        assert (rx, ry) == (pytest.approx(1 - lx), pytest.approx(ly))
        for poly, twin_poly in zip(item.polygons, twin.polygons, strict=True):
            for p, q in zip(poly, twin_poly, strict=True):
                (px, py), (qx, qy) = frame(left, p), frame(right, q)
                assert (qx, qy) == (pytest.approx(1 - px), pytest.approx(py))
        compared += 1
    assert compared
    # The outline itself: the right foot's drawn curve is the left one reflected.
    for seg in left.geometry.outline:
        lp, rp = left.phys_to_px(seg[0]), right.phys_to_px(seg[0])
        assert frame(right, rp)[0] == pytest.approx(1 - frame(left, lp)[0])


def test_a_highlighted_organ_marks_its_zones_and_points(kb: KnowledgeBase) -> None:
    from plantar.footmap import render_svg

    root = parse(render_svg(kb, MapRequest(highlight=("kidneys",))))
    marked = {e.get("data-id") for e in root.iter() if "highlighted" in (e.get("class") or "")}
    assert "zone_western_kidneys" in marked
    assert "KI1" in marked  # its zone is the article's kidney area
    dimmed = {e.get("data-id") for e in root.iter() if "dimmed" in (e.get("class") or "")}
    assert "zone_western_liver" in dimmed


@pytest.mark.parametrize(
    ("highlight", "expected"),
    [
        ("zone_western_heart", {"zone_western_heart"}),
        ("LR3", {"LR3"}),
        ("heel", {"heel", "zone_western_pelvis_sciatic", "zone_article_ovaries"}),
        ("zone_home_head_neck", {"zone_home_head_neck"}),
    ],
)
def test_highlight_accepts_zones_points_and_regions(
    kb: KnowledgeBase, highlight: str, expected: set[str]
) -> None:
    focus = resolve(kb, MapRequest(highlight=(highlight,)))
    assert expected <= focus.zones | focus.points | focus.regions


def test_a_goal_highlights_what_the_knowledge_base_links_to_it(kb: KnowledgeBase) -> None:
    goal = next(iter(kb.ids("goals")))
    focus = resolve(kb, MapRequest(goals=(goal,)))
    targets = goal_targets(kb, goal)
    assert targets <= focus.zones | focus.points | focus.regions
    assert targets or focus.notes  # an unlinked goal is said, not silently ignored


def test_pain_is_drawn_on_its_region_with_its_level(kb: KnowledgeBase) -> None:
    from plantar.footmap import render_svg

    root = parse(render_svg(kb, MapRequest(pain=(("heel", 7),))))
    heel = [e for e in groups(root, "region") if e.get("data-id") == "heel"]
    assert heel
    title = heel[0].find("svg:title", NS)
    assert title is not None
    assert "pain 7/10" in (title.text or "")
    assert any(t.text == "7/10" for t in root.iter(f"{{{NS['svg']}}}text"))


def test_a_plan_numbers_its_targets_in_order(kb: KnowledgeBase) -> None:
    from plantar.footmap import render_svg

    plan = (("KI1", "both", 1), ("heel", "left", 2), ("LR3", "right", 3))
    root = parse(render_svg(kb, MapRequest(views=("sole", "top"), plan=plan)))
    texts = {
        (e.get("data-id"), e.get("data-foot")): e.findtext("svg:text", "", NS)
        for e in groups(root, "point")
    }
    assert texts[("KI1", "left")] == "1"
    assert texts[("KI1", "right")] == "1"
    assert texts[("LR3", "right")] == "3"
    assert texts[("LR3", "left")] == ""  # not in the plan on the left foot: an unnumbered dot


def test_disagreements_between_charts_are_marked(everything: ET.Element) -> None:
    marks = [e for e in everything.iter() if e.get("class") == "disagreement"]
    marked = {m.get("data-for") for m in marks}
    for expected in (
        "point-zone_article_stomach-sole-left",
        "point-zone_article_ovaries-sole-left",
    ):
        assert expected in marked
    assert all("disagree" in (m.findtext("svg:title", "", NS)) for m in marks)


def comma_locales() -> Iterator[str]:
    for name in ("de_DE.UTF-8", "ru_RU.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "ru_RU.utf8"):
        try:
            locale.setlocale(locale.LC_ALL, name)
        except locale.Error:
            continue
        yield name


def test_it_uses_a_decimal_dot_whatever_the_locale(kb: KnowledgeBase) -> None:
    from plantar.footmap import render_svg

    saved = locale.setlocale(locale.LC_ALL)
    try:
        next(comma_locales(), None)  # the first comma locale this machine has, if any
        svg = render_svg(kb, MapRequest(views=("sole",)))
    finally:
        locale.setlocale(locale.LC_ALL, saved)
    assert num(1234.56) == "1234.6"
    assert num(-0.04) == "0"
    assert num(2.0) == "2"
    for attr in ("x", "y", "cx", "cy", "width", "height", "d", "x1", "y2"):
        for value in re.findall(rf'\s{attr}="([^"]*)"', svg):
            assert "," not in value, f"{attr}={value!r}"
            if attr != "d":
                float(value)


@pytest.mark.parametrize(
    ("parse_it", "value", "named"),
    [
        (parse_views, "front", "'front'"),
        (parse_feet, "middle", "'middle'"),
        (parse_schemes, "eastern", "'eastern'"),
    ],
)
def test_bad_views_feet_and_schemes_name_the_value_and_the_valid_ones(
    parse_it: object, value: str, named: str
) -> None:
    with pytest.raises(BadInput) as caught:
        parse_it(value)  # type: ignore[operator]
    assert named in caught.value.message
    assert "expected one of" in caught.value.message


@pytest.mark.parametrize("value", ["heel", "heel=11", "heel=-1", "heel=much", "knee=3"])
def test_bad_pain_is_refused(kb: KnowledgeBase, value: str) -> None:
    with pytest.raises(BadInput):
        parse_pain(value, kb)


def test_good_pain_and_view_lists_parse(kb: KnowledgeBase) -> None:
    assert parse_pain("heel=0", kb) == ("heel", 0)
    assert parse_pain(" arch = 10", kb) == ("arch", 10)
    assert parse_views("all") == VIEWS
    assert parse_views("sole,top,sole") == ("sole", "top")
    assert parse_feet("both") == ("left", "right")


@pytest.mark.parametrize(
    "request_",
    [
        MapRequest(highlight=("spleen_of_the_moon",)),
        MapRequest(goals=("immortality",)),
        MapRequest(pain=(("heel", 12),)),
        MapRequest(plan=(("nowhere", "both", 1),)),
        MapRequest(plan=(("KI1", "middle", 1),)),
    ],
)
def test_bad_requests_raise_bad_input(kb: KnowledgeBase, request_: MapRequest) -> None:
    with pytest.raises(BadInput):
        resolve(kb, request_)


def test_every_drawn_zone_lies_inside_the_drawn_panel(kb: KnowledgeBase) -> None:
    from plantar.footmap.scene import build_panels

    request = EVERYTHING
    panels = build_panels(kb, request, resolve(kb, request), 0.0)
    for panel in panels:
        box = (panel.x, panel.y, panel.x + panel.width, panel.y + panel.height)
        for item in panel.zones:
            for poly in item.polygons:
                x0, y0, x1, y1 = g.bbox(poly)
                assert box[0] <= x0
                assert x1 <= box[2]
                assert box[1] <= y0
                assert y1 <= box[3]
        tops = sorted((lab.side, lab.y) for lab in panel.labels)
        for (side_a, ya), (side_b, yb) in itertools.pairwise(tops):
            if side_a == side_b:
                assert yb - ya >= 14.0, f"labels overlap on {panel.view} {panel.foot}"
