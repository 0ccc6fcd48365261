"""Fixtures for the practice journal's HTTP tests: an app on the test's own database (SQLite
or PostgreSQL, from ``practice_fixtures.py``), and personas logged in over HTTP. Registered
once, for the whole suite, by ``conftest.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from plantar.practice.db import Database
from plantar.practice.models import User
from plantar.practice.settings import Settings
from plantar.web.app import create_app
from practice_fixtures import PASSWORD

CSRF_IN_PAGE = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(settings: Settings, db: Database) -> FastAPI:
    return create_app(settings=settings, db=db)


@dataclass
class Visitor:
    """A browser-like client logged in as one account: the cookie is kept by ``http``, and
    ``csrf`` is the token its state-changing calls send."""

    http: TestClient
    csrf: str
    user_id: int

    def get(self, url: str, **kwargs: Any) -> Response:
        return self.http.get(url, **kwargs)

    def call(self, method: str, url: str, **kwargs: Any) -> Response:
        headers = {"X-CSRF-Token": self.csrf, **kwargs.pop("headers", {})}
        return self.http.request(method, url, headers=headers, **kwargs)

    def post(self, url: str, body: dict[str, Any] | None = None, **kwargs: Any) -> Response:
        return self.call("POST", url, json=body if body is not None else {}, **kwargs)

    def form(self, url: str, data: dict[str, Any]) -> Response:
        """Submit a page's form, with the session's CSRF token as the page would."""
        return self.http.post(url, data={"csrf_token": self.csrf, **data})

    def created(self, url: str, body: dict[str, Any]) -> int:
        response = self.post(url, body)
        assert response.status_code == 201, response.text
        record_id: int = response.json()["id"]
        return record_id


def log_in(app: FastAPI, email: str, password: str = PASSWORD) -> Visitor:
    http = TestClient(app, follow_redirects=False)
    response = http.post("/api/v1/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    body = response.json()
    return Visitor(http=http, csrf=body["csrf_token"], user_id=body["user"]["id"])


@pytest.fixture
def as_alice(app: FastAPI, alice: User) -> Visitor:
    return log_in(app, alice.email)


@pytest.fixture
def as_bob(app: FastAPI, bob: User) -> Visitor:
    return log_in(app, bob.email)


@pytest.fixture
def as_admin(app: FastAPI, admin: User) -> Visitor:
    return log_in(app, admin.email)


@dataclass(frozen=True)
class Records:
    """Alice's client with one of everything: a screened visit with a painful arch on its
    chart, a signed visit with an addendum, a course."""

    client: int
    visit: int
    finding: int
    signed_visit: int
    course: int


# Signing a visit with no note or intake, on purpose (the page asks; the API is told).
CONFIRM_ALL = {"confirm": ["empty_note", "no_intake"]}


@pytest.fixture
def records(as_alice: Visitor) -> Records:
    return make_records(as_alice)


def make_records(as_alice: Visitor) -> Records:
    """The records of ``Records`` made through the API by the practitioner logged in."""
    client = as_alice.created("/api/v1/clients", {"name": "Pyotr", "consent": True})
    visit = as_alice.created(
        f"/api/v1/clients/{client}/visits",
        {"style": "classical", "pain_before": 6, "subjective": "tired feet"},
    )
    intake = as_alice.post(f"/api/v1/visits/{visit}/intake", {"conditions": ["varicose_veins"]})
    assert intake.status_code == 201, intake.text
    finding = as_alice.created(
        f"/api/v1/visits/{visit}/chart",
        {"target": "arch", "side": "left", "kind": "pain", "intensity": 7},
    )
    signed = as_alice.created(f"/api/v1/clients/{client}/visits", {"pain_before": 4})
    assert as_alice.post(f"/api/v1/visits/{signed}/sign", CONFIRM_ALL).status_code == 200
    addendum = as_alice.post(
        f"/api/v1/visits/{signed}/addenda", {"reason": "typo", "text": "pain was 3"}
    )
    assert addendum.status_code == 201, addendum.text
    course = as_alice.created(
        f"/api/v1/clients/{client}/courses",
        {"title": "Ten sessions", "sessions_planned": 10, "price_total": "15000"},
    )
    return Records(client, visit, finding, signed, course)


def csrf_of(page: str) -> str:
    found = CSRF_IN_PAGE.search(page)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)
