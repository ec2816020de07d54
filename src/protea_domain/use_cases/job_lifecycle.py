"""Submitting, moving, cancelling, commenting on and listing jobs."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from protea_domain.errors import InvalidInputError
from protea_domain.jobs import moves
from protea_domain.jobs.errors import (
    IllegalTransitionError,
    JobCancelledError,
    JobNotFinishedError,
    JobNotRunningError,
)
from protea_domain.jobs.job import Job, JobComment, JobEvent, JobEventKind
from protea_domain.jobs.moves import JobMove
from protea_domain.jobs.query import JobPage, JobQuery
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.outbox import OutboxEntry
from protea_domain.messaging.wire import job_message
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.clock import Clock
from protea_domain.ports.unit_of_work import UnitOfWork

MAX_TAG_LENGTH = 64
MAX_TAGS = 32
MAX_COMMENT_LENGTH = 10_000


@dataclass(frozen=True, slots=True)
class SubmitJob:
    operation: str
    payload: dict[str, Any] = field(default_factory=dict)
    description: str | None = None
    tags: tuple[str, ...] = ()
    parent_id: UUID | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    max_attempts: int = 3
    trace_headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class JobDetail:
    job: Job
    events: list[JobEvent]
    comments: list[JobComment]
    children: list[Job]


def _checked_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    if len(tags) > MAX_TAGS:
        raise InvalidInputError(f"at most {MAX_TAGS} tags", location="tags")
    for tag in tags:
        if not tag or len(tag) > MAX_TAG_LENGTH or tag != tag.strip():
            raise InvalidInputError(
                f"tag {tag!r} must be 1-{MAX_TAG_LENGTH} characters without outer spaces",
                location="tags",
            )
    return tuple(dict.fromkeys(tags))


def submit_job(
    uow: UnitOfWork, clock: Clock, registry: OperationRegistry, request: SubmitJob
) -> Job:
    """Validate and store a queued job with its `created` event, in one commit."""
    operation = registry.get(request.operation)
    if not isinstance(request.payload, dict):
        raise InvalidInputError("must be a JSON object", location="payload")
    if not 1 <= request.max_attempts <= 100:
        raise InvalidInputError("must be between 1 and 100", location="max_attempts")
    payload = operation.validate(dict(request.payload))
    now = clock.now()
    job = Job(
        id=uuid4(),
        operation=operation.name,
        queue=operation.queue,
        status=JobStatus.QUEUED,
        payload=payload,
        created_at=now,
        updated_at=now,
        meta=dict(request.meta),
        parent_id=request.parent_id,
        description=request.description,
        tags=_checked_tags(request.tags),
        max_attempts=request.max_attempts,
    )
    with uow:
        uow.jobs.add(job)
        uow.jobs.append_event(
            JobEvent(job.id, now, JobEventKind.CREATED, f"submitted {job.operation}")
        )
        message = job_message(job.queue, job.id, 0, dict(request.trace_headers))
        uow.outbox.add(OutboxEntry(message, now, now))
        uow.commit()
    return job


def move_with_event(uow: UnitOfWork, job_id: UUID, move: JobMove, message: str) -> Job:
    """Apply `move` and append its status event (from, to, error code) to the timeline."""
    if len(move.allowed_from) == 1:
        (source,) = move.allowed_from
    else:
        source = uow.jobs.get(job_id).status
    after = uow.jobs.move(job_id, move)
    fields: dict[str, Any] = {"from": source.value, "to": after.status.value}
    if after.error_code:
        fields["error_code"] = after.error_code
    uow.jobs.append_event(JobEvent(job_id, move.at, JobEventKind.STATUS, message, fields))
    return after


def claim_job(
    uow: UnitOfWork, clock: Clock, job_id: UUID, worker: str, lease: timedelta
) -> Job | None:
    """Move a queued job to running for `worker`; None when another claimant won or the job
    is no longer queued (a duplicate delivery). Raises `JobNotFoundError`."""
    with uow:
        try:
            job = move_with_event(
                uow, job_id, moves.claim(clock.now(), worker, lease), f"started by {worker}"
            )
        except IllegalTransitionError:
            return None
        uow.commit()
    return job


def report_progress(
    uow: UnitOfWork,
    clock: Clock,
    job_id: UUID,
    current: int,
    total: int | None,
    message: str | None = None,
) -> Job:
    """Record progress on a running job. Raises `JobCancelledError` when the job was cancelled
    (the caller must stop) and `JobNotRunningError` for any other non-running status."""
    if current < 0 or (total is not None and (total < 0 or current > total)):
        raise InvalidInputError(f"progress {current}/{total} out of range", location="progress")
    now = clock.now()
    with uow:
        job = uow.jobs.set_progress(job_id, current, total, now)
        if job.status is JobStatus.CANCELLED:
            raise JobCancelledError(job_id)
        if job.status is not JobStatus.RUNNING:
            raise JobNotRunningError(job_id, job.status)
        if message:
            fields = {"current": current, "total": total}
            uow.jobs.append_event(JobEvent(job_id, now, JobEventKind.PROGRESS, message, fields))
        uow.commit()
    return job


def record_job_event(
    uow: UnitOfWork, clock: Clock, job_id: UUID, message: str, fields: dict[str, Any]
) -> JobEvent:
    with uow:
        event = uow.jobs.append_event(
            JobEvent(job_id, clock.now(), JobEventKind.MESSAGE, message, fields)
        )
        uow.commit()
    return event


def succeed_job(
    uow: UnitOfWork,
    clock: Clock,
    job_id: UUID,
    result: dict[str, Any] | None = None,
    findings: str | None = None,
    owner: str | None = None,
) -> Job:
    """Running -> succeeded (only while `owner` holds the lease, when given). Raises
    `IllegalTransitionError` otherwise."""
    with uow:
        move = moves.succeed(clock.now(), result, findings, owner)
        job = move_with_event(uow, job_id, move, "succeeded")
        uow.commit()
    return job


def fail_job(
    uow: UnitOfWork,
    clock: Clock,
    job_id: UUID,
    code: str,
    message: str,
    owner: str | None = None,
) -> Job:
    """Running -> failed with an error code and message (only while `owner` holds the lease,
    when given). Raises `IllegalTransitionError`."""
    with uow:
        move = moves.fail(clock.now(), code, message, owner)
        job = move_with_event(uow, job_id, move, f"failed: {message}")
        uow.commit()
    return job


def requeue_job(
    uow: UnitOfWork,
    clock: Clock,
    job_id: UUID,
    reason: str,
    *,
    delay: timedelta = timedelta(0),
    owner: str | None = None,
    lease_expired_before: datetime | None = None,
    trace_headers: dict[str, str] | None = None,
) -> Job:
    """Running -> queued, with a wake-up published after `delay`, in one commit. The guards
    (`owner`, `lease_expired_before`) make the move conditional. Raises
    `IllegalTransitionError`."""
    now = clock.now()
    move = moves.requeue(now, owner, lease_expired_before)
    with uow:
        job = move_with_event(uow, job_id, move, f"requeued: {reason}")
        message = job_message(job.queue, job.id, job.attempts, trace_headers or {})
        uow.outbox.add(OutboxEntry(message, now, now + delay))
        uow.commit()
    return job


def cancel_job(uow: UnitOfWork, clock: Clock, job_id: UUID, reason: str | None = None) -> Job:
    """Cancel a queued or running job and, in the same commit, every queued or running
    descendant. A running job stops at its next progress point. Raises
    `IllegalTransitionError` if the job is already finished."""
    now = clock.now()
    with uow:
        job = move_with_event(uow, job_id, moves.cancel(now, reason), "cancelled")
        pending = uow.jobs.children(job_id)
        while pending:
            child = pending.pop()
            if not child.is_terminal:
                with contextlib.suppress(IllegalTransitionError):
                    move_with_event(
                        uow, child.id, moves.cancel(now, f"parent {job_id} cancelled"), "cancelled"
                    )
            pending.extend(uow.jobs.children(child.id))
        uow.commit()
    return job


def comment_on_job(
    uow: UnitOfWork, clock: Clock, job_id: UUID, author: str, body: str
) -> JobComment:
    if not body.strip() or len(body) > MAX_COMMENT_LENGTH:
        raise InvalidInputError(f"must be 1-{MAX_COMMENT_LENGTH} characters", location="body")
    if not author.strip():
        raise InvalidInputError("must not be empty", location="author")
    with uow:
        comment = uow.jobs.add_comment(JobComment(job_id, clock.now(), author, body))
        uow.commit()
    return comment


def delete_job(uow: UnitOfWork, job_id: UUID) -> None:
    """Delete a finished job with its timeline, comments and descendants. Raises
    `JobNotFoundError`, or `JobNotFinishedError` while it is queued or running."""
    with uow:
        if not uow.jobs.delete_finished(job_id):
            raise JobNotFinishedError(job_id, uow.jobs.get(job_id).status)
        uow.commit()


def list_jobs(uow: UnitOfWork, query: JobQuery) -> JobPage:
    with uow:
        return uow.jobs.find(query)


def get_job(uow: UnitOfWork, job_id: UUID) -> Job:
    with uow:
        return uow.jobs.get(job_id)


def get_job_detail(uow: UnitOfWork, job_id: UUID) -> JobDetail:
    with uow:
        job = uow.jobs.get(job_id)
        return JobDetail(
            job, uow.jobs.events(job_id), uow.jobs.comments(job_id), uow.jobs.children(job_id)
        )
