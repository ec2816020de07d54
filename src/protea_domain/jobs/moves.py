"""The state changes a job may undergo, each expressed as one conditional move for storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from protea_domain.jobs.status import JobStatus, legal_sources

MOVABLE_FIELDS = frozenset(
    {
        "error_code",
        "error_message",
        "findings",
        "lease_owner",
        "lease_expires_at",
        "started_at",
        "finished_at",
        "result",
    }
)


@dataclass(frozen=True, slots=True)
class JobMove:
    """Move a job to `target` only if its stored status is in `allowed_from`, in one update.

    `updates` sets the named fields (a subset of MOVABLE_FIELDS).
    Guards narrow the condition: `expected_owner` (the lease holder must be this worker) and
    `lease_expired_before` (the lease must have expired before this instant).
    """

    target: JobStatus
    at: datetime
    allowed_from: frozenset[JobStatus]
    updates: dict[str, Any] = field(default_factory=dict)
    increment_attempts: bool = False
    expected_owner: str | None = None
    lease_expired_before: datetime | None = None

    def __post_init__(self) -> None:
        unknown = set(self.updates) - MOVABLE_FIELDS
        if unknown:
            raise ValueError(f"fields not movable: {sorted(unknown)}")
        illegal = self.allowed_from - legal_sources(self.target)
        if illegal:
            raise ValueError(f"{sorted(illegal)} -> {self.target} is not a legal move")


def claim(at: datetime, worker: str, lease: timedelta) -> JobMove:
    return JobMove(
        JobStatus.RUNNING,
        at,
        frozenset({JobStatus.QUEUED}),
        {"lease_owner": worker, "lease_expires_at": at + lease, "started_at": at},
        increment_attempts=True,
    )


def succeed(
    at: datetime,
    result: dict[str, Any] | None,
    findings: str | None,
    owner: str | None = None,
) -> JobMove:
    updates: dict[str, Any] = {"finished_at": at, "lease_owner": None, "lease_expires_at": None}
    if result is not None:
        updates["result"] = result
    if findings is not None:
        updates["findings"] = findings
    return JobMove(
        JobStatus.SUCCEEDED, at, frozenset({JobStatus.RUNNING}), updates, expected_owner=owner
    )


def fail(
    at: datetime,
    code: str,
    message: str,
    owner: str | None = None,
    lease_expired_before: datetime | None = None,
) -> JobMove:
    return JobMove(
        JobStatus.FAILED,
        at,
        frozenset({JobStatus.RUNNING}),
        {
            "finished_at": at,
            "error_code": code,
            "error_message": message,
            "lease_owner": None,
            "lease_expires_at": None,
        },
        expected_owner=owner,
        lease_expired_before=lease_expired_before,
    )


def cancel(at: datetime, reason: str | None) -> JobMove:
    updates: dict[str, Any] = {"finished_at": at, "lease_owner": None, "lease_expires_at": None}
    if reason:
        updates["error_code"] = "cancelled"
        updates["error_message"] = reason
    return JobMove(JobStatus.CANCELLED, at, legal_sources(JobStatus.CANCELLED), updates)


def requeue(
    at: datetime, owner: str | None = None, lease_expired_before: datetime | None = None
) -> JobMove:
    return JobMove(
        JobStatus.QUEUED,
        at,
        frozenset({JobStatus.RUNNING}),
        {"lease_owner": None, "lease_expires_at": None},
        expected_owner=owner,
        lease_expired_before=lease_expired_before,
    )
