"""Running operations as jobs on in-memory job storage (what a worker does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from protea_adapters.clock import ManualClock
from protea_adapters.memory.store import MemoryStore
from protea_adapters.memory.unit_of_work import MemoryUnitOfWork
from protea_domain.jobs.job import Job
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.operation import Operation
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.run_job import run_job
from tests.contract.biodata.records import T0

RunJob = Callable[[str, dict[str, Any]], Job]


def job_runner(operations: list[Operation]) -> RunJob:
    registry = OperationRegistry(operations)
    store = MemoryStore()
    clock = ManualClock(T0)

    def submit_and_run(operation: str, payload: dict[str, Any]) -> Job:
        request = job_lifecycle.SubmitJob(operation, payload)
        job = job_lifecycle.submit_job(MemoryUnitOfWork(store), clock, registry, request)
        finished = run_job(lambda: MemoryUnitOfWork(store), clock, registry, job.id, "test")
        assert finished is not None
        return finished

    return submit_and_run
