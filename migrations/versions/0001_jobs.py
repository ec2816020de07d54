"""Job tables (jobs, job_events, job_comments) and the pgvector extension on PostgreSQL.

Revision ID: 0001_jobs
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from protea_adapters.sqlalchemy.types import JsonDocument, TagList, UtcDateTime

revision = "0001_jobs"
down_revision = None
branch_labels = None
depends_on = None

AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("operation", sa.String(128), nullable=False),
        sa.Column("queue", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", JsonDocument, nullable=False),
        sa.Column("meta", JsonDocument, nullable=False),
        sa.Column("result", JsonDocument),
        sa.Column("progress_current", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer()),
        sa.Column("parent_id", sa.Uuid()),
        sa.Column("error_code", sa.String(64)),
        sa.Column("error_message", sa.Text()),
        sa.Column("description", sa.Text()),
        sa.Column("findings", sa.Text()),
        sa.Column("tags", TagList(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(255)),
        sa.Column("lease_expires_at", UtcDateTime()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("started_at", UtcDateTime()),
        sa.Column("finished_at", UtcDateTime()),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')",
            name=op.f("ck_jobs_status"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["jobs.id"], name=op.f("fk_jobs_parent_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index("ix_jobs_created_at_id", "jobs", ["created_at", "id"])
    op.create_index("ix_jobs_status_lease", "jobs", ["status", "lease_expires_at"])
    op.create_index("ix_jobs_operation", "jobs", ["operation"])
    op.create_index("ix_jobs_parent_id", "jobs", ["parent_id"])
    for table, columns in (
        (
            "job_events",
            [
                sa.Column("kind", sa.String(16), nullable=False),
                sa.Column("message", sa.Text(), nullable=False),
                sa.Column("fields", JsonDocument, nullable=False),
            ],
        ),
        (
            "job_comments",
            [
                sa.Column("author", sa.String(255), nullable=False),
                sa.Column("body", sa.Text(), nullable=False),
            ],
        ),
    ):
        op.create_table(
            table,
            sa.Column("id", AutoId, autoincrement=True, nullable=False),
            sa.Column("job_id", sa.Uuid(), nullable=False),
            sa.Column("at", UtcDateTime(), nullable=False),
            *columns,
            sa.ForeignKeyConstraint(
                ["job_id"], ["jobs.id"], name=op.f(f"fk_{table}_job_id_jobs"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(f"ix_{table}_job_id_id", table, ["job_id", "id"])


def downgrade() -> None:
    op.drop_table("job_comments")
    op.drop_table("job_events")
    op.drop_table("jobs")
