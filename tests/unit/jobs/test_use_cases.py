"""Job use cases end to end on the in-memory adapters."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest

from protea_adapters.clock import ManualClock
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.errors import IllegalTransitionError, JobNotFoundError, JobNotRunningError
from protea_domain.jobs.job import JobEventKind
from protea_domain.jobs.query import JobQuery
from protea_domain.jobs.status import JobStatus
from protea_domain.operations.errors import UnknownOperationError
from protea_domain.operations.ping import PING_STEPS, PingOperation
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.operation import OperationContext
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.job_lifecycle import SubmitJob
from protea_domain.use_cases.run_job import run_job
from tests.conftest import UowFactory
from tests.support.jobs import T0


class CountingOperation:
    """Counts executions; loops on progress until told to stop or cancelled; may raise."""

    name = "counting"
    queue = "protea.jobs"

    def __init__(self) -> None:
        self.executions = 0
        self.steps = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.raise_error: Exception | None = None

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        return payload

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        self.executions += 1
        self.started.set()
        if self.raise_error:
            raise self.raise_error
        while not self.release.is_set():
            self.steps += 1
            context.progress(self.steps, None)
            time.sleep(0.005)
        context.event("finishing", steps=self.steps)
        return {"steps": self.steps}


@pytest.fixture
def counting() -> CountingOperation:
    return CountingOperation()


@pytest.fixture
def registry(counting: CountingOperation) -> OperationRegistry:
    return OperationRegistry([PingOperation(), counting])


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def test_ping_runs_to_success_with_a_timeline(
    memory_uow_factory: UowFactory, clock: ManualClock, registry: OperationRegistry
) -> None:
    job = job_lifecycle.submit_job(
        memory_uow_factory(), clock, registry, SubmitJob("ping", {"sleep_seconds": 0.01})
    )
    assert job.status is JobStatus.QUEUED
    assert job.queue == "protea.ping"
    done = run_job(memory_uow_factory, clock, registry, job.id, "worker-1")
    assert done is not None
    assert done.status is JobStatus.SUCCEEDED
    assert done.result is not None
    assert done.result["pong"] is True
    assert (done.progress_current, done.progress_total) == (PING_STEPS, PING_STEPS)
    assert done.attempts == 1
    detail = job_lifecycle.get_job_detail(memory_uow_factory(), job.id)
    assert [(e.kind, e.message) for e in detail.events] == [
        (JobEventKind.CREATED, "submitted ping"),
        (JobEventKind.STATUS, "started by worker-1"),
        (JobEventKind.STATUS, "succeeded"),
    ]
    assert detail.events[-1].fields == {"from": "running", "to": "succeeded"}


def test_ping_asked_to_fail_fails_with_a_code(
    memory_uow_factory: UowFactory, clock: ManualClock, registry: OperationRegistry
) -> None:
    job = job_lifecycle.submit_job(
        memory_uow_factory(), clock, registry, SubmitJob("ping", {"fail": True})
    )
    done = run_job(memory_uow_factory, clock, registry, job.id, "w")
    assert done is not None
    assert done.status is JobStatus.FAILED
    assert (done.error_code, done.error_message) == ("operation_failed", "ping was asked to fail")


@pytest.mark.parametrize(
    ("request_", "error", "location"),
    [
        (SubmitJob("nope"), UnknownOperationError, "operation"),
        (SubmitJob("ping", {"sleep_seconds": "soon"}), InvalidInputError, "payload.sleep_seconds"),
        (SubmitJob("ping", {"sleep_seconds": -1}), InvalidInputError, "payload.sleep_seconds"),
        (SubmitJob("ping", {"sleep_seconds": float("nan")}), InvalidInputError, "payload."),
        (SubmitJob("ping", {"fail": "yes"}), InvalidInputError, "payload.fail"),
        (SubmitJob("ping", {"extra": 1}), InvalidInputError, "payload"),
        (SubmitJob("ping", tags=("",)), InvalidInputError, "tags"),
        (SubmitJob("ping", max_attempts=0), InvalidInputError, "max_attempts"),
    ],
)
def test_bad_submissions_are_refused_and_store_nothing(
    memory_uow_factory: UowFactory,
    clock: ManualClock,
    registry: OperationRegistry,
    request_: SubmitJob,
    error: type[Exception],
    location: str,
) -> None:
    with pytest.raises(error) as caught:
        job_lifecycle.submit_job(memory_uow_factory(), clock, registry, request_)
    assert location in str(caught.value)
    assert job_lifecycle.list_jobs(memory_uow_factory(), JobQuery()).items == ()


def test_unknown_parent_is_refused(
    memory_uow_factory: UowFactory, clock: ManualClock, registry: OperationRegistry
) -> None:
    with pytest.raises(JobNotFoundError):
        job_lifecycle.submit_job(
            memory_uow_factory(), clock, registry, SubmitJob("ping", parent_id=uuid4())
        )


def test_a_job_runs_once_even_when_delivered_twice(
    memory_uow_factory: UowFactory,
    clock: ManualClock,
    registry: OperationRegistry,
    counting: CountingOperation,
) -> None:
    counting.release.set()
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("counting"))
    assert run_job(memory_uow_factory, clock, registry, job.id, "a") is not None
    assert run_job(memory_uow_factory, clock, registry, job.id, "b") is None
    assert counting.executions == 1


def test_a_cancelled_queued_job_never_runs(
    memory_uow_factory: UowFactory,
    clock: ManualClock,
    registry: OperationRegistry,
    counting: CountingOperation,
) -> None:
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("counting"))
    job_lifecycle.cancel_job(memory_uow_factory(), clock, job.id, "not needed")
    assert run_job(memory_uow_factory, clock, registry, job.id, "w") is None
    assert counting.executions == 0
    stored = job_lifecycle.get_job(memory_uow_factory(), job.id)
    assert (stored.status, stored.error_message) == (JobStatus.CANCELLED, "not needed")


def test_a_running_job_stops_at_its_next_progress_point(
    memory_uow_factory: UowFactory,
    clock: ManualClock,
    registry: OperationRegistry,
    counting: CountingOperation,
) -> None:
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("counting"))
    outcome: list[object] = []
    thread = threading.Thread(
        target=lambda: outcome.append(run_job(memory_uow_factory, clock, registry, job.id, "w"))
    )
    thread.start()
    assert counting.started.wait(5)
    job_lifecycle.cancel_job(memory_uow_factory(), clock, job.id)
    thread.join(5)
    assert not thread.is_alive()
    steps_at_stop = counting.steps
    time.sleep(0.05)
    assert counting.steps == steps_at_stop
    stored = job_lifecycle.get_job(memory_uow_factory(), job.id)
    assert stored.status is JobStatus.CANCELLED
    assert outcome == [stored]


def test_unexpected_errors_are_retried_with_backoff_then_fail(
    memory_uow_factory: UowFactory,
    clock: ManualClock,
    registry: OperationRegistry,
    counting: CountingOperation,
) -> None:
    counting.raise_error = KeyError("boom")
    job = job_lifecycle.submit_job(
        memory_uow_factory(), clock, registry, SubmitJob("counting", max_attempts=2)
    )
    first = run_job(memory_uow_factory, clock, registry, job.id, "w")
    assert first is not None
    assert first.status is JobStatus.QUEUED
    with memory_uow_factory() as uow:
        due_now = uow.outbox.claim_due(clock.now(), 10)
        due_later = uow.outbox.claim_due(clock.now() + timedelta(hours=1), 10)
    assert [entry.message.message_id for entry in due_now] == [f"job:{job.id}:0"]
    assert [entry.message.message_id for entry in due_later][-1] == f"job:{job.id}:1"
    assert timedelta(0) < due_later[-1].available_at - clock.now() <= timedelta(seconds=1)
    done = run_job(memory_uow_factory, clock, registry, job.id, "w")
    assert done is not None
    assert done.status is JobStatus.FAILED
    assert done.error_code == "unexpected_error"
    assert done.error_message == "KeyError: 'boom' (attempt 2 of 2)"
    assert counting.executions == 2


def test_permanent_errors_are_not_retried(
    memory_uow_factory: UowFactory,
    clock: ManualClock,
    registry: OperationRegistry,
    counting: CountingOperation,
) -> None:
    counting.raise_error = InvalidInputError("bad sequence", location="q.fasta:3: sequence")
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("counting"))
    done = run_job(memory_uow_factory, clock, registry, job.id, "w")
    assert done is not None
    assert (done.status, done.error_code) == (JobStatus.FAILED, "invalid_input")
    assert done.error_message == "q.fasta:3: sequence: bad sequence"
    assert counting.executions == 1


def test_progress_rules(
    memory_uow_factory: UowFactory, clock: ManualClock, registry: OperationRegistry
) -> None:
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("ping"))
    with pytest.raises(JobNotRunningError):
        job_lifecycle.report_progress(memory_uow_factory(), clock, job.id, 1, 2)
    job_lifecycle.claim_job(memory_uow_factory(), clock, job.id, "w", timedelta(minutes=1))
    for current, total in ((-1, None), (3, 2), (1, -1)):
        with pytest.raises(InvalidInputError, match="progress"):
            job_lifecycle.report_progress(memory_uow_factory(), clock, job.id, current, total)
    updated = job_lifecycle.report_progress(memory_uow_factory(), clock, job.id, 1, 2, "half")
    assert (updated.progress_current, updated.progress_total) == (1, 2)


def test_finished_jobs_cannot_move(
    memory_uow_factory: UowFactory, clock: ManualClock, registry: OperationRegistry
) -> None:
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("ping"))
    run_job(memory_uow_factory, clock, registry, job.id, "w")
    for call in (
        lambda: job_lifecycle.cancel_job(memory_uow_factory(), clock, job.id),
        lambda: job_lifecycle.fail_job(memory_uow_factory(), clock, job.id, "x", "y"),
        lambda: job_lifecycle.succeed_job(memory_uow_factory(), clock, job.id),
        lambda: job_lifecycle.requeue_job(memory_uow_factory(), clock, job.id, "again"),
    ):
        with pytest.raises(IllegalTransitionError):
            call()


def test_comments(
    memory_uow_factory: UowFactory, clock: ManualClock, registry: OperationRegistry
) -> None:
    job = job_lifecycle.submit_job(memory_uow_factory(), clock, registry, SubmitJob("ping"))
    job_lifecycle.comment_on_job(memory_uow_factory(), clock, job.id, "ana", "looks right")
    with pytest.raises(InvalidInputError, match="body"):
        job_lifecycle.comment_on_job(memory_uow_factory(), clock, job.id, "ana", "   ")
    with pytest.raises(InvalidInputError, match="author"):
        job_lifecycle.comment_on_job(memory_uow_factory(), clock, job.id, "", "x")
    detail = job_lifecycle.get_job_detail(memory_uow_factory(), job.id)
    assert [(c.author, c.body) for c in detail.comments] == [("ana", "looks right")]
