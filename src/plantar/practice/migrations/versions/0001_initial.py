"""Initial schema: accounts, login sessions, clients, visits, intakes, chart, courses, prices,
audit log; triggers that keep the audit log and addenda append-only and signed visits locked.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the column types, so later model changes never rewrite history.
UTC_TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

APPEND_ONLY = ("audit_events", "addenda")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "users",
        _id(),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("disabled_at", UTC_TS, nullable=True),
        sa.CheckConstraint(
            "role IN ('practitioner', 'admin', 'local')", name=op.f("ck_users_role")
        ),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    only_one = sa.text("role IN ('admin', 'local')")
    op.create_index(
        "uq_users_single_role",
        "users",
        ["role"],
        unique=True,
        sqlite_where=only_one,
        postgresql_where=only_one,
    )
    op.create_table(
        "login_attempts",
        _id(),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("client_ip", sa.String(45), nullable=True),
        sa.Column("at", UTC_TS, nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_login_attempts_email_at", "login_attempts", ["email", "at"])
    op.create_index("ix_login_attempts_client_ip_at", "login_attempts", ["client_ip", "at"])
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("last_seen_at", UTC_TS, nullable=False),
    )
    op.create_index("ix_login_sessions_user_id", "login_sessions", ["user_id"])
    op.create_table(
        "clients",
        _id(),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("contact", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("consent_at", UTC_TS, nullable=True),
        sa.Column("is_self", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("updated_at", UTC_TS, nullable=False),
    )
    op.create_index("ix_clients_owner_id_name", "clients", ["owner_id", "name"])
    op.create_index(
        "uq_clients_self",
        "clients",
        ["owner_id"],
        unique=True,
        sqlite_where=sa.text("is_self"),
        postgresql_where=sa.text("is_self"),
    )
    op.create_table(
        "courses",
        _id(),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("sessions_planned", sa.Integer(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("sessions_done", sa.Integer(), nullable=False),
        sa.Column("price_total_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.CheckConstraint("sessions_planned > 0", name=op.f("ck_courses_planned_positive")),
        sa.CheckConstraint("interval_days > 0", name=op.f("ck_courses_interval_positive")),
        sa.CheckConstraint(
            "sessions_done >= 0 AND sessions_done <= sessions_planned",
            name=op.f("ck_courses_done_in_range"),
        ),
        sa.CheckConstraint(
            "status IN ('active', 'completed', 'cancelled')", name=op.f("ck_courses_status")
        ),
    )
    op.create_index("ix_courses_client_id", "courses", ["client_id"])
    op.create_table(
        "visits",
        _id(),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("held_at", UTC_TS, nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("style", sa.String(40), nullable=True),
        sa.Column("plan", JSON, nullable=True),
        sa.Column("subjective", sa.Text(), nullable=False),
        sa.Column("objective", sa.Text(), nullable=False),
        sa.Column("assessment", sa.Text(), nullable=False),
        sa.Column("plan_note", sa.Text(), nullable=False),
        sa.Column("pain_before", sa.SmallInteger(), nullable=True),
        sa.Column("pain_after", sa.SmallInteger(), nullable=True),
        sa.Column("price_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("course_id", sa.Integer(), sa.ForeignKey("courses.id"), nullable=True),
        sa.Column("signed_at", UTC_TS, nullable=True),
        sa.Column("signed_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("updated_at", UTC_TS, nullable=False),
        sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name=op.f("ck_visits_pain_before")),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name=op.f("ck_visits_pain_after")),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_visits_duration_positive")),
        sa.CheckConstraint("price_minor >= 0", name=op.f("ck_visits_price_not_negative")),
    )
    op.create_index("ix_visits_client_id_held_at", "visits", ["client_id", "held_at"])
    op.create_index("ix_visits_course_id", "visits", ["course_id"])
    op.create_table(
        "addenda",
        _id(),
        sa.Column("visit_id", sa.Integer(), sa.ForeignKey("visits.id"), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_addenda_visit_id", "addenda", ["visit_id"])
    op.create_table(
        "intakes",
        _id(),
        sa.Column("visit_id", sa.Integer(), sa.ForeignKey("visits.id"), nullable=False),
        sa.Column("answers", JSON, nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        sa.Column("screening", JSON, nullable=False),
        sa.Column("kb_version", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
    )
    op.create_index("ix_intakes_visit_id", "intakes", ["visit_id"])
    op.create_table(
        "findings",
        _id(),
        sa.Column("visit_id", sa.Integer(), sa.ForeignKey("visits.id"), nullable=False),
        sa.Column("target", sa.String(60), nullable=False),
        sa.Column("region", sa.String(30), nullable=False),
        sa.Column("side", sa.String(5), nullable=False),
        sa.Column("view", sa.String(5), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("intensity", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.CheckConstraint("side IN ('left', 'right')", name=op.f("ck_findings_side")),
        sa.CheckConstraint(
            "view IN ('sole', 'top', 'inner', 'outer')", name=op.f("ck_findings_view")
        ),
        sa.CheckConstraint(
            "kind IN ('pain', 'tension', 'callus', 'lesion', 'do_not_touch')",
            name=op.f("ck_findings_kind"),
        ),
        sa.CheckConstraint("intensity BETWEEN 0 AND 10", name=op.f("ck_findings_intensity")),
    )
    op.create_index("ix_findings_visit_id", "findings", ["visit_id"])
    op.create_table(
        "price_items",
        _id(),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("style", sa.String(40), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.CheckConstraint("amount_minor >= 0", name=op.f("ck_price_items_amount_not_negative")),
    )
    op.create_index(
        "uq_price_items_owner_id_service", "price_items", ["owner_id", "service"], unique=True
    )
    op.create_table(
        "audit_events",
        _id(),
        sa.Column("at", UTC_TS, nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(200), nullable=False),
    )
    op.create_index("ix_audit_events_client_id_at", "audit_events", ["client_id", "at"])
    op.create_index("ix_audit_events_actor_id_at", "audit_events", ["actor_id", "at"])
    _create_guards()


def _create_guards() -> None:
    """The database itself refuses to rewrite history, whatever code connects to it."""
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER visits_signed_no_{verb.lower()} BEFORE {verb} ON visits "
                "WHEN OLD.signed_at IS NOT NULL "
                "BEGIN SELECT RAISE(ABORT, 'visit is signed and locked'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION plantar_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME "
        "USING ERRCODE = 'insufficient_privilege'; END $$"
    )
    op.execute(
        "CREATE FUNCTION plantar_refuse_signed() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'visit % is signed and locked', OLD.id "
        "USING ERRCODE = 'insufficient_privilege'; END $$"
    )
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION plantar_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION plantar_refuse_change()"
        )
    op.execute(
        "CREATE TRIGGER visits_signed_locked BEFORE UPDATE OR DELETE ON visits "
        "FOR EACH ROW WHEN (OLD.signed_at IS NOT NULL) EXECUTE FUNCTION plantar_refuse_signed()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute("DROP TRIGGER visits_signed_locked ON visits")
        op.execute("DROP FUNCTION plantar_refuse_change()")
        op.execute("DROP FUNCTION plantar_refuse_signed()")
    # Dropping a table drops its indexes (and, on SQLite, its triggers) with it.
    for table in (
        "audit_events",
        "price_items",
        "findings",
        "intakes",
        "addenda",
        "visits",
        "courses",
        "clients",
        "login_sessions",
        "login_attempts",
        "users",
    ):
        op.drop_table(table)
