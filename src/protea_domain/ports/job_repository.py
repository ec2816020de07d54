"""Job repository port."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from protea_domain.jobs.job import Job, JobComment, JobEvent
from protea_domain.jobs.moves import JobMove
from protea_domain.jobs.query import JobPage, JobQuery


class JobRepository(Protocol):
    """Jobs, their events and comments, inside the unit of work that owns this repository.

    Nothing is durable until the unit of work commits. Every datetime read back is
    timezone-aware UTC. Missing jobs raise `JobNotFoundError`.
    """

    def add(self, job: Job) -> None:
        """Insert a new job. Raises `ConflictError` if the id exists, `JobNotFoundError` if its
        parent does not exist. Not idempotent."""
        ...

    def get(self, job_id: UUID) -> Job:
        """The job as stored. Raises `JobNotFoundError`."""
        ...

    def find(self, query: JobQuery) -> JobPage:
        """Jobs matching `query`, newest first by (created_at, id), at most `query.limit`.
        Pages are stable: following `next_cursor` never repeats nor skips a job."""
        ...

    def children(self, parent_id: UUID) -> list[Job]:
        """Direct children of a job, oldest first. Empty if none (even for an unknown parent)."""
        ...

    def move(self, job_id: UUID, move: JobMove) -> Job:
        """Apply `move` as one conditional update (status in `move.allowed_from`) and return the
        job after it. Raises `JobNotFoundError`, or `IllegalTransitionError` with the status
        found when the condition does not hold (including losing a race)."""
        ...

    def delete_finished(self, job_id: UUID) -> bool:
        """Delete a job in a terminal status with its events, comments, batch children and
        descendants, as one conditional statement; False (nothing deleted) when the job is
        not finished. Raises `JobNotFoundError`."""
        ...

    def set_progress(self, job_id: UUID, current: int, total: int | None, at: datetime) -> Job:
        """Record progress if the job is running (conditional update); return the job as stored
        after the call, whatever its status. Raises `JobNotFoundError`."""
        ...

    def add_progress(self, job_id: UUID, increment: int, at: datetime) -> Job:
        """Atomically add `increment` to the progress of a running job (concurrent callers never
        lose an update); return the job as stored after the call. Raises `JobNotFoundError`."""
        ...

    def extend_lease(self, job_id: UUID, worker: str, until: datetime) -> bool:
        """Push the lease of a job running for `worker` to `until`; False if the job is no
        longer running for that worker (cancelled, reaped, finished)."""
        ...

    def release_lease(self, job_id: UUID) -> None:
        """Clear the lease of a running job that now waits for its children: the reaper leaves
        it alone, the last child closes it."""
        ...

    def expired_leases(self, now: datetime, limit: int) -> list[Job]:
        """Running jobs whose lease expired before `now`, oldest lease first."""
        ...

    def append_event(self, event: JobEvent) -> JobEvent:
        """Append to the job's timeline and return the event with its id. Append-only.
        Raises `JobNotFoundError`."""
        ...

    def events(self, job_id: UUID) -> list[JobEvent]:
        """The job's timeline in append order. Raises `JobNotFoundError`."""
        ...

    def add_comment(self, comment: JobComment) -> JobComment:
        """Attach a comment and return it with its id. Raises `JobNotFoundError`."""
        ...

    def comments(self, job_id: UUID) -> list[JobComment]:
        """Comments in the order they were added. Raises `JobNotFoundError`."""
        ...
