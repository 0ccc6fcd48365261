"""The foot map in Russian (DESIGN.md, "Language"): every word the map draws, its page and
map.js say is in the language asked; ids (in attributes), codes (KI1) and the brand stay as
they are; English stays word for word; a map drawn in one language is never served in another;
Russian labels are measured as what they are and fit."""

from __future__ import annotations

import html
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plantar import i18n
from plantar.errors import BadInput
from plantar.footmap import MapAsk, MapRequest, PlanOnly, map_of, parse_pain, render_svg
from plantar.footmap.demos import CIRCULAR, RECIPES, demo_svg
from plantar.footmap.document import DISCLAIMER
from plantar.footmap.layout import text_width
from plantar.footmap.organs import organ_word, organ_words, worded
from plantar.footmap.request import organs, resolve
from plantar.footmap.scene import LABEL_SIZE, PITCH, SCALE, build_panels, scheme_title
from plantar.footmap.spot import spot_svg, spotted
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import Point, Zone
from plantar.knowledge.vocabulary import NOT_A_DIAGNOSIS, NOT_DIAGNOSES
from plantar.planner import PlanRequest
from plantar.web.app import create_app

# A Latin word of three letters or more (KI1, GB43 and LR3 have two letters).
LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
# Said as such in Russian too: the brand, the keys named as they are printed on them, and the
# Latin term a therapist's text gives in brackets (glossary: "the plain word first").
KEPT = frozenset({"plantar", "Tab", "Enter", "hallux", "valgus"})
SVG = "{http://www.w3.org/2000/svg}"
MAP_JS = Path(i18n.__file__).parent / "web" / "static" / "map.js"

# Maps of the page in every shape a person asks for (the views, feet, charts, highlights,
# pain, a plan, a routine, a plan the screening stops, a goal no place is linked to).
PAGES: tuple[dict[str, str | list[str]], ...] = (
    {},
    {"view": "all", "foot": "both"},
    {"view": "inner", "foot": "right"},
    {"scheme": "all"},
    {"compare": "1"},
    {"highlight": "liver"},
    {"highlight": "lungs", "pain": ["heel=6", "achilles=4"]},
    {"goal": "allergies"},
    {"plan": "1", "goals": "sleep", "minutes": "15"},
    {"plan": "1", "goals": "sleep", "minutes": "15", "conditions": "fever"},
    {"routine": "routine_acupressure", "view": "all"},
)
REQUESTS = (
    MapRequest(),
    MapRequest(views=("sole", "top", "inner", "outer"), schemes=("western", "article_home")),
    MapRequest(views=("inner", "outer"), schemes=("article_map", "article_acupressure")),
    MapRequest(highlight=("liver", "KI1"), pain=(("heel", 6), ("achilles", 4))),
    MapRequest(goals=("allergies", "sleep")),
    MapRequest(plan=(("KI1", "both", 1), ("heel", "left", 2)), plan_title=None),
    MapRequest(points=False, schemes=()),
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


def english_words(text: str, ids: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in LATIN.findall(text) if w not in KEPT | ids]


def id_words(*ids: str) -> frozenset[str]:
    """Every Latin word inside ids (``inner_edge``: inner, edge): an error names ids as they are."""
    return frozenset(w for value in ids for w in LATIN.findall(value.replace("_", " ")))


def svg_texts(svg: str) -> list[str]:
    """What a person reads in an SVG: its texts, titles and descriptions (ids are attributes)."""
    root = ET.fromstring(svg)
    wanted = {SVG + "text", SVG + "title", SVG + "desc"}
    return ["".join(e.itertext()) for e in root.iter() if e.tag in wanted]


def inline_svgs(page: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", page, re.S)


class _Read(HTMLParser):
    """The words of a page's <main> (text and the attributes said aloud or shown)."""

    SAID = ("aria-label", "title", "alt", "placeholder", "data-note")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.script = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.script += 1
        if self.depth:
            self.out += [v for k, v in attrs if k in self.SAID and v]

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.script -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.script and data.strip():
            self.out.append(data.strip())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def json_block(page: str, block: str) -> Any:
    found = re.search(rf'<script id="{block}" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None, block
    return json.loads(found.group(1))


# The detail panel's fields that hold words (the others are ids: kind, foot, match, evidence).
DETAIL_WORDS = (
    "title",
    "chart",
    "region",
    "corresponds",
    "traditional",
    "location",
    "who",
    "disagreement",
)


def page_words(page: str) -> list[str]:
    reader = _Read()
    reader.feed(page)
    said = list(reader.out)
    said += list(_strings(json_block(page, "map-words")))
    for detail in json_block(page, "map-details").values():
        said += [detail[k] for k in DETAIL_WORDS if detail.get(k)]
        said += [detail["match_note"]] if detail.get("match_note") else []
        said += [c[k] for c in detail["claims"] for k in ("text", "meaning")]
    return said


def unsaid(texts: list[str], ids: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Each text with English words in it, and the words."""
    found = {t: english_words(t, ids) for t in texts}
    return {t: w for t, w in found.items() if w}


# Russian ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", PAGES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_the_map_page_in_russian_says_no_english_word(
    client: TestClient, query: dict[str, Any]
) -> None:
    page = client.get("/map", params={**query, "lang": "ru"})
    assert page.status_code == 200
    assert unsaid(page_words(page.text)) == {}


def test_the_map_svg_in_russian_says_no_english_word(kb: KnowledgeBase, client: TestClient) -> None:
    with i18n.use("ru"):
        for request in REQUESTS:
            assert unsaid(svg_texts(render_svg(kb, request))) == {}, request
    for query in ({}, {"view": "sole", "foot": "right", "pain": "heel=3"}, {"scheme": "all"}):
        svg = client.get("/api/v1/map.svg", params={**query, "lang": "ru"})
        assert svg.status_code == 200
        assert unsaid(svg_texts(svg.text)) == {}, query


def test_demonstrations_and_places_in_russian_say_no_english_word(kb: KnowledgeBase) -> None:
    with i18n.use("ru"):
        for technique in RECIPES:
            assert unsaid(svg_texts(demo_svg(technique, kb=kb))) == {}, technique
        for technique in CIRCULAR:
            svg = demo_svg(technique, "counterclockwise", kb)
            assert unsaid(svg_texts(svg)) == {}, technique
        for place in spotted(kb):
            assert unsaid(svg_texts(spot_svg(place, kb))) == {}, place


def test_the_maps_notes_and_errors_say_their_sentence_in_russian(kb: KnowledgeBase) -> None:
    regions = id_words(*kb.ids("regions"))
    with i18n.use("ru"):
        stopped = map_of(
            kb,
            MapAsk(
                plan=True, shape=PlanRequest(goals=("sleep",), minutes=15, conditions=("fever",))
            ),
        )
        assert stopped.notes
        assert unsaid(list(stopped.notes)) == {}
        said = []
        for bad in ("heel=11", "heel=x", "heel", "nowhere=3"):
            with pytest.raises(BadInput) as caught:
                parse_pain(bad, kb)
            said.append(caught.value.message.split(": ", 1)[1])
        said.append(PlanOnly("minutes", 15).message.split(": ", 1)[1])
        with pytest.raises(BadInput) as caught:
            demo_svg("stroking", "clockwise", kb)
        said.append(caught.value.message.split(": ", 1)[1])
        assert unsaid(said, regions | id_words(*CIRCULAR, "nowhere", "clockwise")) == {}


def test_map_js_takes_every_word_it_says_from_the_page(client: TestClient) -> None:
    script = MAP_JS.read_text(encoding="utf-8")
    # What it said in English before, each now the page's.
    for gone in (
        "Said to correspond to",
        "The standard location (WHO)",
        "No standard acupoint lies here.",
        "How the charts differ",
        "What the evidence says",
        '" details"',
        "More in the library",
        "Clear the selection",
        "Select a zone or a point",
        "not a diagnosis",
    ):
        assert gone not in script
    # No literal that reads as a sentence or a heading ("More in the library").
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', script)
    assert [s for s in literals if re.match(r"[A-Z][a-z]+ [a-z]+", s)] == []
    asked = set(re.findall(r"\bwords\.(\w+)", script))
    for lang in i18n.LANGUAGES:
        page = client.get("/map", params={"lang": lang}).text
        words = json_block(page, "map-words")
        assert asked <= set(words), asked - set(words)
        if lang == "ru":
            assert unsaid(list(_strings(words))) == {}
            assert english_words(html.unescape(re.search(r'data-note="([^"]*)"', page)[1])) == []  # type: ignore[index]


def test_every_organ_of_the_zones_has_its_words(kb: KnowledgeBase) -> None:
    assert worded() == organs(kb)
    assert all(organ_word(o) == o.replace("_", " ") for o in organs(kb))
    with i18n.use("ru"):
        said = {o: organ_word(o) for o in organs(kb)}
        assert unsaid(list(said.values())) == {}
        assert len(set(said.values())) == len(said)  # no two organs said alike
        listed = organ_words(organs(kb))
        assert [w for _, w in listed] == sorted(said.values(), key=str.casefold)


# Labels that fit --------------------------------------------------------------------------------


def test_cyrillic_is_measured_as_the_font_draws_it() -> None:
    # DejaVu Sans draws "а" as "a" and "о" as "o"; Ж and Ш are wider than M; « » are measured.
    assert text_width("а", 1000) == text_width("a", 1000) == 613
    assert text_width("о", 1000) == text_width("o", 1000)
    assert text_width("Ж", 1000) > text_width("M", 1000) > text_width("н", 1000)
    assert text_width("«»", 1000) == 2 * 612
    assert text_width("Печень", 11.0, True) < 6 * 11.0 * 0.75  # not a full em a letter
    assert text_width("\u2260", 1000) == 1000  # any other sign still counts a full em
    assert text_width("Liver (article, step 5)", 11.0) == pytest.approx(114.851)  # as before


def _overflowing(svg: str) -> list[str]:
    """The texts that run past the SVG's edges, measured with the layout's own widths."""
    root = ET.fromstring(svg)
    width = float(root.attrib["width"])
    out: list[str] = []

    def walk(node: ET.Element, size: float, bold: bool, dx: float) -> None:
        size = float(node.get("font-size", size))
        bold = node.get("font-weight", "bold" if bold else "") == "bold"
        moved = re.match(r"translate\(([-\d.]+) ", node.get("transform", ""))
        dx += float(moved.group(1)) if moved else 0.0
        if node.tag == SVG + "text":
            said = "".join(node.itertext())
            x, w = float(node.get("x", 0)) + dx, text_width(said, size, bold)
            anchor = node.get("text-anchor", "start")
            low = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
            if low < -0.5 or low + w > width + 0.5:
                out.append(said)
        for child in node:
            walk(child, size, bold, dx)

    walk(root, 16.0, False, 0.0)
    return out


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_label_of_a_one_view_map_fits_and_none_overlaps(kb: KnowledgeBase, lang: str) -> None:
    # One view of one foot: the map page's default, where a long label would spill first.
    with i18n.use(lang):
        for view in ("sole", "top", "inner", "outer"):
            for foot in ("left", "right"):
                for extra in ({}, {"highlight": ("liver",), "pain": (("heel", 6),)}):
                    request = MapRequest(views=(view,), feet=(foot,), **extra)  # type: ignore[arg-type]
                    assert _overflowing(render_svg(kb, request)) == [], (view, foot, extra)
                    panel = build_panels(kb, request, resolve(kb, request), 58.0)[0]
                    for side in ("left", "right"):
                        ys = sorted(lab.y for lab in panel.labels if lab.side == side)
                        assert all(b - a >= PITCH - 1e-6 for a, b in itertools.pairwise(ys)), side
                    foot_left = panel.origin[0]
                    foot_right = foot_left + panel.geometry.size[0] * SCALE
                    for lab in panel.labels:
                        w = text_width(lab.text, LABEL_SIZE, lab.item.highlighted)
                        if lab.side == "left":
                            assert lab.x <= foot_left, lab.text
                            assert lab.x - w >= 0, lab.text
                        else:
                            assert lab.x >= foot_right, lab.text


def test_the_russian_map_page_stays_small_on_the_wire(client: TestClient) -> None:
    page = client.get("/map", params={"lang": "ru"}, headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    assert int(page.headers["content-length"]) < 80_000


# English, and the caches ------------------------------------------------------------------------


def test_a_map_drawn_in_one_language_is_never_served_in_another(
    kb: KnowledgeBase, client: TestClient
) -> None:
    # The map, a demonstration and a place's picture, drawn in turn in each language: each time
    # in the language asked, whatever was drawn (and cached) before.
    request = MapRequest(highlight=("liver",), pain=(("heel", 6),))
    drawn: dict[str, list[list[str]]] = {"en": [], "ru": []}
    for lang in ("en", "ru", "en", "ru"):
        with i18n.use(lang):
            svgs = [render_svg(kb, request), demo_svg("pressing", kb=kb), spot_svg("KI1", kb)]
            drawn[lang].append([*svgs, scheme_title("western")])
    assert drawn["en"][0] == drawn["en"][1]
    assert drawn["ru"][0] == drawn["ru"][1]
    for english, russian in zip(drawn["en"][0], drawn["ru"][0], strict=True):
        assert english != russian
    assert drawn["en"][0][3] == "The Western reflexology chart"
    assert all(unsaid(svg_texts(svg)) == {} for svg in drawn["ru"][0][:3])
    assert unsaid([drawn["ru"][0][3]]) == {}
    pages = [
        client.get("/api/v1/map.svg", params={"lang": lang}).text for lang in ("en", "ru", "en")
    ]
    assert pages[0] == pages[2] != pages[1]
    assert unsaid(svg_texts(pages[1])) == {}


def test_english_stays_word_for_word(kb: KnowledgeBase, client: TestClient) -> None:
    said = (
        f"{NOT_DIAGNOSES} Charts differ between authors. Pain that persists, or a red, hot or "
        "swollen foot, is a reason to see a doctor."
    )
    assert said == DISCLAIMER
    assert scheme_title("article_acupressure") == "The areas of the article's acupressure steps"
    svg = render_svg(kb, MapRequest(views=("sole",), feet=("left",)))
    subtitle = (
        "Zones: the Western reflexology chart. "
        "Numbered points: the article's acupressure steps 5-13."
    )
    assert '<title id="map-title">Foot map: left foot sole</title>' in svg
    assert f'<desc id="map-desc">{subtitle} {DISCLAIMER}</desc>' in svg
    assert f">{subtitle}</text>" in svg
    for words in ("Head, neck and senses", "point of the article's acupressure step"):
        assert f">{words}</text>" in svg
    # A zone's and a point's tooltip, as the map has always said them.
    liver = kb.get(Zone, "zone_western_liver")
    assert liver.foot == "right"
    right = render_svg(kb, MapRequest(views=("sole",), feet=("right",)))
    said = (
        f"{liver.corresponds_to.text()}. Chart: the Western reflexology chart. Right foot only. "
        f"{NOT_A_DIAGNOSIS}"
    )
    if liver.disagreement is not None:
        said += f" Charts disagree: {liver.disagreement.text()}"
    assert f"<desc>{html.escape(said, quote=False)}</desc>" in right
    point = kb.get(Point, "KI1")
    assert point.who_location is not None
    assert point.match_note is not None
    assert point.article_location is not None
    assert point.claimed_for is not None
    assert point.traditional_uses is not None
    said = " ".join(
        [
            f"Article, step 9: {point.article_location.text()}.",
            point.claimed_for.text(),
            f"WHO KI1: {point.who_location.text()}",
            f"Traditionally used for {point.traditional_uses.text()} "
            "(a traditional belief, not evidence).",
            f"Match with standard charts: {point.match}. {point.match_note.text()}",
            "Work it in small circles, clockwise (counterclockwise where it hurts).",
            NOT_A_DIAGNOSIS,
        ]
    )
    assert f"<desc>{html.escape(said, quote=False)}</desc>" in svg
    assert ">Heel: pain 6/10</title>" in render_svg(kb, MapRequest(pain=(("heel", 6),)))
    noted = render_svg(kb, MapRequest(pain=(("achilles", 4),), goals=("allergies",)))
    assert ">Pain at achilles is not on the chosen views.</text>" in noted
    assert ">No zone, point or region is linked to the goal 'allergies'.</text>" in noted
    stopped = map_of(
        kb,
        MapAsk(plan=True, shape=PlanRequest(goals=("sleep",), minutes=15, conditions=("fever",))),
    )
    assert stopped.notes == (
        "No massage now (postpone): the map shows no plan; the plan itself says why.",
    )
    with pytest.raises(BadInput) as caught:
        parse_pain("heel=11", kb)
    said = "pain level: 11 is not valid; expected a whole number from 0 to 10"
    assert caught.value.message == said
    with pytest.raises(BadInput) as caught:
        parse_pain("x", kb)
    assert caught.value.message.startswith(
        "pain: 'x' is not valid; expected REGION=0-10, REGION one of: achilles, ankle, "
    )
    assert PlanOnly("minutes", 15).message == (
        "minutes: 15 only shapes a plan; ask for the plan to be drawn too (or leave it out)"
    )
    with pytest.raises(BadInput) as caught:
        demo_svg("stroking", "clockwise", kb)
    assert caught.value.message == (
        "direction: 'clockwise' is not valid; expected no direction: only circular_rubbing, "
        "pressing go in circles"
    )
    assert f"<title>Where: {kb.title('KI1')} (sole of the left foot)</title>" in spot_svg("KI1", kb)
    assert "(sole of the right foot)</title>" in spot_svg("zone_western_liver", kb)
    assert f'<title id="demo-title">{kb.title("pressing")}, counterclockwise</title>' in demo_svg(
        "pressing", "counterclockwise", kb
    )
    page = client.get("/map", params={"lang": "en"}).text
    assert f'data-note="{NOT_A_DIAGNOSIS} Pain that persists is a reason to see a doctor."' in page
    assert '<option value="lower_back" >lower back</option>' in page
    shown = re.findall(r'<option value="([a-z_]+)" [^>]*>([a-z ]+)</option>', page)
    listed = [o for o, _ in shown if o in organs(kb)]
    assert listed == sorted(organs(kb))
    assert json_block(page, "map-words") == {
        "article": "The article",
        "beside": "The article's place and the nearest standard points",
        "article_silent": "The article does not say.",
        "clear": "Clear the selection",
        "corresponds": "Said to correspond to",
        "details": "details",
        "differ": "How the charts differ",
        "evidence": {
            "limited": "limited",
            "refuted": "refuted",
            "supported": "supported",
            "traditional": "traditional",
        },
        "evidence_heading": "What the evidence says",
        "hint": "Select a zone or a point on the map (tap, click, or Tab and Enter).",
        "more": "More in the library",
        "no_standard": "No standard acupoint lies here.",
        "region": "Region",
        "standard": "The standard location (WHO)",
        "traditional": "Traditionally used for (a belief, not evidence)",
    }
