"""Errors about jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from protea_domain.errors import ConflictError, DomainError, NotFoundError

if TYPE_CHECKING:
    from uuid import UUID

    from protea_domain.jobs.status import JobStatus


class JobNotFoundError(NotFoundError):
    code = "job_not_found"

    def __init__(self, job_id: UUID) -> None:
        super().__init__(f"job {job_id} not found")
        self.job_id = job_id


class IllegalTransitionError(ConflictError):
    """The job is not in a status from which the requested move is legal."""

    code = "illegal_transition"

    def __init__(self, job_id: UUID, current: JobStatus, target: JobStatus) -> None:
        super().__init__(f"job {job_id} cannot move from {current} to {target}")
        self.job_id = job_id
        self.current = current
        self.target = target


class JobCancelledError(DomainError):
    """Raised at a progress point of a running job that has been cancelled: stop cooperatively."""

    code = "job_cancelled"

    def __init__(self, job_id: UUID) -> None:
        super().__init__(f"job {job_id} was cancelled")
        self.job_id = job_id


class JobNotRunningError(ConflictError):
    """Progress or a heartbeat for a job that is not running (and not cancelled)."""

    code = "job_not_running"

    def __init__(self, job_id: UUID, current: JobStatus) -> None:
        super().__init__(f"job {job_id} is {current}, not running")
        self.job_id = job_id
        self.current = current


class JobNotFinishedError(ConflictError):
    """Only finished (succeeded, failed, cancelled) jobs may be deleted."""

    code = "job_not_finished"

    def __init__(self, job_id: UUID, current: JobStatus) -> None:
        super().__init__(f"job {job_id} is {current}; only finished jobs can be deleted")
        self.job_id = job_id
        self.current = current
