"""The web app's knowledge routes: same JSON as the CLI, 404 naming the id, pages that render."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import KINDS
from plantar.web.app import create_app

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_healthz_answers_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_api_lists_each_kind_like_the_cli(client: TestClient, run: Run, kind: str) -> None:
    api = client.get(f"/api/v1/kb/{kind}")
    assert api.status_code == 200
    assert api.json() == json.loads(run("kb", "list", kind, "--json").output)


def test_the_api_shows_a_record_like_the_cli(client: TestClient, run: Run) -> None:
    api = client.get("/api/v1/kb/KI1")
    assert api.status_code == 200
    assert api.json() == json.loads(run("kb", "show", "KI1", "--json").output)


def test_an_unknown_id_is_404_naming_it_and_suggesting(client: TestClient) -> None:
    response = client.get("/api/v1/kb/KI11")
    assert response.status_code == 404
    assert "'KI11'" in response.json()["detail"]
    assert "KI1" in response.json()["detail"]


def test_search_returns_the_cli_shape(client: TestClient, run: Run) -> None:
    api = client.get("/api/v1/kb/search", params={"q": "sleep"})
    assert api.status_code == 200
    assert api.json() == json.loads(run("kb", "search", "sleep", "--json").output)


def test_an_empty_search_is_422(client: TestClient) -> None:
    assert client.get("/api/v1/kb/search", params={"q": ""}).status_code == 422


@pytest.mark.parametrize("path", ["/", "/library", "/library/claims", "/library/KI1"])
def test_pages_render_with_the_disclaimer(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "Not medical advice" in response.text


def test_every_record_has_a_library_page(client: TestClient, kb: KnowledgeBase) -> None:
    for kind in KINDS:
        for record_id in kb.ids(kind):
            assert client.get(f"/library/{record_id}").status_code == 200, record_id


def test_a_claim_page_shows_its_evidence_badge(client: TestClient, kb: KnowledgeBase) -> None:
    claim_id = kb.ids("claims")[0]
    found = kb.find(claim_id)
    assert found is not None
    level = found[1].evidence  # type: ignore[attr-defined]
    assert f"badge-{level}" in client.get(f"/library/{claim_id}").text


def test_the_library_page_advertises_its_json_twin(client: TestClient) -> None:
    assert 'rel="alternate" type="application/json" href="/api/v1/kb/claims"' in (
        client.get("/library/claims").text
    )
