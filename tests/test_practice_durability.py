"""A writer killed with SIGKILL in the middle of a burst of writes loses no committed record,
and leaves the database whole, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from sqlalchemy import select, text

from plantar.practice.db import Database
from plantar.practice.models import Client, User

WRITER = """
import sys
from plantar.practice.clients import create_client
from plantar.practice.db import Database
from plantar.practice.models import User
from plantar.practice.schemas import ClientCreate

db = Database(sys.argv[1])
owner_id = int(sys.argv[2])
n = 0
while True:
    n += 1
    with db.transaction() as session:
        owner = session.get(User, owner_id)
        client = create_client(session, owner=owner, data=ClientCreate(name=f"client {n}"))
    # Printed only once the commit has returned: every id printed is a promise kept.
    print(client.id, flush=True)
"""
COMMITTED_BEFORE_KILL = 150


def test_a_writer_killed_mid_burst_loses_no_committed_record(
    db_url: str, db: Database, alice: User
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url, str(alice.id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    promised: list[int] = []
    while len(promised) < COMMITTED_BEFORE_KILL:
        line = writer.stdout.readline()
        assert line, writer.stderr.read() if writer.stderr else "writer stopped"
        promised.append(int(line))
    os.kill(writer.pid, signal.SIGKILL)  # no chance to flush, roll back or say goodbye
    # Read through the stream readline() used (communicate() would miss what it buffered).
    rest = writer.stdout.read()
    assert writer.wait(timeout=30) == -signal.SIGKILL
    writer.stdout.close()
    if writer.stderr is not None:
        writer.stderr.close()
    promised += [int(line) for line in rest.splitlines() if line.strip().isdigit()]

    after = Database(db_url)  # a new process's view: nothing cached from the writer
    with after.transaction() as session:
        stored = set(session.scalars(select(Client.id).where(Client.owner_id == alice.id)))
        if after.dialect == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    after.dispose()
    assert set(promised) <= stored
    # At most the one write whose commit returned as the process died was not yet printed.
    assert len(stored) - len(promised) <= 1
