"""What every response carries (DESIGN.md): a CSP with no inline script or style and no
framing, nosniff, a Referrer-Policy; a body over 1 MiB is 413; nothing from another host;
a bad value is said back short."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from plantar.web.app import create_app
from plantar.web.security import MAX_BODY


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), follow_redirects=False)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/", None),
        ("GET", "/map?view=sole", None),
        ("GET", "/healthz", None),
        ("GET", "/static/plantar.css", None),
        ("GET", "/api/v1/kb/KI1", None),
        ("GET", "/api/v1/kb/ki1", None),  # 404
        ("POST", "/api/v1/plan", {"goals": ["sleepy"], "minutes": 10}),  # 422
        ("GET", "/practice", None),  # a redirect to the login (or 404 when not set up)
        ("GET", "/api/docs", None),
    ],
)
def test_every_response_carries_the_headers(
    client: TestClient, method: str, url: str, body: object
) -> None:
    response = client.request(method, url, json=body)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_a_body_over_one_mebibyte_is_413_by_its_length(client: TestClient) -> None:
    response = client.post(
        "/api/v1/plan",
        content=b"{" + b" " * MAX_BODY + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["field"] == "body"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_chunked_body_is_cut_off_at_one_mebibyte(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"goals": ["sleep"], "note": "'
        for _ in range(20):
            yield b"x" * 65536  # 1.25 MiB in all, with no Content-Length
        yield b'"}'

    response = client.post(
        "/api/v1/plan", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_a_body_under_the_limit_is_read_as_before(client: TestClient) -> None:
    response = client.post("/api/v1/plan", json={"goals": ["sleep"], "minutes": 15})
    assert response.status_code == 200


def test_a_huge_bad_value_is_said_back_short(client: TestClient) -> None:
    response = client.post("/api/v1/plan", json={"goals": ["x" * 500_000], "minutes": 10})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert len(detail) < 2000
    assert "(500002 characters)" in detail


def test_the_pages_and_api_docs_load_nothing_from_another_host(client: TestClient) -> None:
    for url in ("/", "/plan?goals=sleep&minutes=15", "/map", "/library", "/api/docs"):
        page = client.get(url).text
        outside = re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', page)
        assert outside == [], url
        assert not re.search(r"<[^>]+\son[a-z]+=", page), f"{url} has an inline handler"
        assert not re.search(r"<script(?![^>]*\b(?:src|type=\"application/json\"))", page), url
    assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200
