"""One error contract (web/errors.py): the same status and words for an error wherever it
arises; JSON with ``detail`` (and ``field`` on every 422) under /api/, an error page for a
person on a page; the same "did you mean" in the CLI and on the web."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

import plantar.errors
from plantar.practice import errors as practice_errors
from plantar.web.app import create_app

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _suggested(text: str) -> list[str]:
    found = re.search(r"Did you mean: ([^?]+)\?", text)
    return found.group(1).split(", ") if found else []


def test_the_cli_and_the_api_suggest_the_same_ids_whatever_the_case(
    client: TestClient, run: Run
) -> None:
    cli = run("kb", "show", "ki1")
    api = client.get("/api/v1/kb/ki1")
    assert cli.exit_code == 2
    assert api.status_code == 404
    assert "KI1" in _suggested(api.json()["detail"])
    assert _suggested(api.json()["detail"]) == _suggested(cli.output.replace("\n", " "))


@pytest.mark.parametrize(
    ("flags", "method", "url", "body", "expected"),
    [
        (["plan", "--goal", "sleepy", "--minutes", "10"], "POST", "/api/v1/plan",
         {"goals": ["sleepy"], "minutes": 10}, "sleep"),
        (["map", "--view", "sol", "-o", "-"], "GET", "/api/v1/map.svg?view=sol", None, "sole"),
        (["screen", "--condition", "diabetis"], "POST", "/api/v1/screen",
         {"conditions": ["diabetis"]}, "diabetes"),
    ],
)  # fmt: skip
def test_a_mistyped_value_gets_the_same_did_you_mean_everywhere(
    client: TestClient,
    run: Run,
    flags: list[str],
    method: str,
    url: str,
    body: object,
    expected: str,
) -> None:
    cli = run(*flags)
    api = client.request(method, url, json=body)
    assert cli.exit_code == 2
    assert api.status_code == 422
    assert _suggested(api.json()["detail"])[0] == expected
    assert _suggested(api.json()["detail"]) == _suggested(cli.output.replace("\n", " "))


def test_a_page_that_is_not_there_is_a_page_not_json(client: TestClient) -> None:
    response = client.get("/library/ki1")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no record has the id &#39;ki1&#39;" in response.text
    assert "Did you mean: <code>KI1</code>" in response.text  # an id, set as code
    assert 'href="/"' in response.text
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        # A value the domain refuses is named as the CLI names it (the --goal flag).
        ("POST", "/api/v1/plan", {"goals": ["sleepy"], "minutes": 15}, "goals"),
        ("POST", "/api/v1/plan", {"goals": ["sleep"], "minutes": "15"}, "minutes"),
        ("POST", "/api/v1/screen", {"conditions": ["pregnant"]}, "conditions"),
        ("POST", "/api/v1/screen", b"\xff\xfe not json", "body"),
        ("GET", "/api/v1/map.svg?view=top&highlight=nowhere", None, "highlight"),
    ],
)
def test_every_422_names_the_field(
    client: TestClient, method: str, path: str, body: object, field: str
) -> None:
    content = body if isinstance(body, bytes) else None
    json_body = None if isinstance(body, bytes) else body
    response = client.request(method, path, json=json_body, content=content)
    assert response.status_code == 422, response.text
    answer = response.json()
    assert set(answer) == {"detail", "field"}
    assert answer["field"] == field
    assert isinstance(answer["detail"], str)
    assert answer["detail"]


def test_the_openapi_document_gives_every_422_the_one_shape(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert schemas["BadInput"]["required"] == ["detail", "field"]
    shapes = {
        str(operation["responses"]["422"]["content"]["application/json"]["schema"])
        for path in document["paths"].values()
        for operation in path.values()
        if "422" in operation["responses"]
    }
    assert shapes == {str({"$ref": "#/components/schemas/BadInput"})}


def test_there_is_one_not_found() -> None:
    assert issubclass(practice_errors.NotFound, plantar.errors.NotFound)
