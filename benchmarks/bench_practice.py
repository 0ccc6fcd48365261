"""The practice journal at clinic scale: 10,000 clients and 1,000,000 sessions.

Targets (issue 7): generating the 1M sessions in at most 60 s with peak memory at most
500 MiB (streamed: executemany over a generator on SQLite, COPY on PostgreSQL, never a list
of rows), and a client's timeline with p95 at most 30 ms, on SQLite and on PostgreSQL.

Each engine gets a database of its own, removed afterwards: a temporary SQLite file, and a
dedicated schema in the PostgreSQL named by ``PLANTAR_BENCH_PG`` (default: the test server).
Generation runs in a child process, so its peak memory is measured alone (``wait4``). The
timeline is timed through the service function a page calls, audit-log write and commit
included, for random clients of random practitioners.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

CLIENTS = 10_000
VISITS_PER_CLIENT = 100  # 1,000,000 sessions
PRACTITIONERS = 10
INTAKE_EVERY = 10  # visits with a recorded screening
TIMELINE_RUNS = 300
TARGET_SECONDS = 60.0
TARGET_MIB = 500.0
TARGET_P95_MS = 30.0
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

STYLES = ("classical", "relaxing", "reflexology", "acupressure", "therapeutic", "thai")
PAIN_REGIONS = ("arch", "heel", "ball", "toes", "ankle", "achilles")
EPOCH = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)
SCREENING = json.dumps(
    {"verdict": "ok", "see_doctor": False, "findings": [], "avoid_zones": [],
     "allowed_styles": list(STYLES), "notes": [], "max_intensity": "firm",
     "no_point_work": False}
)  # fmt: skip
ANSWERS = json.dumps({"conditions": [], "age": 40, "performer": "therapist"})


# Rows, streamed --------------------------------------------------------------------------------


def users() -> Iterator[tuple[Any, ...]]:
    for n in range(1, PRACTITIONERS + 1):
        yield (n, f"p{n}@bench.invalid", "not-a-hash", "practitioner", EPOCH, None)


def clients() -> Iterator[tuple[Any, ...]]:
    per_owner = CLIENTS // PRACTITIONERS
    for n in range(1, CLIENTS + 1):
        owner = (n - 1) // per_owner + 1
        yield (n, owner, f"Client {n}", None, "", "", True, EPOCH, False, EPOCH, EPOCH)


def visits(rng: random.Random) -> Iterator[tuple[Any, ...]]:
    """Visits client by client, in time order (as a real journal grows per client)."""
    visit_id = 0
    per_owner = CLIENTS // PRACTITIONERS
    for client in range(1, CLIENTS + 1):
        owner = (client - 1) // per_owner + 1
        held = EPOCH + timedelta(days=rng.randrange(365))
        for _ in range(VISITS_PER_CLIENT):
            visit_id += 1
            held += timedelta(days=rng.randrange(2, 10), minutes=rng.randrange(600))
            before = rng.randrange(11)
            yield (
                visit_id, client, held, rng.choice((30, 45, 60)), rng.choice(STYLES), None,
                "", "", "", "", before, rng.randrange(before + 1), 150_000, "RUB", None,
                held + timedelta(hours=1), owner, held, held,
            )  # fmt: skip


def findings(rng: random.Random) -> Iterator[tuple[Any, ...]]:
    """One pain mark per visit, in a region of the foot."""
    for visit_id in range(1, CLIENTS * VISITS_PER_CLIENT + 1):
        region = rng.choice(PAIN_REGIONS)
        side = "left" if visit_id % 2 else "right"
        view = "sole" if region in ("arch", "heel", "ball", "toes") else "outer"
        if region in ("ankle", "achilles"):
            view = "inner" if region == "ankle" else "outer"
        yield (visit_id, visit_id, region, region, side, view, "pain", rng.randrange(11), "", EPOCH)


def intakes() -> Iterator[tuple[Any, ...]]:
    for n, visit_id in enumerate(range(1, CLIENTS * VISITS_PER_CLIENT + 1, INTAKE_EVERY), 1):
        yield (n, visit_id, ANSWERS, "ok", SCREENING, "bench", EPOCH)


COLUMNS = {
    "users": "id, email, password_hash, role, created_at, disabled_at",
    "clients": "id, owner_id, name, date_of_birth, contact, notes, consent_given, consent_at, "
    "is_self, created_at, updated_at",
    "visits": "id, client_id, held_at, duration_minutes, style, plan, subjective, objective, "
    "assessment, plan_note, pain_before, pain_after, price_minor, currency, course_id, "
    "signed_at, signed_by, created_at, updated_at",
    "findings": "id, visit_id, target, region, side, view, kind, intensity, comment, created_at",
    "intakes": "id, visit_id, answers, verdict, screening, kb_version, created_at",
}


def _tables(rng: random.Random) -> list[tuple[str, Iterator[tuple[Any, ...]]]]:
    return [
        ("users", users()),
        ("clients", clients()),
        ("visits", visits(rng)),
        ("findings", findings(rng)),
        ("intakes", intakes()),
    ]


# Generation (in a child process) ----------------------------------------------------------------


def _sqlite_value(value: Any) -> Any:
    # As plantar.practice.columns.UTCDateTime stores it on SQLite: naive UTC text.
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def generate(url: str) -> dict[str, float]:
    from plantar.practice.db import Database

    db = Database(url)
    db.upgrade()
    rng = random.Random(42)
    started = time.perf_counter()
    raw: Any = db.engine.raw_connection()
    try:
        if db.dialect == "sqlite":
            # The production connection (WAL, synchronous=FULL): one transaction per table,
            # executemany over a generator, so rows are never held in memory together.
            cursor = raw.driver_connection.cursor()
            for table, rows in _tables(rng):
                marks = ", ".join("?" * len(COLUMNS[table].split(",")))
                cursor.execute("BEGIN IMMEDIATE")
                cursor.executemany(
                    f"INSERT INTO {table} ({COLUMNS[table]}) VALUES ({marks})",
                    (tuple(_sqlite_value(v) for v in row) for row in rows),
                )
                cursor.execute("COMMIT")
            cursor.execute("ANALYZE")
        else:
            connection = raw.driver_connection
            with connection.cursor() as cursor:
                for table, rows in _tables(rng):
                    with cursor.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT MAX(id) FROM {table}))"
                    )
                connection.commit()
                # What autovacuum would do in a live clinic: statistics for the planner.
                cursor.execute("ANALYZE")
                connection.commit()
    finally:
        raw.close()
    elapsed = time.perf_counter() - started
    db.dispose()
    return {"seconds": elapsed}


def _generate_in_child(url: str) -> tuple[dict[str, float], float]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "generate", url], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"generating into {url} failed")
    return json.loads(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024


# Timeline ---------------------------------------------------------------------------------------


def time_timeline(url: str) -> tuple[float, float, int]:
    """p50 and p95 in ms of client_timeline for random clients, and visits per timeline."""
    from plantar.practice.db import Database
    from plantar.practice.models import User
    from plantar.practice.timeline import client_timeline

    db = Database(url)
    rng = random.Random(7)
    per_owner = CLIENTS // PRACTITIONERS
    times: list[float] = []
    shown = 0
    for run in range(TIMELINE_RUNS + 20):
        client_id = rng.randrange(1, CLIENTS + 1)
        owner_id = (client_id - 1) // per_owner + 1
        started = time.perf_counter()
        with db.transaction() as session:
            owner = session.get(User, owner_id)
            assert owner is not None
            result = client_timeline(session, owner=owner, client_id=client_id)
        elapsed = time.perf_counter() - started
        if run >= 20:  # the first calls warm the pool and the caches
            times.append(elapsed * 1000)
            shown = len(result.visits)
    db.dispose()
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1], shown


# Engines ----------------------------------------------------------------------------------------


def _pg_schema() -> tuple[str, str, Any] | None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    from plantar.practice.db import with_search_path

    base = os.environ.get("PLANTAR_BENCH_PG", DEFAULT_PG)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except OperationalError:
        admin.dispose()
        return None
    return with_search_path(base, schema), schema, admin


def _measure(url: str) -> dict[str, float]:
    generated, peak = _generate_in_child(url)
    p50, p95, shown = time_timeline(url)
    return {"seconds": generated["seconds"], "mib": peak, "p50": p50, "p95": p95, "shown": shown}


def run() -> str:
    results: dict[str, dict[str, float] | None] = {}
    workdir = tempfile.mkdtemp(prefix="plantar-bench-")
    try:
        results["SQLite"] = _measure(f"sqlite:///{workdir}/bench.sqlite3")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    pg = _pg_schema()
    if pg is None:
        results["PostgreSQL"] = None
    else:
        url, schema, admin = pg
        try:
            results["PostgreSQL"] = _measure(url)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            admin.dispose()
    rows = []
    verdicts = []
    for engine, r in results.items():
        if r is None:
            rows.append(f"| {engine} | not measured: unreachable | | | | |")
            verdicts.append(f"{engine}: **not measured** (server unreachable)")
            continue
        rows.append(
            f"| {engine} | {r['seconds']:.1f} | {r['mib']:.0f} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['shown']:.0f} |"
        )
        ok = [
            r["seconds"] <= TARGET_SECONDS,
            r["mib"] <= TARGET_MIB,
            r["p95"] <= TARGET_P95_MS,
        ]
        verdicts.append(
            f"{engine}: generation {'meets' if ok[0] else 'MISSES'} ≤ {TARGET_SECONDS:g} s, "
            f"memory {'meets' if ok[1] else 'MISSES'} ≤ {TARGET_MIB:g} MiB, "
            f"timeline p95 {'meets' if ok[2] else 'MISSES'} ≤ {TARGET_P95_MS:g} ms"
        )
    return (
        "## Practice journal at clinic scale (`benchmarks/bench_practice.py`)\n\n"
        f"{CLIENTS:,} clients of {PRACTITIONERS} practitioners, "
        f"{CLIENTS * VISITS_PER_CLIENT:,} sessions (one pain mark each on the foot chart, "
        f"a screening every {INTAKE_EVERY}th), streamed into a fresh database per engine. "
        f"Timeline: {TIMELINE_RUNS} calls of `client_timeline` for random clients, audit "
        "write and commit included.\n\n"
        "| engine | generate s | peak MiB | timeline p50 ms | timeline p95 ms | visits shown |\n"
        "|---|---:|---:|---:|---:|---:|\n"
        + "\n".join(rows)
        + "\n\n"
        + "\n".join(f"- {v}" for v in verdicts)
        + "\n"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "generate":
        print(json.dumps(generate(sys.argv[2])))
    else:
        print(run())
