"""The tables of the practice journal (SQLAlchemy 2, typed). Migrations in ``migrations/``.

Ownership: a client belongs to one practitioner; everything clinical (visits, intakes, chart
findings, addenda, courses) hangs off a client, so every query is filtered through
``Client.owner_id``. A *visit* is one session with a client: its intake screening, its foot
chart, and the session record itself (duration, style, plan used, SOAP note, pain, price).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, get_args

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from plantar.knowledge.schema import View
from plantar.practice.columns import JSONValue, PlanJSON, UTCDateTime, utcnow
from plantar.practice.plan_document import UsedPlan
from plantar.practice.schemas import FindingKind

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("practitioner", "admin", "local")
SIDES = ("left", "right")
VIEWS: tuple[str, ...] = get_args(View)
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
COURSE_STATUSES = ("active", "completed", "cancelled")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # Every datetime column is an aware UTC timestamp, every dict column JSON (JSONB on PG).
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONValue}  # noqa: RUF012


class User(Base):
    """A practitioner, the one admin, or the local account of a home user (no password)."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        # At most one admin and one local account: a partial unique index on both engines.
        Index(
            "uq_users_single_role",
            "role",
            unique=True,
            sqlite_where=text("role IN ('admin', 'local')"),
            postgresql_where=text("role IN ('admin', 'local')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[datetime | None]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class LoginAttempt(Base):
    """Failed and successful logins, for rate limiting shared by every app process."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "at"),
        Index("ix_login_attempts_client_ip_at", "client_ip", "at"),
        Index("ix_login_attempts_device_at", "device", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    client_ip: Mapped[str | None] = mapped_column(String(45))
    # The trusted browser the attempt came from (its device id), None for any other.
    device: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime]
    succeeded: Mapped[bool]


class LoginSession(Base):
    """A server-side login session. ``id`` is a keyed hash of the cookie's token, so the
    table alone (a leaked backup, say) does not let anyone log in."""

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    user: Mapped[User] = relationship(lazy="joined")


class Client(Base):
    __tablename__ = "clients"
    __table_args__ = (
        Index("ix_clients_owner_id_name", "owner_id", "name"),
        # One "me" per account: the personal journal of a home user is a client of itself.
        Index(
            "uq_clients_self",
            "owner_id",
            unique=True,
            sqlite_where=text("is_self"),
            postgresql_where=text("is_self"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None]
    contact: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_given: Mapped[bool] = mapped_column(default=False)
    consent_at: Mapped[datetime | None]
    is_self: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Course(Base):
    """N sessions at a frequency. ``version`` makes concurrent edits fail instead of lose."""

    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint("sessions_planned > 0", name="planned_positive"),
        CheckConstraint("interval_days > 0", name="interval_positive"),
        CheckConstraint(
            "sessions_done >= 0 AND sessions_done <= sessions_planned", name="done_in_range"
        ),
        CheckConstraint(_in("status", COURSE_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    sessions_planned: Mapped[int]
    interval_days: Mapped[int]
    sessions_done: Mapped[int] = mapped_column(default=0)
    price_total_minor: Mapped[int | None]
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(12), default="active")
    started_on: Mapped[date]
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declaration


class Visit(Base):
    """One session with a client: screening, foot chart and the session record."""

    __tablename__ = "visits"
    __table_args__ = (
        # The timeline reads a client's visits in time order: this index answers it alone.
        Index("ix_visits_client_id_held_at", "client_id", "held_at"),
        CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before"),
        CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    held_at: Mapped[datetime]
    duration_minutes: Mapped[int | None]
    style: Mapped[str | None] = mapped_column(String(40))
    plan: Mapped[UsedPlan | None] = mapped_column(PlanJSON)
    subjective: Mapped[str] = mapped_column(Text, default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")
    plan_note: Mapped[str] = mapped_column(Text, default="")
    pain_before: Mapped[int | None] = mapped_column(SmallInteger)
    pain_after: Mapped[int | None] = mapped_column(SmallInteger)
    price_minor: Mapped[int | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"), index=True)
    signed_at: Mapped[datetime | None]
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    addenda: Mapped[list[Addendum]] = relationship(order_by="Addendum.id", lazy="selectin")


class Addendum(Base):
    """A dated change to a signed note; the original text stays as it was."""

    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


# A doctor's clearance is whole or absent: who and when together, a note only with them.
CLEARANCE_WHOLE = (
    "(cleared_by IS NULL AND cleared_on IS NULL AND clearance_note IS NULL)"
    " OR (cleared_by IS NOT NULL AND cleared_on IS NOT NULL)"
)


class Intake(Base):
    """The screening questionnaire of a visit, with the verdict and the knowledge-base version
    it was computed with (a later knowledge base may judge the same answers differently).

    A doctor's clearance of relative contraindications is stored with it: who cleared massage,
    on which day, a note; the conditions it covers are ``answers["cleared"]`` (what screening
    was given), so the clearance and the verdict it softened cannot disagree."""

    __tablename__ = "intakes"
    __table_args__ = (CheckConstraint(CLEARANCE_WHOLE, name="clearance_whole"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    answers: Mapped[dict[str, Any]]
    verdict: Mapped[str] = mapped_column(String(10))
    screening: Mapped[dict[str, Any]]
    kb_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cleared_by: Mapped[str | None] = mapped_column(String(200))
    cleared_on: Mapped[date | None]
    clearance_note: Mapped[str | None] = mapped_column(Text)

    @property
    def cleared(self) -> list[str]:
        """The conditions the doctor's clearance covers (none without a clearance)."""
        return [str(c) for c in self.answers.get("cleared") or ()]


class Finding(Base):
    """A mark on the foot chart. ``region`` is derived from ``target`` (a region or a zone)
    when it is stored, so pain per region over time needs no knowledge base to query."""

    __tablename__ = "findings"
    __table_args__ = (
        CheckConstraint(_in("side", SIDES), name="side"),
        CheckConstraint(_in("view", VIEWS), name="view"),
        CheckConstraint(_in("kind", FINDING_KINDS), name="kind"),
        CheckConstraint("intensity BETWEEN 0 AND 10", name="intensity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    target: Mapped[str] = mapped_column(String(60))
    region: Mapped[str] = mapped_column(String(30))
    side: Mapped[str] = mapped_column(String(5))
    view: Mapped[str] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(12))
    intensity: Mapped[int] = mapped_column(SmallInteger, default=0)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PriceItem(Base):
    """A line of a practitioner's price list."""

    __tablename__ = "price_items"
    __table_args__ = (
        Index("uq_price_items_owner_id_service", "owner_id", "service", unique=True),
        CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    service: Mapped[str] = mapped_column(String(200))
    style: Mapped[str | None] = mapped_column(String(40))
    minutes: Mapped[int | None]
    amount_minor: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """Who read or changed which client record, when. Append-only: no code path updates or
    deletes a row, and a trigger on each engine refuses UPDATE and DELETE."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_client_id_at", "client_id", "at"),
        Index("ix_audit_events_actor_id_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # Plain ids, no foreign keys: the log outlives what it mentions and never blocks a write.
    actor_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None]
    client_id: Mapped[int | None]
    detail: Mapped[str] = mapped_column(String(200), default="")
