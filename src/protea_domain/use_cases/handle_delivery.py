"""What a worker does with one delivery: run the job it wakes, or one batch child."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.jobs import moves
from protea_domain.jobs.batch import ChildStatus
from protea_domain.jobs.errors import IllegalTransitionError, JobCancelledError, JobNotFoundError
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.message import Delivery, Disposition
from protea_domain.messaging.outbox import OutboxEntry
from protea_domain.messaging.wire import (
    ChildOperation,
    JobWakeUp,
    UndecodableMessageError,
    child_message,
    decode,
)
from protea_domain.operations.errors import UnknownOperationError
from protea_domain.ports.tracer import Tracer
from protea_domain.ports.unit_of_work import UnitOfWork
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.run_job import PERMANENT_ERRORS, JobRunner

logger = logging.getLogger(__name__)

CHILDREN_FAILED = "children_failed"
ATTEMPTS_EXHAUSTED = "attempts_exhausted"


@dataclass(slots=True)
class ChildContext:
    """The `OperationContext` of a batch child: progress points check the parent's status."""

    runner: JobRunner
    parent_id: UUID

    @property
    def job_id(self) -> UUID:
        return self.parent_id

    def progress(self, current: int, total: int | None = None, message: str | None = None) -> None:
        if self.is_cancelled():
            raise JobCancelledError(self.parent_id)

    def event(self, message: str, **fields: Any) -> None:
        job_lifecycle.record_job_event(
            self.runner.uow_factory(), self.runner.clock, self.parent_id, message, fields
        )

    def is_cancelled(self) -> bool:
        parent = job_lifecycle.get_job(self.runner.uow_factory(), self.parent_id)
        return parent.status is not JobStatus.RUNNING

    def publish_children(self, queue: str, operation: str, payloads: list[dict[str, Any]]) -> None:
        raise InvalidInputError("batch children cannot fan out further", location="operation")


@dataclass(frozen=True, slots=True)
class DeliveryHandler:
    """Settles every delivery: ACK once its outcome is committed (or it is a duplicate),
    DEAD_LETTER when no worker can use it (undecodable, unknown operation, attempts spent).
    Storage failures propagate, so the consumer requeues the delivery."""

    runner: JobRunner
    tracer: Tracer | None = None

    def __call__(self, delivery: Delivery) -> Disposition:
        if self.tracer is None:
            return self._handle(delivery)
        with self.tracer.span(f"consume {delivery.message.queue}", delivery.message.headers):
            return self._handle(delivery)

    def _handle(self, delivery: Delivery) -> Disposition:
        try:
            decoded = decode(delivery.message)
        except UndecodableMessageError as exc:
            logger.error("dead-lettering %s: %s", delivery.message.message_id, exc)
            return Disposition.DEAD_LETTER
        if isinstance(decoded, JobWakeUp):
            return self._wake(decoded, delivery)
        return self._child(decoded, delivery)

    def _known(self, operation: str, message_id: str) -> bool:
        try:
            self.runner.registry.get(operation)
        except UnknownOperationError as exc:
            logger.error("dead-lettering %s: %s", message_id, exc)
            return False
        return True

    def _wake(self, wake: JobWakeUp, delivery: Delivery) -> Disposition:
        try:
            job = job_lifecycle.get_job(self.runner.uow_factory(), wake.job_id)
        except JobNotFoundError:
            logger.warning("dropping %s: job does not exist", delivery.message.message_id)
            return Disposition.ACK
        if job.status is not JobStatus.QUEUED:
            return Disposition.ACK
        if not self._known(job.operation, delivery.message.message_id):
            return Disposition.DEAD_LETTER
        self.runner.run(job.id, delivery.message.headers)
        return Disposition.ACK

    def _child(self, child: ChildOperation, delivery: Delivery) -> Disposition:
        runner = self.runner
        try:
            parent = job_lifecycle.get_job(runner.uow_factory(), child.parent_id)
        except JobNotFoundError:
            logger.warning("dropping %s: parent does not exist", delivery.message.message_id)
            return Disposition.ACK
        if parent.is_terminal:
            return Disposition.ACK
        if not self._known(child.operation, delivery.message.message_id):
            return Disposition.DEAD_LETTER
        with runner.uow_factory() as uow:
            record = uow.batches.start(child.parent_id, child.child_key, runner.clock.now())
            uow.commit()
        if record.status.is_final:
            return Disposition.ACK
        if record.attempts > parent.max_attempts:
            self._settle(child, ChildStatus.FAILED, f"{ATTEMPTS_EXHAUSTED}: {record.attempts - 1}")
            return Disposition.DEAD_LETTER
        try:
            operation = runner.registry.get(child.operation)
            operation.execute(
                operation.validate(dict(child.payload)), ChildContext(runner, parent.id)
            )
        except JobCancelledError:
            return Disposition.ACK
        except PERMANENT_ERRORS as exc:
            self._settle(child, ChildStatus.FAILED, f"{exc.code}: {exc}")
            return Disposition.ACK
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            if record.attempts >= parent.max_attempts:
                self._settle(child, ChildStatus.FAILED, f"{error} (attempt {record.attempts})")
                return Disposition.DEAD_LETTER
            self._retry_later(child, delivery, record.attempts, error)
            return Disposition.ACK
        self._settle(child, ChildStatus.SUCCEEDED, None)
        return Disposition.ACK

    def _retry_later(
        self, child: ChildOperation, delivery: Delivery, attempt: int, error: str
    ) -> None:
        runner = self.runner
        now = runner.clock.now()
        message = child_message(delivery.message.queue, child, delivery.message.headers)
        retry = type(message)(
            message.queue, message.body, f"{message.message_id}:retry{attempt}", message.headers
        )
        logger.warning(
            "child %s of %s failed (%s); retrying", child.child_key, child.parent_id, error
        )
        with runner.uow_factory() as uow:
            uow.outbox.add(OutboxEntry(retry, now, now + runner.retry.delay(attempt)))
            uow.commit()

    def _settle(self, child: ChildOperation, status: ChildStatus, error: str | None) -> None:
        """Record the child's outcome, count it on the parent and close the parent after the
        last child, all in one commit and exactly once."""
        runner = self.runner
        now = runner.clock.now()
        with runner.uow_factory() as uow:
            if not uow.batches.finish(child.parent_id, child.child_key, status, error, now):
                return
            parent = uow.jobs.add_progress(child.parent_id, 1, now)
            total = parent.progress_total
            if total is not None and parent.progress_current >= total:
                _close_parent(uow, parent, total, now)
            uow.commit()


def _close_parent(uow: UnitOfWork, parent: Job, total: int, now: datetime) -> None:
    counts = uow.batches.counts(parent.id)
    result = {"children": total, "succeeded": counts.succeeded, "failed": counts.failed}
    if counts.failed == total:
        move = moves.fail(now, CHILDREN_FAILED, f"all {total} children failed")
    else:
        findings = f"{counts.failed} of {total} children failed" if counts.failed else None
        move = moves.succeed(now, result, findings)
    try:
        job_lifecycle.move_with_event(uow, parent.id, move, f"children done: {result}")
    except IllegalTransitionError:
        logger.info("parent %s already closed", parent.id)
