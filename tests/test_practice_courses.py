"""Courses and prices: progress and balance, stale edits refused, the salon reference, and two
real processes redeeming sessions of one course without losing an update."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.practice import clients, courses, visits
from plantar.practice.db import Database
from plantar.practice.errors import Conflict, NoteLocked
from plantar.practice.models import Course, User
from plantar.practice.schemas import (
    ClientCreate,
    CourseCreate,
    CourseUpdate,
    PriceCreate,
    VisitCreate,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TEN = CourseCreate(
    title="Ten sessions every other day",
    sessions_planned=10,
    interval_days=2,
    price_total=Decimal("9000"),
    started_on=date(2025, 3, 1),
)


@pytest.fixture
def client_id(db: Database, alice: User) -> int:
    with db.transaction() as session:
        return clients.create_client(session, owner=alice, data=ClientCreate(name="Olga")).id


@pytest.fixture
def course_id(db: Database, alice: User, client_id: int) -> int:
    with db.transaction() as session:
        return courses.create_course(session, owner=alice, client_id=client_id, data=TEN).id


def test_it_starts_a_course_with_everything_left(db: Database, alice: User, course_id: int) -> None:
    with db.transaction() as session:
        course = courses.get_course(session, owner=alice, course_id=course_id)
    assert (course.sessions_done, course.sessions_left, course.progress) == (0, 10, 0.0)
    assert (course.remaining_balance, course.currency) == (Decimal("9000.00"), "RUB")
    assert course.next_due == date(2025, 3, 1)


def test_it_tracks_progress_balance_and_the_next_due_date(
    db: Database, alice: User, client_id: int, course_id: int
) -> None:
    with db.transaction() as session:
        for day in (0, 2, 4):
            visit = visits.create_visit(
                session,
                owner=alice,
                client_id=client_id,
                data=VisitCreate(held_at=T0 + timedelta(days=day), duration_minutes=30),
            )
            course = courses.redeem_session(
                session, owner=alice, course_id=course_id, visit_id=visit.id
            )
    assert (course.sessions_done, course.sessions_left, course.progress) == (3, 7, 0.3)
    assert course.remaining_balance == Decimal("6300.00")
    assert course.next_due == date(2025, 3, 7)  # two days after the last session
    with db.transaction() as session:
        linked = visits.list_visits(session, owner=alice, client_id=client_id)
    assert {v.course_id for v in linked} == {course_id}


def test_it_completes_a_course_and_refuses_a_session_beyond_it(
    db: Database, alice: User, client_id: int
) -> None:
    with db.transaction() as session:
        two = courses.create_course(
            session,
            owner=alice,
            client_id=client_id,
            data=CourseCreate(title="Two", sessions_planned=2),
        )
        courses.redeem_session(session, owner=alice, course_id=two.id)
        done = courses.redeem_session(session, owner=alice, course_id=two.id)
    assert (done.status, done.sessions_left, done.next_due) == ("completed", 0, None)
    with pytest.raises(BadInput, match="sessions left"), db.transaction() as session:
        courses.redeem_session(session, owner=alice, course_id=two.id)


def test_it_refuses_to_count_a_visit_twice_or_a_signed_one(
    db: Database, alice: User, client_id: int, course_id: int
) -> None:
    with db.transaction() as session:
        visit = visits.create_visit(session, owner=alice, client_id=client_id, data=VisitCreate())
        courses.redeem_session(session, owner=alice, course_id=course_id, visit_id=visit.id)
    with pytest.raises(BadInput, match="not yet counted"), db.transaction() as session:
        courses.redeem_session(session, owner=alice, course_id=course_id, visit_id=visit.id)
    with db.transaction() as session:
        signed = visits.create_visit(session, owner=alice, client_id=client_id, data=VisitCreate())
        visits.sign_visit(session, owner=alice, visit_id=signed.id, confirmed=visits.SIGNING_GAPS)
    with pytest.raises(NoteLocked), db.transaction() as session:
        courses.redeem_session(session, owner=alice, course_id=course_id, visit_id=signed.id)


def test_it_refuses_an_edit_based_on_a_stale_version(
    db: Database, alice: User, course_id: int
) -> None:
    with db.transaction() as session:
        seen = courses.get_course(session, owner=alice, course_id=course_id)
    with db.transaction() as session:
        edited = courses.update_course(
            session,
            owner=alice,
            course_id=course_id,
            data=CourseUpdate(title="Twelve", sessions_planned=12),
            expected_version=seen.version,
        )
    assert (edited.title, edited.sessions_planned, edited.version) == ("Twelve", 12, 2)
    with pytest.raises(Conflict, match="changed by someone else"), db.transaction() as session:
        courses.update_course(
            session,
            owner=alice,
            course_id=course_id,
            data=CourseUpdate(interval_days=3),
            expected_version=seen.version,
        )


def test_it_refuses_to_plan_fewer_sessions_than_are_done(
    db: Database, alice: User, course_id: int
) -> None:
    with db.transaction() as session:
        for _ in range(3):
            course = courses.redeem_session(session, owner=alice, course_id=course_id)
    with pytest.raises(BadInput, match="at least 3"), db.transaction() as session:
        courses.update_course(
            session,
            owner=alice,
            course_id=course_id,
            data=CourseUpdate(sessions_planned=2),
            expected_version=course.version,
        )


def test_it_compares_the_price_list_with_the_articles_salon_price(
    db: Database, alice: User, kb: KnowledgeBase
) -> None:
    with db.transaction() as session:
        courses.add_price(
            session,
            owner=alice,
            data=PriceCreate(service="Foot massage, 30 min", minutes=30, amount=Decimal("1200")),
        )
        courses.add_price(
            session,
            owner=alice,
            data=PriceCreate(
                service="Reflexology, 45 min",
                style="reflexology",
                amount=Decimal("40"),
                currency="EUR",
            ),
        )
        listed = courses.price_list(session, owner=alice)
    reference = listed.salon_reference
    assert reference is not None
    assert (reference.id, reference.amount_min, reference.currency, reference.year) == (
        "price_salon_foot_massage",
        Decimal("800"),
        "RUB",
        2019,
    )
    by_service = {item.service: item for item in listed.items}
    assert by_service["Foot massage, 30 min"].vs_salon == 1.5
    assert by_service["Foot massage, 30 min"].currency == "RUB"
    assert by_service["Reflexology, 45 min"].vs_salon is None  # euros are not compared to roubles


def test_it_keeps_price_lists_apart_and_services_unique(
    db: Database, alice: User, bob: User
) -> None:
    data = PriceCreate(service="Foot massage", amount=Decimal("1000"))
    with db.transaction() as session:
        courses.add_price(session, owner=alice, data=data)
        courses.add_price(session, owner=bob, data=data)
        assert len(courses.price_list(session, owner=bob).items) == 1
    with pytest.raises(BadInput, match="not yet on your price list"), db.transaction() as session:
        courses.add_price(session, owner=alice, data=data)


# Two processes, one course --------------------------------------------------------------------

REDEEMER = """
import sys
from pathlib import Path
from plantar.practice.db import Database
from plantar.practice.courses import redeem_session
from plantar.practice.models import User

url, gate = sys.argv[1], Path(sys.argv[5])
user_id, course_id, times = (int(arg) for arg in sys.argv[2:5])
db = Database(url)
with db.transaction() as session:  # connected and warmed up
    session.get(User, user_id)
gate.with_suffix(f".ready{sys.argv[6]}").touch()
while not gate.exists():  # both processes start redeeming at the same moment
    pass
for _ in range(times):
    with db.transaction() as session:
        redeem_session(session, owner=session.get(User, user_id), course_id=course_id)
db.dispose()
"""


def test_two_processes_redeeming_one_course_lose_no_update(
    db_url: str, db: Database, alice: User, client_id: int, tmp_path: Path
) -> None:
    times = 50
    with db.transaction() as session:
        course = Course(
            client_id=client_id,
            title="Long course",
            sessions_planned=2 * times,
            interval_days=1,
            currency="RUB",
            started_on=date(2025, 3, 1),
        )
        session.add(course)
    gate = tmp_path / "go"
    args = [db_url, str(alice.id), str(course.id), str(times), str(gate)]
    workers = [
        subprocess.Popen([sys.executable, "-c", REDEEMER, *args, str(n)], stderr=subprocess.PIPE)
        for n in range(2)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("go.ready*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.touch()
    for worker in workers:
        _, stderr = worker.communicate(timeout=240)
        assert worker.returncode == 0, stderr.decode()
    with db.transaction() as session:
        final = courses.get_course(session, owner=alice, course_id=course.id)
    assert final.sessions_done == 2 * times
    assert final.status == "completed"
    assert final.version == 2 * times + 1
