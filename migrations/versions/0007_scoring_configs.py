"""Named scoring configs (weights over prediction signals and evidence codes).

Revision ID: 0007_scoring_configs
Revises: 0006_embeddings
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Registers the table on the shared metadata for the schema-drift check.
from protea_adapters.sqlalchemy.embedding_tables import scoring_configs  # noqa: F401
from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

revision = "0007_scoring_configs"
down_revision = "0006_embeddings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scoring_configs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("config", JsonDocument, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_configs")),
        sa.UniqueConstraint("name", name=op.f("uq_scoring_configs_name")),
    )


def downgrade() -> None:
    op.drop_table("scoring_configs")
