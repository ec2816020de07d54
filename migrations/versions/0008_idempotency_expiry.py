"""An index on idempotency_keys.created_at: expired keys are purged by age on every keyed
submit, which must not scan the whole table.

Revision ID: 0008_idempotency_expiry
Revises: 0007_scoring_configs
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0008_idempotency_expiry"
down_revision = "0007_scoring_configs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
