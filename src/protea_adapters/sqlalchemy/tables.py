"""Table definitions: the single source the migrations are checked against."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)

from protea_adapters.sqlalchemy.types import JsonDocument, TagList, UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

AutoId = BigInteger().with_variant(Integer(), "sqlite")

jobs = Table(
    "jobs",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("operation", String(128), nullable=False),
    Column("queue", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("payload", JsonDocument, nullable=False),
    Column("meta", JsonDocument, nullable=False),
    Column("result", JsonDocument),
    Column("progress_current", Integer, nullable=False),
    Column("progress_total", Integer),
    Column("parent_id", Uuid(), ForeignKey("jobs.id", ondelete="CASCADE")),
    Column("error_code", String(64)),
    Column("error_message", Text),
    Column("description", Text),
    Column("findings", Text),
    Column("tags", TagList, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("max_attempts", Integer, nullable=False),
    Column("lease_owner", String(255)),
    Column("lease_expires_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("started_at", UtcDateTime),
    Column("finished_at", UtcDateTime),
    CheckConstraint(
        "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="status"
    ),
    Index("ix_jobs_created_at_id", "created_at", "id"),
    Index("ix_jobs_status_lease", "status", "lease_expires_at"),
    Index("ix_jobs_operation", "operation"),
    Index("ix_jobs_parent_id", "parent_id"),
)

job_events = Table(
    "job_events",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("job_id", Uuid(), ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("fields", JsonDocument, nullable=False),
    Index("ix_job_events_job_id_id", "job_id", "id"),
)

job_comments = Table(
    "job_comments",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("job_id", Uuid(), ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("author", String(255), nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_job_comments_job_id_id", "job_id", "id"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("queue", String(128), nullable=False),
    Column("message_id", String(255), nullable=False),
    Column("body", JsonDocument, nullable=False),
    Column("headers", JsonDocument, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("available_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Index("ix_outbox_sent_at_available_at", "sent_at", "available_at"),
)

batch_children = Table(
    "batch_children",
    metadata,
    Column(
        "parent_id",
        Uuid(),
        ForeignKey("jobs.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("child_key", String(255), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("status IN ('running', 'succeeded', 'failed')", name="status"),
)
