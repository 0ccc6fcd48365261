"""Library record pages read as pages (issue 13, item 5): no raw ids, field names, True/False
or None; a picture of where every point and zone is; routines as steps with times and a
button to start them; source links; a goal's "plan a session for this"."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from plantar.footmap.demos import RECIPES
from plantar.footmap.spot import spotted
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import KINDS
from plantar.knowledge.vocabulary import RECORD_FIELDS
from plantar.web.app import create_app

RAW_WORDS = re.compile(r"\b(True|False|None|null)\b")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _facts(page: str) -> list[tuple[str, str]]:
    """The page's labelled facts as (label, the value's visible text)."""
    if '<dl class="fields">' not in page:
        return []
    block = page[
        page.index('<dl class="fields">') : page.index("</dl>\n", page.index('<dl class="fields">'))
    ]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block, re.S)
    return [(html.unescape(k), html.unescape(re.sub(r"<[^>]+>", " ", v)).strip()) for k, v in pairs]


def test_no_record_page_shows_a_raw_id_field_name_or_flag(
    client: TestClient, kb: KnowledgeBase
) -> None:
    labels = set(RECORD_FIELDS.labels().values())
    ids = {i for i in kb.ids() if "_" in i or ":" in i}  # ids no English word could be
    problems = []
    for kind in KINDS:
        for record_id in kb.ids(kind):
            page = client.get(f"/library/{record_id}").text
            for label, value in _facts(page):
                if label not in labels and "_" in label:
                    problems.append(f"{record_id}: field {label!r}")
                if RAW_WORDS.search(value):
                    problems.append(f"{record_id}: {label} = {value[:40]!r}")
                words = set(value.split())
                if words & ids:
                    problems.append(f"{record_id}: {label} shows an id: {sorted(words & ids)}")
                if raw := re.findall(r"\b[a-z]+_[a-z_]+\b", value):
                    problems.append(f"{record_id}: {label} shows {raw}")
    assert problems == []


def test_every_point_and_zone_shows_where_it_is_and_every_demo_its_hands(
    client: TestClient, kb: KnowledgeBase
) -> None:
    places = spotted(kb)
    for kind in ("points", "zones"):
        for record_id in kb.ids(kind):
            page = client.get(f"/library/{record_id}").text
            if record_id in places:
                assert f'src="/api/v1/spot/{record_id}.svg"' in page, record_id
    for record_id in kb.ids("techniques"):
        if record_id in RECIPES:
            assert f'src="/api/v1/demo/{record_id}.svg"' in client.get(f"/library/{record_id}").text


def test_a_point_page_puts_the_article_and_the_standard_side_by_side(client: TestClient) -> None:
    page = html.unescape(client.get("/library/KI1").text)
    where = page[page.index('<section class="where"') :]
    assert "The article" in where
    assert "in the cavity between the second and third" in where
    assert "The standard location (KI1)" in where
    assert "deepest depression" in where


def test_an_article_step_that_disagrees_shows_its_place_beside_the_nearest_standard_points(
    client: TestClient,
) -> None:
    """Step 8's two readings: the article's place, KI3 and BL60, three pictures side by side,
    each linking to its page; in Russian too. A point that agrees has no such row."""
    for lang, heading in (("en", "The article's place and the nearest standard points"),
                          ("ru", "Место из статьи и ближайшие стандартные точки")):  # fmt: skip
        client.cookies.set("plantar_lang", lang)
        page = html.unescape(client.get("/library/zone_article_stomach").text)
        row = page[page.index(heading) : page.index("</section>", page.index(heading))]
        spots = re.findall(r'src="/api/v1/spot/(\w+)\.svg"', row)
        assert spots == ["zone_article_stomach", "KI3", "BL60"]
        for target in spots:
            assert f'href="/library/{target}"' in row
            assert client.get(f"/api/v1/spot/{target}.svg").status_code == 200
    client.cookies.clear()
    assert "nearest standard points" not in client.get("/library/KI1").text


def test_a_routine_reads_as_its_steps_with_times_and_starts(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for record_id in kb.ids("routines"):
        page = client.get(f"/library/{record_id}").text
        found = kb.find(record_id)
        assert found is not None
        steps = page[
            page.index('<ol class="routine-steps">') : page.index(
                "</ol>", page.index('<ol class="routine-steps">')
            )
        ]
        assert steps.count("<li>") == len(found[1].steps)  # type: ignore[attr-defined]
        assert re.search(r'<span class="tag">[^<]*(second|minute)', steps)
        start = re.search(r'<a class="button" href="(/player\?[^"]+)">Start this routine</a>', page)
        assert start, record_id
        assert client.get(html.unescape(start.group(1))).status_code == 200
        plan = re.search(r'href="(/plan\?[^"]+)">See it as a plan</a>', page)
        assert plan
        assert client.get(html.unescape(plan.group(1))).status_code == 200


def test_a_goal_offers_a_plan_and_a_source_its_link(client: TestClient, kb: KnowledgeBase) -> None:
    page = client.get("/library/sleep").text
    assert 'href="/plan?goals=sleep">Plan a session for this</a>' in page
    with_url = next(
        s for s in kb.ids("sources") if (f := kb.find(s)) is not None and getattr(f[1], "url", None)
    )
    url = kb.find(with_url)[1].url  # type: ignore[index,union-attr]
    assert (
        f'<a href="{html.escape(url)}" rel="noopener">' in client.get(f"/library/{with_url}").text
    )


def test_a_condition_says_its_kind_in_words(client: TestClient) -> None:
    facts = dict(_facts(client.get("/library/fever").text))
    assert facts["Kind"] == "Not now, while it lasts: a temporary contraindication"
    assert facts["Verdict"] == "Postpone: not today"
    assert facts["Ask a doctor"] == "No"
