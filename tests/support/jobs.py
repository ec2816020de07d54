"""Builders for job tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from protea_domain.jobs import moves
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.ports.unit_of_work import UnitOfWork

T0 = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


def make_job(
    *,
    created_at: datetime = T0,
    operation: str = "ping",
    tags: tuple[str, ...] = (),
    parent_id: UUID | None = None,
    **overrides: Any,
) -> Job:
    return Job(
        id=overrides.pop("id", uuid4()),
        operation=operation,
        queue="protea.ping",
        status=overrides.pop("status", JobStatus.QUEUED),
        payload=overrides.pop("payload", {"sleep_seconds": 0.0}),
        created_at=created_at,
        updated_at=created_at,
        tags=tags,
        parent_id=parent_id,
        **overrides,
    )


def store(uow: UnitOfWork, *jobs: Job) -> None:
    with uow:
        for job in jobs:
            uow.jobs.add(job)
        uow.commit()


def bring_to(uow: UnitOfWork, job_id: UUID, status: JobStatus) -> None:
    """Walk a queued job along legal moves to `status`."""
    at = T0 + timedelta(seconds=1)
    path = {
        JobStatus.QUEUED: [],
        JobStatus.RUNNING: [moves.claim(at, "w", timedelta(minutes=1))],
        JobStatus.SUCCEEDED: [
            moves.claim(at, "w", timedelta(minutes=1)),
            moves.succeed(at, {}, None),
        ],
        JobStatus.FAILED: [moves.claim(at, "w", timedelta(minutes=1)), moves.fail(at, "x", "y")],
        JobStatus.CANCELLED: [moves.cancel(at, None)],
    }[status]
    with uow:
        for move in path:
            uow.jobs.move(job_id, move)
        uow.commit()
