"""One worker process's threads: an outbox relay, a reaper, and a consumer per queue."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from protea_adapters.logging.context import log_context
from protea_adapters.queue.factory import Broker
from protea_domain.jobs.errors import IllegalTransitionError
from protea_domain.jobs.query import JobCursor, JobQuery
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.message import Delivery, Disposition
from protea_domain.messaging.wire import job_message
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.clock import Clock
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.tracer import Tracer
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.handle_delivery import DeliveryHandler
from protea_domain.use_cases.reap_leases import reap_expired_leases
from protea_domain.use_cases.relay_outbox import relay_outbox
from protea_domain.use_cases.run_job import JobRunner

logger = logging.getLogger(__name__)


def with_log_context(
    handler: Callable[[Delivery], Disposition],
) -> Callable[[Delivery], Disposition]:
    """Every log line written while a delivery is handled carries its job and trace ids."""

    def logged(delivery: Delivery) -> Disposition:
        body = delivery.message.body
        job_id = body.get("job_id") or body.get("parent_id")
        traceparent = delivery.message.headers.get("traceparent", "")
        parts = traceparent.split("-")
        trace_id = parts[1] if len(parts) == 4 else None
        with log_context(job_id=job_id, trace_id=trace_id, message_id=delivery.message.message_id):
            return handler(delivery)

    return logged


def worker_identity(kind: str = "worker") -> str:
    return f"{kind}@{socket.gethostname()}:{os.getpid()}"


class ActiveJobs:
    """Ids of the jobs this process is running, for release on shutdown."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids: set[UUID] = set()

    def track(
        self, handler: Callable[[Delivery], Disposition]
    ) -> Callable[[Delivery], Disposition]:
        def tracked(delivery: Delivery) -> Disposition:
            job_id = delivery.message.body.get("job_id")
            key = UUID(job_id) if isinstance(job_id, str) and len(job_id) == 36 else None
            if key:
                with self._lock:
                    self._ids.add(key)
            try:
                return handler(delivery)
            finally:
                if key:
                    with self._lock:
                        self._ids.discard(key)

        return tracked

    def snapshot(self) -> list[UUID]:
        with self._lock:
            return sorted(self._ids)


@dataclass
class WorkerRuntime:
    uow_factory: UnitOfWorkFactory
    clock: Clock
    registry: OperationRegistry
    broker: Broker
    queues: Sequence[str]
    concurrency: int = 1
    lease: timedelta = timedelta(minutes=5)
    grace_seconds: float = 30.0
    relay_interval: float = 0.05
    worker: str = field(default_factory=worker_identity)
    recover_on_start: bool = False
    metrics: MetricsRecorder | None = None
    tracer: Tracer | None = None
    stop_event: threading.Event = field(default_factory=threading.Event)
    active: ActiveJobs = field(default_factory=ActiveJobs)
    _threads: list[threading.Thread] = field(default_factory=list)
    _consumers: list[threading.Thread] = field(default_factory=list)

    @property
    def runner(self) -> JobRunner:
        return JobRunner(
            self.uow_factory,
            self.clock,
            self.registry,
            self.worker,
            self.lease,
            metrics=self.metrics,
        )

    def start(self) -> None:
        self._declare_until_reachable()
        if self.recover_on_start:
            self._recover_queued_jobs()
        handler = self.active.track(with_log_context(DeliveryHandler(self.runner, self.tracer)))
        for queue in self.queues:
            consumer = threading.Thread(
                target=self._consume, args=(queue, handler), name=f"consume-{queue}", daemon=True
            )
            self._consumers.append(consumer)
        loops = [("relay", self._relay_loop), ("reaper", self._reap_loop)]
        for name, target in loops:
            self._threads.append(threading.Thread(target=target, name=name, daemon=True))
        for thread in [*self._threads, *self._consumers]:
            thread.start()
        logger.info("worker %s consuming %s", self.worker, ", ".join(self.queues))

    def _declare_until_reachable(self) -> None:
        """A worker may start before its broker: retry the topology with backoff (capped at
        15 s) until it is declared or the worker is told to stop."""
        delay = 0.5
        while True:
            try:
                self.broker.declare()
                return
            except Exception as exc:
                logger.warning("broker not reachable (%s); retrying in %.1f s", exc, delay)
                if self.stop_event.wait(delay):
                    return
                delay = min(15.0, delay * 2)

    def stop(self) -> list[UUID]:
        """Stop taking work; give running jobs `grace_seconds`, then release the ones left
        (requeued with a wake-up) so another worker picks them up at once. Returns the jobs
        whose handlers were still running (the caller may exit without waiting for them)."""
        self.stop_event.set()
        for consumer in self._consumers:
            consumer.join(self.grace_seconds + 5)
        still_running = self.active.snapshot()
        for job_id in still_running:
            try:
                job_lifecycle.requeue_job(
                    self.uow_factory(), self.clock, job_id, "worker stopped", owner=self.worker
                )
                logger.warning("released job %s at shutdown", job_id)
            except IllegalTransitionError:
                pass
        for thread in self._threads:
            thread.join(5)
        self._relay_once()
        return still_running

    def wait(self) -> None:
        while any(thread.is_alive() for thread in self._consumers):
            for consumer in self._consumers:
                consumer.join(0.5)

    def _consume(self, queue: str, handler: Callable[[Delivery], Disposition]) -> None:
        try:
            self.broker.consume(
                queue,
                handler,
                concurrency=self.concurrency,
                stop=self.stop_event,
                grace_seconds=self.grace_seconds,
            )
        except Exception:
            logger.exception("consumer of %s stopped", queue)
            self.stop_event.set()

    def _relay_once(self) -> int:
        try:
            return relay_outbox(self.uow_factory, self.broker, self.clock, tracer=self.tracer)
        except Exception:
            logger.exception("outbox relay failed")
            return 0

    def _relay_loop(self) -> None:
        while not self.stop_event.is_set():
            if self._relay_once() == 0:
                self.stop_event.wait(self.relay_interval)

    def _reap_loop(self) -> None:
        interval = max(0.5, self.lease.total_seconds() / 4)
        while not self.stop_event.wait(interval):
            try:
                report = reap_expired_leases(self.uow_factory, self.clock)
                if report.requeued or report.failed:
                    logger.warning(
                        "reaper requeued %d and failed %d jobs",
                        len(report.requeued),
                        len(report.failed),
                    )
            except Exception:
                logger.exception("reaper failed")

    def _recover_queued_jobs(self) -> None:
        """The in-process broker forgets its messages with its process: wake every queued job
        of our queues again (a duplicate wake-up is harmless)."""
        cursor = None
        while True:
            page = job_lifecycle.list_jobs(
                self.uow_factory(),
                JobQuery(statuses=frozenset({JobStatus.QUEUED}), limit=500, cursor=cursor),
            )
            for job in page.items:
                if job.queue in self.queues:
                    self.broker.publish(job_message(job.queue, job.id, job.attempts, {}))
            if page.next_cursor is None:
                return
            cursor = JobCursor.decode(page.next_cursor)
