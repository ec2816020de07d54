"""Transactional outbox and batch children.

Revision ID: 0002_queue
Revises: 0001_jobs
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

revision = "0002_queue"
down_revision = "0001_jobs"
branch_labels = None
depends_on = None

AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", AutoId, autoincrement=True, nullable=False),
        sa.Column("queue", sa.String(128), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=False),
        sa.Column("body", JsonDocument, nullable=False),
        sa.Column("headers", JsonDocument, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("available_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime()),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index("ix_outbox_sent_at_available_at", "outbox", ["sent_at", "available_at"])
    op.create_table(
        "batch_children",
        sa.Column("parent_id", sa.Uuid(), nullable=False),
        sa.Column("child_key", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('running', 'succeeded', 'failed')", name=op.f("ck_batch_children_status")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["jobs.id"],
            name=op.f("fk_batch_children_parent_id_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("parent_id", "child_key", name=op.f("pk_batch_children")),
    )


def downgrade() -> None:
    op.drop_table("batch_children")
    op.drop_index("ix_outbox_sent_at_available_at", table_name="outbox")
    op.drop_table("outbox")
