"""Tables owned by the HTTP API, on the shared `metadata` (migration 0004_api)."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Uuid,
)

from protea_adapters.sqlalchemy.tables import AutoId, metadata
from protea_adapters.sqlalchemy.types import UtcDateTime

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("prefix", String(32), nullable=False, unique=True),
    Column("digest", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    Column("last_used_at", UtcDateTime),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("principal", String(64), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("resource_id", Uuid()),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_idempotency_keys_created_at", "created_at"),
)

experiment_runs = Table(
    "experiment_runs",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("description", Text),
    Column("hypothesis", Text),
    Column("findings", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("status IN ('planned', 'running', 'done', 'abandoned')", name="status"),
)

experiment_run_jobs = Table(
    "experiment_run_jobs",
    metadata,
    Column(
        "run_id",
        Uuid(),
        ForeignKey("experiment_runs.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("job_id", Uuid(), ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_experiment_run_jobs_job_id", "job_id"),
)

support_entries = Table(
    "support_entries",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("comment", Text),
)

visitor_hits = Table(
    "visitor_hits",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False),
    Column("visitor", String(16), nullable=False),
    Column("path", String(255), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_visitor_hits_day_visitor", "day", "visitor"),
)
