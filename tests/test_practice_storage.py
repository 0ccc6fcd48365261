"""Storage of the practice journal on both engines: migrations, tuning, settings, guards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from plantar.errors import BadInput
from plantar.practice import clients, screenings, visits
from plantar.practice.columns import from_minor, to_minor
from plantar.practice.db import Database
from plantar.practice.migrate import current_revision, head_revision
from plantar.practice.models import Base, User
from plantar.practice.schemas import ClientCreate, IntakeCreate, VisitCreate
from plantar.practice.settings import DEV_SECRET, SETTINGS, load_settings, normalise_db_url

if TYPE_CHECKING:
    from practice_fixtures import EmptyDatabase


TABLES = {
    "users",
    "login_attempts",
    "login_sessions",
    "clients",
    "courses",
    "visits",
    "addenda",
    "intakes",
    "findings",
    "price_items",
    "audit_events",
}
GOOD_SECRET = "k" * 40


def test_it_migrates_an_empty_database_up_and_cleanly_down(empty_database: EmptyDatabase) -> None:
    db = Database(empty_database.url)
    assert current_revision(db.engine) is None
    db.upgrade()
    assert current_revision(db.engine) == head_revision()
    assert set(inspect(db.engine).get_table_names()) >= TABLES
    db.downgrade()
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    if empty_database.engine == "postgresql":
        with db.engine.connect() as connection:
            functions = connection.scalar(
                text(
                    "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    "WHERE n.nspname = current_schema() AND p.proname LIKE 'plantar_%'"
                )
            )
        assert functions == 0
    db.upgrade()  # and up again after down: nothing was left behind to collide with
    assert current_revision(db.engine) == head_revision()
    db.dispose()


def test_it_keeps_the_models_and_the_migrations_in_agreement(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_clearance_migration_goes_down_to_0001_and_up_again_keeping_every_intake(
    empty_database: EmptyDatabase,
) -> None:
    db = Database(empty_database.url)
    db.upgrade()
    with db.transaction() as session:
        owner = User(email="a@example.org", password_hash="x", role="practitioner")
        session.add(owner)
        session.flush()
        client = clients.create_client(session, owner=owner, data=ClientCreate(name="Anna"))
        visit = visits.create_visit(session, owner=owner, client_id=client.id, data=VisitCreate())
        for cleared in ([], ["hypertension"]):
            screenings.record_intake(
                session,
                owner=owner,
                visit_id=visit.id,
                data=IntakeCreate(
                    conditions=["hypertension"],
                    cleared=cleared,
                    cleared_by="Dr Sokolova" if cleared else None,
                    cleared_on=date(2025, 2, 20) if cleared else None,
                ),
            )
    clearance = {"cleared_by", "cleared_on", "clearance_note"}
    db.downgrade("0001")
    assert current_revision(db.engine) == "0001"
    assert not clearance & {c["name"] for c in inspect(db.engine).get_columns("intakes")}
    assert inspect(db.engine).get_check_constraints("intakes") == []
    assert [i["name"] for i in inspect(db.engine).get_indexes("intakes")] == ["ix_intakes_visit_id"]
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM intakes")) == 2
    db.upgrade()
    assert clearance <= {c["name"] for c in inspect(db.engine).get_columns("intakes")}
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT cleared_by FROM intakes")).all() == [
            (None,),
            (None,),
        ]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


def test_it_tunes_sqlite_for_concurrent_durable_writes(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'tuned.sqlite3'}")
    with db.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 10_000,
        "synchronous": 2,
    }
    db.dispose()


def test_it_takes_the_sqlite_write_lock_when_a_transaction_begins(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'locks.sqlite3'}"
    first, second = Database(url), Database(url)
    first.upgrade()
    second.engine.pool.dispose()
    with first.transaction() as session:
        session.execute(text("SELECT 1"))
        # A second writer cannot even begin while the first holds the lock.
        import sqlite3

        raw = sqlite3.connect(tmp_path / "locks.sqlite3", timeout=0.05, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            raw.execute("BEGIN IMMEDIATE")
        raw.close()
    first.dispose()
    second.dispose()


def test_it_refuses_to_rewrite_the_audit_log_in_the_database_itself(db: Database) -> None:
    with db.transaction() as session:
        session.execute(
            text(
                "INSERT INTO audit_events (at, action, entity, detail) "
                "VALUES (:at, 'read', 'client', '')"
            ),
            {"at": "2024-01-01 00:00:00.000000" if db.dialect == "sqlite" else datetime.now(UTC)},
        )
    for statement in ("UPDATE audit_events SET detail = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), db.transaction() as session:
            session.execute(text(statement))
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM audit_events")) == 1


def test_it_allows_one_admin_only_even_past_the_service_layer(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with db.transaction() as session:
        session.add(User(email="a@example.org", password_hash="x", role="admin"))
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(User(email="b@example.org", password_hash="x", role="admin"))


def test_it_refuses_naive_datetimes_and_returns_utc_ones(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), db.transaction() as session:
        session.add(
            User(email="n@example.org", role="practitioner", created_at=datetime(2024, 1, 1))
        )
    moscow = datetime(2024, 3, 1, 12, 0, tzinfo=UTC) + timedelta(hours=3)
    with db.transaction() as session:
        user = User(email="t@example.org", role="practitioner", created_at=moscow)
        session.add(user)
    with db.transaction() as session:
        stored = session.get(User, user.id)
        assert stored is not None
        assert stored.created_at == moscow
        assert stored.created_at.tzinfo == UTC


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_it_accepts_the_database_urls_people_type(given: str, expected: str) -> None:
    assert normalise_db_url(given) == expected


def test_it_takes_a_bare_path_for_an_sqlite_file(tmp_path: Path) -> None:
    assert normalise_db_url(str(tmp_path / "j.db")) == f"sqlite:///{tmp_path / 'j.db'}"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "http://example.org", ""])
def test_it_names_the_accepted_forms_for_an_unknown_database_url(url: str) -> None:
    with pytest.raises(BadInput, match=r"postgresql\+psycopg://"):
        load_settings({}, db=url) if url else normalise_db_url(url)


def test_it_defaults_to_an_sqlite_file_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    settings = load_settings({})
    assert settings.db_url == f"sqlite:///{tmp_path / 'plantar' / 'practice.sqlite3'}"
    assert settings.currency == "RUB"
    assert settings.environment == "prod"


def test_it_prefers_the_db_option_over_the_environment() -> None:
    settings = load_settings({"PLANTAR_DB": "sqlite:////tmp/env.db"}, db="sqlite:////tmp/flag.db")
    assert settings.db_url == "sqlite:////tmp/flag.db"


@pytest.mark.parametrize("secret", ["changethis", "secret", "short-but-random-3f9a", "x" * 31])
def test_it_refuses_placeholder_or_short_secrets_outside_dev(secret: str) -> None:
    with pytest.raises(BadInput, match="PLANTAR_SECRET") as caught:
        load_settings({"PLANTAR_SECRET": secret})
    assert repr(secret) not in caught.value.message  # a secret is never echoed


def test_it_accepts_a_placeholder_secret_in_dev_with_a_warning() -> None:
    with pytest.warns(UserWarning, match="insecure"):
        settings = load_settings({"PLANTAR_ENV": "dev", "PLANTAR_SECRET": "changethis"})
    assert settings.require_secret() == DEV_SECRET


def test_it_refuses_the_dev_secret_in_production() -> None:
    with pytest.raises(BadInput, match="PLANTAR_SECRET"):
        load_settings({"PLANTAR_SECRET": DEV_SECRET})


def test_it_reads_the_secret_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text(GOOD_SECRET + "\n")
    assert load_settings({"PLANTAR_SECRET_FILE": str(path)}).require_secret() == GOOD_SECRET


def test_it_refuses_a_missing_secret_file_and_both_sources_at_once(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="readable file"):
        load_settings({"PLANTAR_SECRET_FILE": str(tmp_path / "absent")})
    with pytest.raises(BadInput, match="not both"):
        load_settings({"PLANTAR_SECRET": GOOD_SECRET, "PLANTAR_SECRET_FILE": "/x"})


def test_it_only_asks_for_a_secret_where_one_is_needed() -> None:
    settings = load_settings({})
    assert settings.secret is None
    with pytest.raises(BadInput, match="PLANTAR_SECRET"):
        settings.require_secret()


@pytest.mark.parametrize(
    ("env", "match"),
    [
        ({"PLANTAR_ENV": "staging"}, "PLANTAR_ENV"),
        ({"PLANTAR_CURRENCY": "rub"}, "PLANTAR_CURRENCY"),
        ({"PLANTAR_IDLE_MINUTES": "0"}, "PLANTAR_IDLE_MINUTES"),
        ({"PLANTAR_IDLE_MINUTES": "ten"}, "PLANTAR_IDLE_MINUTES"),
        ({"PLANTAR_LOGIN_MAX_FAILURES": "-1"}, "PLANTAR_LOGIN_MAX_FAILURES"),
    ],
)
def test_it_fails_loudly_on_a_bad_setting(env: dict[str, str], match: str) -> None:
    with pytest.raises(BadInput, match=match):
        load_settings(env)


def test_it_documents_every_setting_it_reads() -> None:
    import inspect as pyinspect

    import plantar.practice.settings as module

    source = pyinspect.getsource(module.load_settings) + pyinspect.getsource(module._secret)
    read = set(__import__("re").findall(r'"(PLANTAR_[A-Z_]+)"', source))
    declared = {s.env for s in SETTINGS} | {"PLANTAR_SECRET_FILE"}
    assert read <= declared
    assert all(s.help for s in SETTINGS)


@pytest.mark.parametrize("amount", ["0", "0.01", "800", "1234.56", "9999999999.99"])
def test_it_keeps_money_exact_in_hundredths(amount: str) -> None:
    from decimal import Decimal

    assert from_minor(to_minor(Decimal(amount))) == Decimal(amount)


def test_the_journal_its_wal_and_every_backup_are_readable_by_the_owner_alone(
    tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    folder = tmp_path / "journal"
    url = f"sqlite:///{folder / 'practice.sqlite3'}"
    loose = tmp_path / "old.sqlite3"  # a journal made before the rule
    loose.touch()
    loose.chmod(0o644)
    modes: dict[str, int] = {}
    for target, files in ((url, folder), (f"sqlite:///{loose}", tmp_path)):
        database = Database(target)
        database.upgrade()
        with database.transaction() as session:
            session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
            session.execute(text("INSERT INTO probe VALUES (1)"))
        # While it is open: the journal, its write-ahead log and shared memory.
        for path in files.glob("*.sqlite3*"):
            modes[path.name] = stat.S_IMODE(path.stat().st_mode)
        database.dispose()
    assert any(name.endswith("-wal") for name in modes), modes
    monkeypatch.setenv("PLANTAR_SECRET", "a-secret-for-this-test-" + "x" * 30)
    result = run("backup", str(tmp_path / "backup.jsonl"), "--db", url)
    assert result.exit_code == 0, result.output
    modes["backup.jsonl"] = stat.S_IMODE((tmp_path / "backup.jsonl").stat().st_mode)
    assert set(modes.values()) == {0o600}, modes
