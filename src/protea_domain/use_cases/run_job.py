"""Running one job: claim it, execute its operation with a context, record the outcome."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.jobs.errors import IllegalTransitionError, JobCancelledError
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.operations.errors import OperationFailedError
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.clock import Clock
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases import job_lifecycle

logger = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=5)


@dataclass(slots=True)
class JobRunContext:
    """The `OperationContext` of one running job; each call commits on its own."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    _job_id: UUID

    @property
    def job_id(self) -> UUID:
        return self._job_id

    def progress(self, current: int, total: int | None = None, message: str | None = None) -> None:
        job_lifecycle.report_progress(
            self.uow_factory(), self.clock, self._job_id, current, total, message
        )

    def event(self, message: str, **fields: Any) -> None:
        job_lifecycle.record_job_event(
            self.uow_factory(), self.clock, self._job_id, message, fields
        )

    def is_cancelled(self) -> bool:
        job = job_lifecycle.get_job(self.uow_factory(), self._job_id)
        return job.status is JobStatus.CANCELLED


def run_job(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    registry: OperationRegistry,
    job_id: UUID,
    worker: str,
    lease: timedelta = DEFAULT_LEASE,
) -> Job | None:
    """Claim and run a queued job to its outcome. Returns None when the job was not claimable
    (duplicate delivery, cancelled, finished), else the job as stored after the outcome.
    Unexpected exceptions fail the job with code `unexpected_error`; they are not re-raised."""
    job = job_lifecycle.claim_job(uow_factory(), clock, job_id, worker, lease)
    if job is None:
        return None
    try:
        operation = registry.get(job.operation)
        payload = operation.validate(dict(job.payload))
        result = operation.execute(payload, JobRunContext(uow_factory, clock, job_id))
    except JobCancelledError:
        return job_lifecycle.get_job(uow_factory(), job_id)
    except (InvalidInputError, OperationFailedError) as exc:
        return _finish(uow_factory, clock, job_id, exc.code, str(exc))
    except Exception as exc:
        logger.exception("job %s raised", job_id)
        return _finish(
            uow_factory, clock, job_id, "unexpected_error", f"{type(exc).__name__}: {exc}"
        )
    try:
        return job_lifecycle.succeed_job(uow_factory(), clock, job_id, result)
    except IllegalTransitionError:
        return job_lifecycle.get_job(uow_factory(), job_id)


def _finish(
    uow_factory: UnitOfWorkFactory, clock: Clock, job_id: UUID, code: str, message: str
) -> Job:
    try:
        return job_lifecycle.fail_job(uow_factory(), clock, job_id, code, message)
    except IllegalTransitionError:
        return job_lifecycle.get_job(uow_factory(), job_id)
