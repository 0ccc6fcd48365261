"""`plantar kb`: list, show, search and check as DESIGN.md specifies."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import KINDS

Run = Callable[..., Result]


@pytest.mark.parametrize("kind", list(KINDS))
def test_it_lists_every_kind_as_json_with_collection_and_id(run: Run, kind: str) -> None:
    result = run("kb", "list", kind, "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert isinstance(records, list)
    assert records
    assert all(r["collection"] == kind for r in records)
    assert all(r["id"] for r in records)


@pytest.mark.parametrize("kind", ["styles", "claims", "zones", "routines"])
def test_it_lists_a_kind_as_a_readable_table(run: Run, kb: KnowledgeBase, kind: str) -> None:
    result = run("kb", "list", kind)
    assert result.exit_code == 0
    first = kb.records(kind)[0]
    assert first.id in result.output  # type: ignore[attr-defined]


def test_an_unknown_kind_exits_2_and_names_the_valid_kinds(run: Run) -> None:
    result = run("kb", "list", "organs")
    assert result.exit_code == 2
    assert "organs" in result.output
    assert "styles" in result.output
    assert "prices" in result.output


def test_show_prints_a_point_with_its_region(run: Run) -> None:
    result = run("kb", "show", "KI1", "--json")
    assert result.exit_code == 0, result.output
    point = json.loads(result.output)
    assert point["collection"] == "points"
    assert point["id"] == "KI1"
    assert point["region"]


def test_show_gives_a_claim_its_evidence_level(run: Run, kb: KnowledgeBase) -> None:
    claim_id = kb.ids("claims")[0]
    claim = json.loads(run("kb", "show", claim_id, "--json").output)
    assert claim["evidence"] in {"supported", "limited", "traditional", "refuted"}


def test_show_keeps_a_conditions_own_kind(run: Run) -> None:
    condition = json.loads(run("kb", "show", "thrombosis", "--json").output)
    assert condition["collection"] == "conditions"
    assert condition["kind"] in {"absolute", "relative", "local", "temporary"}


def test_show_gives_a_routine_its_computed_total(run: Run, kb: KnowledgeBase) -> None:
    routine = json.loads(run("kb", "show", kb.ids("routines")[0], "--json").output)
    assert 0 < routine["total_seconds_min"] <= routine["total_seconds_max"]


def test_show_renders_readable_text_with_the_disclaimer_for_zones(run: Run) -> None:
    result = run("kb", "show", "KI1")
    assert result.exit_code == 0
    assert "not a diagnosis" in result.output


def test_an_unknown_id_exits_2_and_suggests_the_nearest(run: Run) -> None:
    result = run("kb", "show", "KI11")
    assert result.exit_code == 2
    assert "'KI11'" in result.output
    assert "KI1" in result.output


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("KI1", "KI1"),
        ("ki1", "KI1"),
        ("thrombosis", "thrombosis"),
        ("Thrombosis", "thrombosis"),
        ("sleep", "sleep"),
        ("pregnancies", "pregnancy"),
        ("Thai", "thai"),
    ],
)
def test_search_finds_it_best_first_whatever_the_case_or_plural(
    run: Run, query: str, expected_id: str
) -> None:
    result = run("kb", "search", query, "--json")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert hits, query
    assert set(hits[0]) == {"kind", "id", "title"}
    assert hits[0]["id"] == expected_id, hits[:3]


def test_search_of_nothing_known_returns_an_empty_list(run: Run) -> None:
    result = run("kb", "search", "xylophone", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_search_ranks_title_matches_above_mentions(run: Run) -> None:
    hits = json.loads(run("kb", "search", "varicose veins", "--json").output)
    assert hits[0]["id"] == "varicose_veins"


def test_check_passes_on_the_shipped_data_and_counts_the_checklist(run: Run) -> None:
    result = run("kb", "check")
    assert result.exit_code == 0, result.output
    assert "ok:" in result.output
    assert "excluded" in result.output
