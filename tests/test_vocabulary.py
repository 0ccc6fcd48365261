"""One vocabulary: each table holds exactly its Literal's values, and every surface (CLI, web,
map, printout, FHIR) takes its display words from it.

The surface tests swap the vocabulary's text for a marker (``~feet:left~``) and look for the
marker in what each surface renders: a word typed anywhere else would not change with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal, get_args, get_type_hints

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from plantar import i18n
from plantar.footmap.outline import GuideLine
from plantar.footmap.request import Layer
from plantar.knowledge import KnowledgeBase, schema
from plantar.knowledge.schema import Zone
from plantar.knowledge.vocabulary import (
    EVIDENCE,
    FEET,
    NOT_A_DIAGNOSIS,
    NOT_DIAGNOSES,
    TABLES,
    VIEWS,
    Table,
    Term,
    label,
)
from plantar.planner.result import Phase
from plantar.practice import models
from plantar.practice.schemas import FindingKind
from plantar.safety.questionnaire import Receiver

Run = Callable[..., Result]

# Each table and the type its ids must be: the schema's Literals stay the type source.
TYPED: dict[str, Any] = {
    "feet": schema.Foot,
    "views": schema.View,
    "evidence": schema.Evidence,
    "evidence_meanings": schema.Evidence,
    "evidence_phrases": schema.Evidence,
    "intensities": schema.Intensity,
    "directions": schema.Direction,
    "performers": schema.Performer,
    "finding_kinds": FindingKind,
    "receivers": Receiver,
    "condition_kinds": schema.ConditionKind,
    "condition_kind_tags": schema.ConditionKind,
    "verdicts": schema.Verdict,
    "urgencies": schema.Urgency,
    "hand_parts": schema.HandPart,
    "point_matches": schema.PointMatch,
    "meridians": schema.Meridian,
    "source_seen": get_type_hints(schema.Source)["seen"],
    "source_kinds": get_type_hints(schema.Source)["kind"],
    "rule_categories": get_type_hints(schema.Rule)["category"],
    "phases": Phase,
    "effects": get_type_hints(schema.Exercise)["effect"],
    "properties": schema.Property,
    "record_kinds": Literal[tuple(schema.KINDS)],  # type: ignore[valid-type]
    "map_layers": Layer,
    "guide_lines": GuideLine,
}


@pytest.mark.parametrize("name", sorted(TYPED))
def test_each_table_holds_exactly_the_values_of_its_literal(name: str) -> None:
    ids = TABLES[name].ids
    assert len(ids) == len(set(ids))
    assert set(ids) == set(get_args(TYPED[name]))


def test_every_table_but_the_small_print_is_checked_against_a_type() -> None:
    # The small print, and the names of record fields (every one a library page shows is
    # checked in test_web_library_pages).
    assert set(TABLES) - set(TYPED) == {"notices", "record_fields", "map_tabs", "verdict_badges"}


def test_the_badges_name_every_verdict_and_an_unanswered_check() -> None:
    assert TABLES["verdict_badges"].ids == (*get_args(schema.Verdict), "not_checked")


def test_the_map_tabs_name_every_view_and_foot_the_explorer_offers() -> None:
    from plantar.web.home.foot_map import FOOT_TABS, VIEW_TABS

    assert TABLES["map_tabs"].ids == (*VIEW_TABS, *FOOT_TABS)


def test_the_tables_keep_the_order_of_the_types_and_of_the_database() -> None:
    assert EVIDENCE.ids == get_args(schema.Evidence)  # best first: the CLI's colours follow
    assert TABLES["finding_kinds"].ids == models.FINDING_KINDS
    assert VIEWS.ids == models.VIEWS


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_every_value_has_english_text(table: Table) -> None:
    assert all(term.en.strip() for term in table.terms)


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_every_value_has_russian_text(table: Table) -> None:
    untranslated = [t.id for t in table.terms if not re.search("[а-яё]", (t.ru or "").lower())]
    assert untranslated == []


def test_a_second_language_is_a_column_that_falls_back_to_english() -> None:
    term = Term("left", "Left foot", ru="Левая стопа")
    assert term.text("ru") == "Левая стопа"
    assert Term("left", "Left foot").text("ru") == "Left foot"
    assert label(FEET, "left", "ru") == "Левая стопа"
    with i18n.use("ru"):  # said in the current language when none is asked for
        assert label(FEET, "left") == "Левая стопа"
    assert label(FEET, "left") == "Left foot"
    with pytest.raises(ValueError, match="no language 'de'"):
        term.text("de")


def test_an_unknown_value_names_the_table_and_its_values() -> None:
    with pytest.raises(KeyError, match="not one of the feet: left, right, both, none"):
        label("feet", "middle")


def test_the_map_re_exports_the_one_not_a_diagnosis_line() -> None:
    from plantar.footmap.scene import NOT_A_DIAGNOSIS as on_the_map

    assert on_the_map is NOT_A_DIAGNOSIS


# Every surface, with the vocabulary's words swapped for markers ---------------------------------


def _marker(self: Table, value: str, lang: str = "en") -> str:
    return f"~{self.name}:{value}~"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Table, "label", _marker)


SLEEP = {"goals": "sleep", "minutes": "15", "time_of_day": "evening"}


@pytest.mark.usefixtures("marked")
def test_the_cli_plan_says_feet_intensities_directions_and_evidence_in_the_vocabulary(
    run: Run,
) -> None:
    out = run("plan", "--goal", "sleep", "--minutes", "15", "--time-of-day", "evening").output
    for marker in ("~feet:left~", "~feet:right~", "~intensities:light~", "~evidence:"):
        assert marker in out
    assert "Left foot" not in out


@pytest.mark.usefixtures("marked")
def test_the_timeline_and_the_printout_say_the_feet_in_the_vocabulary(kb: KnowledgeBase) -> None:
    from plantar.guide.printout import pages_svg
    from plantar.guide.timeline import segments
    from plantar.planner import PlanRequest, plan

    made = plan(PlanRequest(goals=("sleep",), minutes=15, time_of_day="evening"), kb)
    cues = [s.announcement() for s in segments(made)]
    assert any(c.startswith("Start with the ~feet:left~.") for c in cues)
    assert any("Cover the ~feet:left~ and switch to the ~feet:right~." in c for c in cues)
    printed = " ".join(pages_svg(made, kb))
    assert "~feet:left~, " in printed
    assert "~intensities:light~" in printed


@pytest.mark.usefixtures("marked")
def test_the_map_titles_its_panels_in_the_vocabulary(kb: KnowledgeBase) -> None:
    from plantar.footmap import MapRequest, render_svg

    svg = render_svg(kb, MapRequest(views=("inner",), feet=("left",)))
    assert "~feet:left~, ~views:inner~" in svg  # the panel's title
    assert "Foot map: ~feet:left~ ~views:inner~" in svg  # the document's
    assert NOT_A_DIAGNOSIS in render_svg(kb)  # under every zone and point


@pytest.mark.usefixtures("marked")
def test_the_web_pages_take_their_words_from_the_vocabulary(kb: KnowledgeBase) -> None:
    from plantar.web.app import create_app

    client = TestClient(create_app())
    plan_page = client.get("/plan", params=SLEEP).text
    for marker in ("~feet:left~", "~intensities:light~", "~evidence:"):
        assert marker in plan_page
    assert "~performers:partner~" in client.get("/plan").text  # the form's choices
    map_page = client.get("/map").text
    assert "~map_tabs:inner~" in map_page  # the tabs
    assert "~map_tabs:both~" in map_page
    zone = kb.all(Zone)[0].id
    assert "~notices:not_a_diagnosis~" in client.get(f"/library/{zone}").text


@pytest.mark.usefixtures("marked")
def test_the_fhir_export_names_a_finding_kind_in_the_vocabulary(kb: KnowledgeBase) -> None:
    from plantar.practice.fhir_bundle import _finding

    zone = kb.all(Zone)[0]
    finding = models.Finding(
        target=zone.id,
        region=zone.region,
        side="left",
        view=zone.view,
        kind="lesion",
        intensity=0,
        comment="",
        created_at=datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
    )
    observation = _finding(finding, "urn:uuid:patient", "urn:uuid:encounter", kb)
    assert observation["code"]["text"] == "foot chart: ~finding_kinds:lesion~"
    assert observation["note"][-1]["text"].endswith(NOT_A_DIAGNOSIS)


# The words themselves, where two surfaces used to disagree --------------------------------------


def test_the_map_and_the_chart_call_the_edge_views_edges(kb: KnowledgeBase) -> None:
    from plantar.footmap import MapRequest, render_svg

    svg = render_svg(kb, MapRequest(views=("inner",), feet=("left",)))
    assert "Left foot, inner edge" in svg
    assert "Left foot, inner side" not in svg  # the map said "side", the chart "edge"


def test_the_small_print_is_said_the_same_way_on_every_surface(run: Run) -> None:
    from plantar.cli.common import disclaimer
    from plantar.footmap.document import DISCLAIMER as MAP_DISCLAIMER
    from plantar.guide.printout import DISCLAIMER as PRINTED
    from plantar.web.app import create_app

    assert NOT_DIAGNOSES in " ".join(run("--help").output.split())
    for text in (disclaimer(), MAP_DISCLAIMER, PRINTED, create_app().description):
        assert NOT_DIAGNOSES in text
    client = TestClient(create_app())
    map_page = client.get("/map").text
    assert f'data-note="{NOT_A_DIAGNOSIS} ' in map_page
    assert "not a diagnosis" not in client.get("/static/map.js").text
