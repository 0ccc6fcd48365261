"""The guided flow at /start, screen by screen, as a person's browser sends it (issue 13,
item 1): who, the questions a few at a time with "None of these" one tap away, age and meal,
the verdict, then the plan form carrying every answer."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from plantar.knowledge import KnowledgeBase
from plantar.safety.questionnaire import pages, questions
from plantar.web.app import create_app

SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _get(client: TestClient, url: str) -> str:
    response = client.get(html.unescape(url))
    assert response.status_code == 200, (url, response.text[:300])
    return response.text


def _none_of_these(client: TestClient, page: str) -> str:
    """The next screen after "None of these": the form as it stands (the button sends the
    boxes too, so it never drops a tick)."""
    assert '<button type="submit" class="none-of-these">None of these</button>' in page
    response = client.get("/start", params=_form_query(page))
    assert response.status_code == 200, response.text[:300]
    return response.text


def _form_query(page: str, extra: dict[str, str] | None = None) -> dict[str, list[str]]:
    """What submitting the page's first form sends: its hidden fields and checked boxes."""
    form = page[page.index("<form") : page.index("</form>")]
    sent: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]+>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or not value:
            continue
        if 'type="hidden"' in tag or ("checked" in tag and 'type="checkbox"' in tag):
            sent.setdefault(name.group(1), []).append(html.unescape(value.group(1)))
    for key, value in (extra or {}).items():
        sent.setdefault(key, []).append(value)
    return sent


def test_the_first_screen_asks_who_and_a_bad_receiver_is_named(client: TestClient) -> None:
    page = _get(client, "/start")
    assert 'name="receiver" value="self"' in page
    assert ">Me<" in page
    assert 'name="receiver" value="other"' in page
    assert ">Someone else<" in page
    bad = client.get("/start", params={"receiver": "cat", "step": 1})
    assert bad.status_code == 422
    said = html.unescape(bad.text)
    assert "receiver: 'cat' is not valid" in said
    assert "other, self" in said
    assert client.get("/start", params={"step": 99}).status_code == 422


@pytest.mark.parametrize("receiver", ["self", "other"])
def test_none_of_these_on_every_screen_reaches_an_answered_ok(
    client: TestClient, kb: KnowledgeBase, receiver: str
) -> None:
    screens = pages(kb, receiver)  # type: ignore[arg-type]
    asked = [q.key for q in questions(kb, receiver) if q.answer == "yes_no"]  # type: ignore[arg-type]
    assert sorted(k for p in screens for k in p.keys) == sorted(asked)  # each on one screen
    assert all(len(p.questions) <= 5 for p in screens)
    page = _get(client, f"/start?step=1&receiver={receiver}")
    for number, screen in enumerate(screens, 1):
        assert f"{number} of {len(screens) + 2}" in page
        shown = re.findall(r'name="conditions" value="([a-z_]+)"', page)
        assert shown == [q.key for q in screen.questions]
        if receiver == "other":
            texts = [html.unescape(q.text) for q in screen.questions]
            assert [t for t in texts if SECOND_PERSON.search(t)] == []
        page = _none_of_these(client, page)
    assert "<h1>Age and the last meal</h1>" in page
    assert 'name="lesion_zones"' not in page  # no damaged skin was named: not asked where
    done = client.get("/start", params=_form_query(page, {"age": "40"})).text
    assert "OK: Nothing found" in done
    assert 'class="verdict verdict-ok"' in done  # answered: an OK, not "not checked"
    plan_form = done[done.index('action="/plan"') :]
    assert 'name="answered" value="1"' in plan_form
    assert 'name="age" value="40"' in plan_form
    performer = "self" if receiver == "self" else "partner"
    assert re.search(rf'name="performer" value="{performer}"\s+checked', plan_form)


def test_answers_ride_along_and_can_be_changed_on_their_screen(
    client: TestClient, kb: KnowledgeBase
) -> None:
    screens = pages(kb)
    where = next(i for i, p in enumerate(screens, 1) if "diabetes" in p.keys)
    page = _get(client, f"/start?step={where}&receiver=self")
    after = client.get("/start", params=_form_query(page.replace(
        'value="diabetes" >', 'value="diabetes" checked>'), {})).text  # fmt: skip
    # On the next screen it is carried, hidden; back on its own screen it is a ticked box.
    assert 'type="hidden" name="conditions" value="diabetes"' in after
    back = re.search(r'<p class="flow-back no-print"><a href="([^"]+)"', after).group(1)  # type: ignore[union-attr]
    again = _get(client, back)
    assert re.search(r'value="diabetes"\s+checked', again)
    assert 'type="hidden" name="conditions" value="diabetes"' not in again
    # Unticked there and sent on, it is gone; "None of these" with it ticked keeps it.
    kept = _none_of_these(client, again)
    assert 'type="hidden" name="conditions" value="diabetes"' in kept
    cleared = client.get("/start", params=_form_query(again.replace(
        'value="diabetes" checked', 'value="diabetes"'))).text  # fmt: skip
    assert "diabetes" not in cleared
    # Walked to the end with it, the verdict and the plan form carry it.
    check = _get(
        client, f"/start?step={len(screens) + 2}&receiver=self&conditions=diabetes&answered=1"
    )
    assert "Diabetes" in check
    assert "Change: " in check
    assert (
        'type="hidden" name="conditions" value="diabetes"' in check[check.index('action="/plan"') :]
    )


def test_an_emergency_sign_ends_the_questions_at_once(
    client: TestClient, kb: KnowledgeBase
) -> None:
    first = pages(kb)[0]
    stop = next(q.key for q in first.questions if q.stops)
    page = _get(client, f"/start?step=2&receiver=self&conditions={stop}")
    assert "Is it safe today?" in page
    assert "tel:112" in page[: page.index("<footer")]
    assert 'action="/plan"' not in page


def test_a_postponing_answer_offers_no_plan(client: TestClient, kb: KnowledgeBase) -> None:
    check = len(pages(kb)) + 2
    page = _get(client, f"/start?step={check}&receiver=self&conditions=fever&answered=1")
    assert "POSTPONE" in page
    assert 'action="/plan"' not in page
    assert 'href="/start">Start again' in page


def test_damaged_skin_is_asked_where_and_kept(client: TestClient, kb: KnowledgeBase) -> None:
    about = len(pages(kb)) + 1
    page = _get(client, f"/start?step={about}&receiver=self&conditions=skin_lesion")
    assert 'name="lesion_zones" value="heel"' in page
    sent = _form_query(page, {"lesion_zones": "heel"})
    done = client.get("/start", params=sent).text
    assert "Heel" in done
    assert 'name="lesion_zones" value="heel"' in done[done.index('action="/plan"') :]


def test_a_mistapped_emergency_sign_can_be_changed_on_its_screen(
    client: TestClient, kb: KnowledgeBase
) -> None:
    first = pages(kb)[0]
    stop = next(q.key for q in first.questions if q.stops)
    check = len(pages(kb)) + 2
    verdict = _get(client, f"/start?step={check}&receiver=self&conditions={stop}")
    change = re.search(r'<a href="([^"]+)">Change: ' + re.escape(first.title), verdict)
    assert change
    screen = _get(client, change.group(1))
    assert re.search(rf'value="{stop}"\s+checked', screen)  # its own screen, to untick
    back = re.search(r'<p class="flow-back no-print"><a href="([^"]+)"', verdict)
    assert back
    assert "step=1" in back.group(1)  # Back from the verdict leads to the sign
    untick = screen.replace(f'value="{stop}" checked', f'value="{stop}"')
    after = client.get("/start", params=_form_query(untick)).text
    assert "<h1>Is it safe today?</h1>" not in after  # on to the next screen
