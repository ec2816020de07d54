"""Building a worker runtime from a container."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from protea_adapters.containers import CoreContainer
from protea_entrypoints.worker.runtime import WorkerRuntime, worker_identity


def build_runtime(
    container: CoreContainer,
    queues: Sequence[str],
    *,
    concurrency: int = 1,
    grace_seconds: float = 30.0,
    kind: str = "worker",
) -> WorkerRuntime:
    settings = container.settings()
    return WorkerRuntime(
        uow_factory=container.unit_of_work,
        clock=container.clock(),
        registry=container.registry(),
        broker=container.broker(),
        queues=list(queues),
        concurrency=concurrency,
        lease=timedelta(seconds=settings.queue.lease_seconds),
        grace_seconds=grace_seconds,
        worker=worker_identity(kind),
        recover_on_start=settings.is_embedded,
        metrics=container.metrics(),
        tracer=container.tracer(),
    )
