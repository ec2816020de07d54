"""The job entity, its append-only events and its comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from protea_domain.jobs.status import JobStatus


def utc(value: datetime) -> datetime:
    """`value` as UTC; naive datetimes are refused (their instant is unknown)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: timezone-aware values only")
    return value.astimezone(UTC)


def _normalise_times(entity: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(entity, name)
        if value is not None:
            object.__setattr__(entity, name, utc(value))


@dataclass(frozen=True, slots=True)
class Job:
    """A snapshot of one job as stored; changes go through the repository's conditional moves."""

    id: UUID
    operation: str
    queue: str
    status: JobStatus
    payload: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    meta: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] | None = None
    progress_current: int = 0
    progress_total: int | None = None
    parent_id: UUID | None = None
    error_code: str | None = None
    error_message: str | None = None
    description: str | None = None
    findings: str | None = None
    tags: tuple[str, ...] = ()
    attempts: int = 0
    max_attempts: int = 3
    lease_owner: str | None = None
    lease_expires_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def __post_init__(self) -> None:
        _normalise_times(
            self,
            ("created_at", "updated_at", "lease_expires_at", "started_at", "finished_at"),
        )

    @property
    def is_terminal(self) -> bool:
        return self.status.is_terminal


class JobEventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"
    PROGRESS = "progress"
    MESSAGE = "message"


@dataclass(frozen=True, slots=True)
class JobEvent:
    """One line of a job's timeline; never updated or deleted. `id` is assigned on append."""

    job_id: UUID
    at: datetime
    kind: JobEventKind
    message: str
    fields: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    def __post_init__(self) -> None:
        _normalise_times(self, ("at",))


@dataclass(frozen=True, slots=True)
class JobComment:
    job_id: UUID
    at: datetime
    author: str
    body: str
    id: int | None = None

    def __post_init__(self) -> None:
        _normalise_times(self, ("at",))
