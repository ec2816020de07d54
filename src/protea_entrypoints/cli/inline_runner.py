"""Embedded workers inside a CLI process when no broker is configured."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from protea_adapters.containers import CliContainer
from protea_domain.messaging.queues import WORK_QUEUES
from protea_entrypoints.worker.build import build_runtime


@contextmanager
def embedded_workers(container: CliContainer) -> Iterator[None]:
    """On the embedded default, run a worker over every queue while the block runs; with a
    broker configured, do nothing (the deployment's workers do the work)."""
    if not container.settings().is_embedded:
        yield
        return
    runtime = build_runtime(container, WORK_QUEUES, concurrency=2, grace_seconds=5.0, kind="cli")
    runtime.start()
    try:
        yield
    finally:
        runtime.stop()
