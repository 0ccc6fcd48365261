"""Login attempts remember the trusted browser they came from (a device cookie issued at a
successful login), so failures from elsewhere never lock that browser's owner out.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a constraint: SQLite adds it in place (no table copy, so the
    # triggers of 0001 and 0003 stay as they are; login_attempts has none).
    op.add_column("login_attempts", sa.Column("device", sa.String(64), nullable=True))
    op.create_index("ix_login_attempts_device_at", "login_attempts", ["device", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_attempts_device_at", table_name="login_attempts")
    with op.batch_alter_table("login_attempts") as batch:
        batch.drop_column("device")
