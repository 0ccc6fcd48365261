"""The plan printout: A4 pages with every step, then the map; and its download on the web."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from plantar.guide.printout import pages_svg, plan_pdf, wrap
from plantar.knowledge import KnowledgeBase
from plantar.planner import Plan, PlanRequest, plan
from plantar.web.app import create_app


@pytest.fixture(scope="module")
def sleep_plan(kb: KnowledgeBase) -> Plan:
    return plan(PlanRequest(goals=("sleep",), minutes=15, time_of_day="evening"), kb)


def test_wrapping_keeps_every_word_and_the_width() -> None:
    text = "Glide your whole palm slowly from the tips of the toes over the top of the foot " * 3
    lines = wrap(text, 200, 10)
    assert " ".join(lines).split() == text.split()
    assert len(lines) > 3


def test_every_step_is_printed_in_order(kb: KnowledgeBase, sleep_plan: Plan) -> None:
    text = PdfReader(io.BytesIO(plan_pdf(sleep_plan, kb))).pages
    printed = " ".join(page.extract_text() for page in text)
    positions = [printed.find(f"{step.order}. {step.title}") for step in sleep_plan.steps]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)


def test_the_last_page_is_the_map_of_the_steps(kb: KnowledgeBase, sleep_plan: Plan) -> None:
    pages = pages_svg(sleep_plan, kb)
    assert "Where each step works" in pages[-1]
    assert all(f"of {len(pages)}" in page for page in pages)


def test_a_plan_not_advised_now_prints_why_and_no_map(kb: KnowledgeBase) -> None:
    result = plan(PlanRequest(goals=("sleep",), minutes=15, conditions=("fever",)), kb)
    pages = pages_svg(result, kb)
    assert len(pages) == 1
    assert "postpone" in pages[0]


def test_the_web_serves_the_pdf_as_a_download() -> None:
    client = TestClient(create_app())
    response = client.get("/api/v1/plan.pdf", params={"goals": "sleep", "minutes": 15})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('attachment; filename="')
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 2
    bad = client.get("/api/v1/plan.pdf", params={"goals": "sleep", "minutes": 0})
    assert bad.status_code == 422
