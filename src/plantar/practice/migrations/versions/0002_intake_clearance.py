"""A doctor's clearance with the intake: who cleared massage, on which day, and a note (the
conditions it covers are in the intake's answers, as screening was given them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copy of the rule (models.CLEARANCE_WHOLE may change later; this migration may not).
CLEARANCE_WHOLE = (
    "(cleared_by IS NULL AND cleared_on IS NULL AND clearance_note IS NULL)"
    " OR (cleared_by IS NOT NULL AND cleared_on IS NOT NULL)"
)


def upgrade() -> None:
    # Batch mode: SQLite cannot add a CHECK constraint in place, so the table is copied;
    # PostgreSQL alters it directly. Existing intakes have no clearance (all NULL).
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("cleared_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("cleared_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("clearance_note", sa.Text(), nullable=True))
        batch.create_check_constraint(op.f("ck_intakes_clearance_whole"), CLEARANCE_WHOLE)


def downgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.drop_constraint(op.f("ck_intakes_clearance_whole"), type_="check")
        batch.drop_column("clearance_note")
        batch.drop_column("cleared_on")
        batch.drop_column("cleared_by")
