"""Tables owned by the HTTP API: keys, idempotency, experiment runs, support, visitor hits.

Revision ID: 0004_api
Revises: 0003_biodata
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Registers the API tables on the shared metadata, so the schema-drift check sees them even
# before `protea_adapters.sqlalchemy` imports the module itself.
import protea_adapters.sqlalchemy.api_tables  # noqa: F401
from protea_adapters.sqlalchemy.types import UtcDateTime

revision = "0004_api"
down_revision = "0003_biodata"
branch_labels = None
depends_on = None

AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("prefix", sa.String(32), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime()),
        sa.Column("last_used_at", UtcDateTime()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("principal", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("resource_id", sa.Uuid()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("principal", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_table(
        "experiment_runs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("hypothesis", sa.Text()),
        sa.Column("findings", sa.Text()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'running', 'done', 'abandoned')",
            name=op.f("ck_experiment_runs_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiment_runs")),
        sa.UniqueConstraint("name", name=op.f("uq_experiment_runs_name")),
    )
    op.create_table(
        "experiment_run_jobs",
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["experiment_runs.id"],
            name=op.f("fk_experiment_run_jobs_run_id_experiment_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["jobs.id"],
            name=op.f("fk_experiment_run_jobs_job_id_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "job_id", name=op.f("pk_experiment_run_jobs")),
    )
    op.create_index("ix_experiment_run_jobs_job_id", "experiment_run_jobs", ["job_id"])
    op.create_table(
        "support_entries",
        sa.Column("id", AutoId, autoincrement=True, nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("comment", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_entries")),
    )
    op.create_table(
        "visitor_hits",
        sa.Column("id", AutoId, autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("visitor", sa.String(16), nullable=False),
        sa.Column("path", sa.String(255), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visitor_hits")),
    )
    op.create_index("ix_visitor_hits_day_visitor", "visitor_hits", ["day", "visitor"])


def downgrade() -> None:
    op.drop_index("ix_visitor_hits_day_visitor", table_name="visitor_hits")
    op.drop_table("visitor_hits")
    op.drop_table("support_entries")
    op.drop_index("ix_experiment_run_jobs_job_id", table_name="experiment_run_jobs")
    op.drop_table("experiment_run_jobs")
    op.drop_table("experiment_runs")
    op.drop_table("idempotency_keys")
    op.drop_table("api_keys")
