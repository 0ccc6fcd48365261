"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no time zones and no JSON type; PostgreSQL has both. Timestamps are stored in UTC
and always come back as aware UTC datetimes on both engines, so backups and comparisons do not
depend on the engine or the server's time zone. Money is kept in integer hundredths (exact on
both engines; SQLite would store a Decimal as a float).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from plantar.practice.plan_document import UsedPlan, stored_plan

# JSONB on PostgreSQL (compact, indexable); JSON text on SQLite.
JSONValue: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


class PlanJSON(TypeDecorator[UsedPlan]):
    """A visit's plan: a ``UsedPlan`` in Python, its JSON document in the database (JSONB on
    PostgreSQL, JSON text on SQLite). What comes in was checked by ``read_plan``; what comes
    back is read by ``stored_plan`` (an old document it cannot read is kept, not dropped)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(JSONB() if dialect.name == "postgresql" else JSON())

    def process_bind_param(self, value: UsedPlan | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, UsedPlan):
            raise TypeError(f"a visit's plan is a UsedPlan, not {type(value).__name__}")
        return value.document()

    def process_result_value(self, value: Any, dialect: Dialect) -> UsedPlan | None:
        return None if value is None else stored_plan(value)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp with time zone that refuses naive datetimes and returns aware UTC ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware one (UTC)")
        value = value.astimezone(UTC)
        # SQLite would drop the offset anyway; storing naive UTC keeps its text sortable.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_minor(amount: Decimal) -> int:
    """Hundredths of the currency unit (kopecks, cents), exact."""
    return int((amount * 100).to_integral_exact())


def from_minor(minor: int | None) -> Decimal | None:
    return None if minor is None else (Decimal(minor) / 100).quantize(Decimal("0.01"))
