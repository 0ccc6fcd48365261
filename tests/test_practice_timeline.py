"""The timeline of a client's pain per region, and the home user's personal journal."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.planner import PlanRequest, plan
from plantar.practice import chart, clients, screenings, timeline, visits
from plantar.practice.db import Database
from plantar.practice.journal import journal_entries, log_home_session
from plantar.practice.models import User
from plantar.practice.schemas import ClientCreate, FindingCreate, IntakeCreate, VisitCreate

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_it_charts_pain_per_region_over_the_visits(db: Database, alice: User) -> None:
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="Timeline"))
        # Recorded out of order: the timeline sorts by when the visit was held.
        for day, arch, heel in ((4, 3, None), (0, 8, 5), (2, 5, 4)):
            visit = visits.create_visit(
                session,
                owner=alice,
                client_id=client.id,
                data=VisitCreate(held_at=T0 + timedelta(days=day), pain_before=arch),
            )
            for side in ("left", "right"):  # the strongest of both feet counts
                chart.add_finding(
                    session,
                    owner=alice,
                    visit_id=visit.id,
                    data=FindingCreate(
                        target="arch", side=side, kind="pain", intensity=arch - (side == "right")
                    ),
                )
            if heel is not None:
                chart.add_finding(
                    session,
                    owner=alice,
                    visit_id=visit.id,
                    data=FindingCreate(target="heel", side="left", kind="pain", intensity=heel),
                )
            chart.add_finding(  # not pain: not on the pain chart
                session,
                owner=alice,
                visit_id=visit.id,
                data=FindingCreate(target="toes", side="left", kind="callus", intensity=9),
            )
            screenings.record_intake(
                session,
                owner=alice,
                visit_id=visit.id,
                data=IntakeCreate(conditions=["fever"] if day == 0 else []),
            )
    with db.transaction() as session:
        shown = timeline.client_timeline(session, owner=alice, client_id=client.id)
    assert [v.held_at for v in shown.visits] == [T0 + timedelta(days=d) for d in (0, 2, 4)]
    assert [v.pain_by_region for v in shown.visits] == [
        {"arch": 8, "heel": 5},
        {"arch": 5, "heel": 4},
        {"arch": 3},
    ]
    assert [v.verdict for v in shown.visits] == ["postpone", "ok", "ok"]
    assert list(shown.pain_series) == ["arch", "heel"]
    assert [p.intensity for p in shown.pain_series["arch"]] == [8, 5, 3]
    assert [p.intensity for p in shown.pain_series["heel"]] == [5, 4]


def test_it_shows_an_empty_timeline_for_a_new_client(db: Database, alice: User) -> None:
    with db.transaction() as session:
        client = clients.create_client(session, owner=alice, data=ClientCreate(name="New"))
        shown = timeline.client_timeline(session, owner=alice, client_id=client.id)
    assert (shown.visits, shown.pain_series) == ([], {})


def test_it_logs_a_finished_guided_session_to_the_local_journal(
    db: Database, kb: KnowledgeBase
) -> None:
    routine = kb.ids("routines")[0]
    with db.transaction() as session:
        entry = log_home_session(
            session,
            started_at=T0,
            duration_seconds=15 * 60 + 1,
            style="relaxing",
            routine=routine,
            pain_before=4,
            pain_after=1,
            note="before sleep",
        )
    with db.transaction() as session:
        entries = journal_entries(session)
    assert [e.id for e in entries] == [entry.id]
    assert (entry.duration_minutes, entry.style, entry.subjective) == (
        16,
        "relaxing",
        "before sleep",
    )
    assert entry.plan is not None
    assert entry.plan.document() == {"routine": routine}


def test_it_keeps_the_journal_out_of_the_client_list_but_on_the_timeline(
    db: Database, alice: User
) -> None:
    with db.transaction() as session:
        entry = log_home_session(
            session, owner=alice, started_at=T0, duration_seconds=600, pain_before=5, pain_after=2
        )
        assert clients.list_clients(session, owner=alice) == []
        shown = timeline.client_timeline(session, owner=alice, client_id=entry.client_id)
    assert [(v.pain_before, v.pain_after) for v in shown.visits] == [(5, 2)]


def test_it_plans_again_from_the_players_request_and_stores_both(
    db: Database, kb: KnowledgeBase
) -> None:
    asked = PlanRequest(goals=("sleep",), minutes=15, style="relaxing", answered=True)
    with db.transaction() as session:
        entry = log_home_session(session, started_at=T0, duration_seconds=900, request=asked)
    with db.transaction() as session:
        (read,) = journal_entries(session)
    assert read.plan == entry.plan
    assert read.plan is not None
    assert read.plan.request == asked
    assert read.plan.plan == plan(asked, kb)
    assert read.style == "relaxing"  # the request's style is the session's


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"duration_seconds": 0}, "duration_seconds"),
        ({"routine": "no_such_routine"}, "routine"),
        ({"style": "swedish"}, "style"),
    ],
)
def test_it_refuses_a_bad_journal_entry_naming_the_field(
    db: Database, kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"started_at": T0, "duration_seconds": 60, **kwargs}
    with pytest.raises(BadInput) as caught, db.transaction() as session:
        log_home_session(session, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_it_keeps_the_practice_journal_off_the_start_up_path_of_other_commands() -> None:
    probe = (
        "import sys\n"
        "from plantar.cli import cli\n"
        "try:\n"
        "    cli(['kb', 'show', 'KI1', '--json'], prog_name='plantar')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'sqlalchemy', 'alembic', 'argon2', 'psycopg', 'fhir', 'plantar.practice'}\n"
        "print(sorted(heavy & set(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"duration_seconds": 0}, "duration_seconds"),
        ({"duration_seconds": 600 * 60 + 1}, "duration_seconds"),
        ({"pain_before": 11}, "pain_before"),
        ({"pain_after": -1}, "pain_after"),
    ],
)
def test_it_refuses_a_journal_entry_out_of_range_as_bad_input(
    db: Database, changes: dict[str, int], field: str
) -> None:
    values: dict[str, Any] = {"started_at": T0, "duration_seconds": 600, **changes}
    with db.transaction() as session, pytest.raises(BadInput, match=field):
        log_home_session(session, **values)
