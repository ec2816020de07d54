"""Running one job: claim it, execute its operation while holding a lease, record the outcome."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from uuid import UUID

from protea_domain.errors import InvalidInputError, RetryableError, StorageError
from protea_domain.jobs.errors import IllegalTransitionError, JobCancelledError, JobNotRunningError
from protea_domain.jobs.job import Job, JobEvent, JobEventKind
from protea_domain.jobs.retry import RetryPolicy
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.outbox import OutboxEntry
from protea_domain.messaging.wire import ChildOperation, child_message
from protea_domain.operations.errors import OperationFailedError
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.clock import Clock
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases import job_lifecycle

logger = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=5)
DEFAULT_RETRY = RetryPolicy()
PROGRESS_INTERVAL = 0.25
PERMANENT_ERRORS = (InvalidInputError, OperationFailedError)
RETRYABLE_ERRORS = (RetryableError, StorageError)


class LeaseLostError(Exception):
    """This worker no longer holds the job (reaped and requeued): stop without an outcome."""


@dataclass(slots=True)
class JobRunContext:
    """The `OperationContext` of one running job; each call commits on its own."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    job: Job
    worker: str
    trace_headers: dict[str, str] = field(default_factory=dict)
    children_published: bool = False
    _last_write: float = field(default_factory=time.monotonic)

    @property
    def job_id(self) -> UUID:
        return self.job.id

    def progress(self, current: int, total: int | None = None, message: str | None = None) -> None:
        """Progress is written (and cancellation checked) at most every PROGRESS_INTERVAL
        seconds from the claim on, and always for a message or the last step."""
        now = time.monotonic()
        final = total is not None and current >= total
        if not message and not final and now - self._last_write < PROGRESS_INTERVAL:
            return
        self._last_write = now
        try:
            job = job_lifecycle.report_progress(
                self.uow_factory(), self.clock, self.job.id, current, total, message
            )
        except JobNotRunningError as exc:
            raise LeaseLostError(str(exc)) from exc
        if job.lease_owner != self.worker:
            raise LeaseLostError(f"job {job.id} is now held by {job.lease_owner}")

    def event(self, message: str, **fields: Any) -> None:
        job_lifecycle.record_job_event(self.uow_factory(), self.clock, self.job.id, message, fields)

    def is_cancelled(self) -> bool:
        job = job_lifecycle.get_job(self.uow_factory(), self.job.id)
        return job.status is JobStatus.CANCELLED

    def publish_children(self, queue: str, operation: str, payloads: list[dict[str, Any]]) -> None:
        if self.children_published:
            raise RuntimeError("children may be published once per run")
        now = self.clock.now()
        with self.uow_factory() as uow:
            uow.jobs.set_progress(self.job.id, 0, len(payloads), now)
            for index, payload in enumerate(payloads):
                child = ChildOperation(self.job.id, str(index), operation, payload)
                entry = OutboxEntry(child_message(queue, child, self.trace_headers), now, now)
                uow.outbox.add(entry)
            uow.jobs.append_event(
                JobEvent(
                    self.job.id,
                    now,
                    JobEventKind.MESSAGE,
                    f"published {len(payloads)} {operation} children on {queue}",
                    {"children": len(payloads)},
                )
            )
            uow.commit()
        self.children_published = True


class _Heartbeat:
    """Extends the lease every `interval` while the job runs, from a daemon thread."""

    def __init__(self, runner: JobRunner, job_id: UUID) -> None:
        self._runner = runner
        self._job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        runner = self._runner
        while not self._stop.wait(runner.heartbeat_seconds):
            try:
                until = runner.clock.now() + runner.lease
                with runner.uow_factory() as uow:
                    held = uow.jobs.extend_lease(self._job_id, runner.worker, until)
                    uow.commit()
                if not held:
                    return
            except Exception:
                logger.warning("heartbeat for job %s failed", self._job_id, exc_info=True)


@dataclass(frozen=True, slots=True)
class JobRunner:
    """Claims and runs jobs for one worker identity."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    registry: OperationRegistry
    worker: str
    lease: timedelta = DEFAULT_LEASE
    retry: RetryPolicy = DEFAULT_RETRY
    metrics: MetricsRecorder | None = None

    @property
    def heartbeat_seconds(self) -> float:
        return self.lease.total_seconds() / 3

    def run(self, job_id: UUID, trace_headers: dict[str, str] | None = None) -> Job | None:
        """See `_run`; also reports terminal outcomes to `metrics`."""
        started = time.monotonic()
        job = self._run(job_id, trace_headers)
        if job is None:
            return None
        seconds = time.monotonic() - started
        logger.info(
            "job %s %s after %.3f s",
            job.id,
            job.status.value,
            seconds,
            extra={"operation": job.operation, "status": job.status.value, "attempt": job.attempts},
        )
        if job.is_terminal and self.metrics is not None:
            self.metrics.job_finished(job.operation, job.status.value, seconds)
        return job

    def _run(self, job_id: UUID, trace_headers: dict[str, str] | None) -> Job | None:
        """Claim and run a queued job to its outcome. Returns None when the job was not
        claimable (duplicate delivery, cancelled, finished) or this worker lost it; otherwise
        the job as stored afterwards. Permanent errors fail the job; retryable and unexpected
        ones requeue it with backoff until its attempts are spent, then fail it. Nothing
        raised by the operation escapes."""
        job = job_lifecycle.claim_job(
            self.uow_factory(), self.clock, job_id, self.worker, self.lease
        )
        if job is None:
            return None
        context = JobRunContext(self.uow_factory, self.clock, job, self.worker, trace_headers or {})
        try:
            with _Heartbeat(self, job_id):
                operation = self.registry.get(job.operation)
                result = operation.execute(operation.validate(dict(job.payload)), context)
        except (JobCancelledError, LeaseLostError):
            return job_lifecycle.get_job(self.uow_factory(), job_id)
        except PERMANENT_ERRORS as exc:
            return self._fail(job, exc.code, str(exc))
        except Exception as exc:
            if not isinstance(exc, RETRYABLE_ERRORS):
                logger.exception("job %s raised", job_id)
            return self._retry_or_fail(job, exc, trace_headers or {})
        if context.children_published:
            return self._await_children(job)
        try:
            return job_lifecycle.succeed_job(
                self.uow_factory(), self.clock, job_id, result, owner=self.worker
            )
        except IllegalTransitionError:
            return job_lifecycle.get_job(self.uow_factory(), job_id)

    def _await_children(self, job: Job) -> Job:
        current = job_lifecycle.get_job(self.uow_factory(), job.id)
        if current.progress_total == 0 and current.status is JobStatus.RUNNING:
            try:
                return job_lifecycle.succeed_job(
                    self.uow_factory(), self.clock, job.id, {"children": 0}, owner=self.worker
                )
            except IllegalTransitionError:
                return job_lifecycle.get_job(self.uow_factory(), job.id)
        with self.uow_factory() as uow:
            uow.jobs.release_lease(job.id)
            uow.commit()
            return uow.jobs.get(job.id)

    def _fail(self, job: Job, code: str, message: str) -> Job:
        try:
            return job_lifecycle.fail_job(
                self.uow_factory(), self.clock, job.id, code, message, owner=self.worker
            )
        except IllegalTransitionError:
            return job_lifecycle.get_job(self.uow_factory(), job.id)

    def _retry_or_fail(self, job: Job, exc: Exception, trace_headers: dict[str, str]) -> Job:
        code = getattr(exc, "code", "unexpected_error")
        message = f"{type(exc).__name__}: {exc}"
        if job.attempts >= job.max_attempts:
            return self._fail(
                job, code, f"{message} (attempt {job.attempts} of {job.max_attempts})"
            )
        try:
            return job_lifecycle.requeue_job(
                self.uow_factory(),
                self.clock,
                job.id,
                f"{message} (attempt {job.attempts} of {job.max_attempts})",
                delay=self.retry.delay(job.attempts),
                owner=self.worker,
                trace_headers=trace_headers,
            )
        except IllegalTransitionError:
            return job_lifecycle.get_job(self.uow_factory(), job.id)


def run_job(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    registry: OperationRegistry,
    job_id: UUID,
    worker: str,
    lease: timedelta = DEFAULT_LEASE,
) -> Job | None:
    """`JobRunner(...).run(job_id)` for callers that run a single job."""
    return JobRunner(uow_factory, clock, registry, worker, lease).run(job_id)
