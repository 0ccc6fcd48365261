"""A signed visit's foot chart and intake are locked with it, in the database itself: a trigger
on ``findings`` and on ``intakes`` refuses INSERT, UPDATE and DELETE of a row whose visit is
signed (the visit's own trigger, since 0001, refuses rewriting the visit).

On PostgreSQL the trigger takes a share lock on the visit row before it looks, so a chart write
racing the signature is serialised with it: either the write commits first and the signature
waits for it, or the signature commits first and the write is refused. (SQLite serialises every
writer already: each transaction begins IMMEDIATE.)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHILDREN = ("findings", "intakes")
SIGNED = "visit is signed and locked"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in CHILDREN:
            for verb, visits in (
                ("INSERT", "NEW.visit_id"),
                ("UPDATE", "OLD.visit_id, NEW.visit_id"),
                ("DELETE", "OLD.visit_id"),
            ):
                op.execute(
                    f"CREATE TRIGGER {table}_signed_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"WHEN EXISTS (SELECT 1 FROM visits WHERE id IN ({visits}) "
                    "AND signed_at IS NOT NULL) "
                    f"BEGIN SELECT RAISE(ABORT, '{SIGNED}'); END"
                )
        return
    op.execute(
        "CREATE FUNCTION plantar_refuse_signed_child() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE signed visits.signed_at%TYPE; "
        "BEGIN "
        "IF TG_OP <> 'INSERT' THEN "
        "SELECT signed_at INTO signed FROM visits WHERE id = OLD.visit_id FOR SHARE; "
        "IF signed IS NOT NULL THEN "
        "RAISE EXCEPTION 'visit % is signed and locked', OLD.visit_id "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; "
        "SELECT signed_at INTO signed FROM visits WHERE id = NEW.visit_id FOR SHARE; "
        "IF signed IS NOT NULL THEN "
        "RAISE EXCEPTION 'visit % is signed and locked', NEW.visit_id "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "RETURN NEW; "
        "END $$"
    )
    for table in CHILDREN:
        op.execute(
            f"CREATE TRIGGER {table}_signed_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION plantar_refuse_signed_child()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in CHILDREN:
            for verb in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_signed_no_{verb}")
        return
    for table in CHILDREN:
        op.execute(f"DROP TRIGGER {table}_signed_locked ON {table}")
    op.execute("DROP FUNCTION plantar_refuse_signed_child()")
