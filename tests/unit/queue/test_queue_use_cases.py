"""Outbox relay, delivery handling, batch fan-out and the reaper on in-memory adapters."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest

from protea_adapters.clock import ManualClock
from protea_domain.jobs.batch import ChildStatus
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.message import Delivery, Disposition, Message
from protea_domain.messaging.queues import JOBS, PING
from protea_domain.operations.ping import PingOperation
from protea_domain.operations.ping_batch import PingBatchOperation
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.message_broker import PublishError
from protea_domain.ports.operation import OperationContext
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.handle_delivery import DeliveryHandler
from protea_domain.use_cases.job_lifecycle import SubmitJob
from protea_domain.use_cases.reap_leases import reap_expired_leases
from protea_domain.use_cases.relay_outbox import relay_lag, relay_outbox
from protea_domain.use_cases.run_job import JobRunContext, JobRunner
from tests.conftest import UowFactory
from tests.support.jobs import T0


class RecordingPublisher:
    def __init__(self) -> None:
        self.sent: list[Message] = []
        self.failing = False

    def publish(self, message: Message) -> None:
        if self.failing:
            raise PublishError("broker down")
        self.sent.append(message)


class FlakyOperation:
    """Raises an unexpected error for its first `failures` executions."""

    name = "flaky"
    queue = PING

    def __init__(self) -> None:
        self.failures = 0
        self.calls = 0
        self.lock = threading.Lock()

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        return payload

    def execute(self, payload: dict[str, Any], context: OperationContext) -> None:
        with self.lock:
            self.calls += 1
            if self.calls <= self.failures:
                raise ConnectionError("transient")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def flaky() -> FlakyOperation:
    return FlakyOperation()


@pytest.fixture
def runner(memory_uow_factory: UowFactory, clock: ManualClock, flaky: FlakyOperation) -> JobRunner:
    registry = OperationRegistry([PingOperation(), PingBatchOperation(), flaky])
    return JobRunner(memory_uow_factory, clock, registry, "worker-1", timedelta(seconds=30))


def test_submit_commits_the_job_and_its_wake_up_together(
    runner: JobRunner, clock: ManualClock
) -> None:
    job = job_lifecycle.submit_job(
        runner.uow_factory(),
        clock,
        runner.registry,
        SubmitJob("ping", trace_headers={"traceparent": "00-abc-def-01"}),
    )
    publisher = RecordingPublisher()
    assert relay_lag(runner.uow_factory, clock.now()).due == 1
    assert relay_outbox(runner.uow_factory, publisher, clock) == 1
    assert publisher.sent == [
        Message(
            PING,
            {"kind": "job", "job_id": str(job.id)},
            f"job:{job.id}:0",
            {"traceparent": "00-abc-def-01"},
        )
    ]
    assert relay_outbox(runner.uow_factory, publisher, clock) == 0
    assert relay_lag(runner.uow_factory, clock.now()).due == 0


def test_a_failed_publish_is_kept_and_retried_later(runner: JobRunner, clock: ManualClock) -> None:
    job_lifecycle.submit_job(runner.uow_factory(), clock, runner.registry, SubmitJob("ping"))
    publisher = RecordingPublisher()
    publisher.failing = True
    assert relay_outbox(runner.uow_factory, publisher, clock) == 0
    publisher.failing = False
    assert relay_outbox(runner.uow_factory, publisher, clock) == 0
    clock.advance(timedelta(seconds=2))
    assert relay_outbox(runner.uow_factory, publisher, clock) == 1
    lag = relay_lag(runner.uow_factory, clock.now())
    assert (lag.due, lag.oldest_unsent_age) == (0, None)


def test_a_job_message_runs_the_job_and_duplicates_are_no_ops(
    runner: JobRunner, clock: ManualClock
) -> None:
    job = job_lifecycle.submit_job(runner.uow_factory(), clock, runner.registry, SubmitJob("ping"))
    handler = DeliveryHandler(runner)
    message = Message(PING, {"kind": "job", "job_id": str(job.id)}, "m1")
    assert handler(Delivery(message, False)) is Disposition.ACK
    assert handler(Delivery(message, True)) is Disposition.ACK
    stored = job_lifecycle.get_job(runner.uow_factory(), job.id)
    assert (stored.status, stored.attempts) == (JobStatus.SUCCEEDED, 1)


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "mystery"},
        {"kind": "job"},
        {"kind": "job", "job_id": "not-a-uuid"},
        {"kind": "operation", "parent_id": str(uuid4()), "child_key": 1, "operation": "ping"},
        {
            "kind": "operation",
            "parent_id": str(uuid4()),
            "child_key": "1",
            "operation": "ping",
            "payload": [],
        },
    ],
)
def test_undecodable_messages_are_dead_lettered(runner: JobRunner, body: dict[str, Any]) -> None:
    assert DeliveryHandler(runner)(Delivery(Message(PING, body, "bad"), False)) is (
        Disposition.DEAD_LETTER
    )


def test_messages_for_unknown_jobs_are_dropped(runner: JobRunner) -> None:
    message = Message(PING, {"kind": "job", "job_id": str(uuid4())}, "m")
    assert DeliveryHandler(runner)(Delivery(message, False)) is Disposition.ACK


def test_an_operation_this_worker_does_not_know_is_dead_lettered_and_the_job_kept(
    runner: JobRunner, clock: ManualClock
) -> None:
    job = job_lifecycle.submit_job(runner.uow_factory(), clock, runner.registry, SubmitJob("ping"))
    narrow = JobRunner(runner.uow_factory, clock, OperationRegistry([]), "old-worker")
    message = Message(PING, {"kind": "job", "job_id": str(job.id)}, "m")
    assert DeliveryHandler(narrow)(Delivery(message, False)) is Disposition.DEAD_LETTER
    assert job_lifecycle.get_job(runner.uow_factory(), job.id).status is JobStatus.QUEUED
    assert DeliveryHandler(runner)(Delivery(message, True)) is Disposition.ACK
    assert job_lifecycle.get_job(runner.uow_factory(), job.id).status is JobStatus.SUCCEEDED


def test_a_batch_fans_out_and_the_last_child_closes_the_parent_once(
    runner: JobRunner, clock: ManualClock
) -> None:
    parent = job_lifecycle.submit_job(
        runner.uow_factory(), clock, runner.registry, SubmitJob("ping_batch", {"children": 5})
    )
    publisher = RecordingPublisher()
    handler = DeliveryHandler(runner)
    relay_outbox(runner.uow_factory, publisher, clock)
    wake = publisher.sent.pop()
    assert wake.queue == JOBS
    assert handler(Delivery(wake, False)) is Disposition.ACK
    waiting = job_lifecycle.get_job(runner.uow_factory(), parent.id)
    assert (waiting.status, waiting.progress_total, waiting.lease_owner) == (
        JobStatus.RUNNING,
        5,
        None,
    )
    relay_outbox(runner.uow_factory, publisher, clock)
    children = list(publisher.sent)
    assert [m.queue for m in children] == [PING] * 5
    assert len({m.message_id for m in children}) == 5
    for message in children + children:
        assert handler(Delivery(message, True)) is Disposition.ACK
    done = job_lifecycle.get_job(runner.uow_factory(), parent.id)
    assert done.status is JobStatus.SUCCEEDED
    assert done.progress_current == 5
    assert done.result == {"children": 5, "succeeded": 5, "failed": 0}
    closing = [
        e
        for e in job_lifecycle.get_job_detail(runner.uow_factory(), parent.id).events
        if e.message.startswith("children done")
    ]
    assert len(closing) == 1


def test_an_empty_batch_succeeds_at_once(runner: JobRunner, clock: ManualClock) -> None:
    parent = job_lifecycle.submit_job(
        runner.uow_factory(), clock, runner.registry, SubmitJob("ping_batch", {"children": 0})
    )
    assert runner.run(parent.id) is not None
    assert job_lifecycle.get_job(runner.uow_factory(), parent.id).status is JobStatus.SUCCEEDED


def test_a_poison_child_is_retried_then_dead_lettered_and_the_parent_fails(
    runner: JobRunner, clock: ManualClock, flaky: FlakyOperation
) -> None:
    flaky.failures = 100
    parent = job_lifecycle.submit_job(
        runner.uow_factory(), clock, runner.registry, SubmitJob("ping", max_attempts=3)
    )
    job_lifecycle.claim_job(runner.uow_factory(), clock, parent.id, "w", timedelta(minutes=1))
    context_runner = JobRunner(runner.uow_factory, clock, runner.registry, "w")
    job = job_lifecycle.get_job(runner.uow_factory(), parent.id)
    JobRunContext(runner.uow_factory, clock, job, "w").publish_children(PING, "flaky", [{}])
    publisher = RecordingPublisher()
    handler = DeliveryHandler(context_runner)
    outcomes = []
    for _ in range(10):
        clock.advance(timedelta(minutes=10))
        relay_outbox(runner.uow_factory, publisher, clock)
        while publisher.sent:
            message = publisher.sent.pop(0)
            if message.body["kind"] == "operation":
                outcomes.append(handler(Delivery(message, False)))
    assert outcomes == [Disposition.ACK, Disposition.ACK, Disposition.DEAD_LETTER]
    assert flaky.calls == 3
    with runner.uow_factory() as uow:
        record = uow.batches.start(parent.id, "0", clock.now())
    assert record.status is ChildStatus.FAILED
    failed = job_lifecycle.get_job(runner.uow_factory(), parent.id)
    assert (failed.status, failed.error_code) == (JobStatus.FAILED, "children_failed")


def test_children_of_a_cancelled_parent_are_dropped(runner: JobRunner, clock: ManualClock) -> None:
    parent = job_lifecycle.submit_job(
        runner.uow_factory(), clock, runner.registry, SubmitJob("ping_batch", {"children": 3})
    )
    runner.run(parent.id)
    job_lifecycle.cancel_job(runner.uow_factory(), clock, parent.id)
    publisher = RecordingPublisher()
    relay_outbox(runner.uow_factory, publisher, clock)
    handler = DeliveryHandler(runner)
    children = [m for m in publisher.sent if m.body["kind"] == "operation"]
    assert len(children) == 3
    assert {handler(Delivery(m, False)) for m in children} == {Disposition.ACK}
    with runner.uow_factory() as uow:
        assert uow.batches.counts(parent.id).running == 0
        assert uow.batches.counts(parent.id).succeeded == 0


def test_the_reaper_requeues_then_fails_expired_leases(
    runner: JobRunner, clock: ManualClock
) -> None:
    job = job_lifecycle.submit_job(
        runner.uow_factory(), clock, runner.registry, SubmitJob("ping", max_attempts=2)
    )
    for attempt in (1, 2):
        claimed = job_lifecycle.claim_job(
            runner.uow_factory(), clock, job.id, f"dead-{attempt}", timedelta(seconds=30)
        )
        assert claimed is not None
        assert reap_expired_leases(runner.uow_factory, clock).requeued == []
        clock.advance(timedelta(seconds=31))
        report = reap_expired_leases(runner.uow_factory, clock)
        if attempt == 1:
            assert report.requeued == [job.id]
            assert job_lifecycle.get_job(runner.uow_factory(), job.id).status is JobStatus.QUEUED
        else:
            assert report.failed == [job.id]
    final = job_lifecycle.get_job(runner.uow_factory(), job.id)
    assert (final.status, final.error_code) == (JobStatus.FAILED, "lease_expired")
    publisher = RecordingPublisher()
    relay_outbox(runner.uow_factory, publisher, clock)
    assert [m.message_id for m in publisher.sent] == [f"job:{job.id}:0", f"job:{job.id}:1"]


def test_a_heartbeat_keeps_the_reaper_away(runner: JobRunner, clock: ManualClock) -> None:
    job = job_lifecycle.submit_job(runner.uow_factory(), clock, runner.registry, SubmitJob("ping"))
    job_lifecycle.claim_job(runner.uow_factory(), clock, job.id, "alive", timedelta(seconds=30))
    clock.advance(timedelta(seconds=20))
    with runner.uow_factory() as uow:
        assert uow.jobs.extend_lease(job.id, "alive", clock.now() + timedelta(seconds=30))
        assert not uow.jobs.extend_lease(job.id, "someone-else", clock.now())
        uow.commit()
    clock.advance(timedelta(seconds=20))
    assert reap_expired_leases(runner.uow_factory, clock).requeued == []


def test_a_worker_that_lost_its_lease_records_no_outcome(
    runner: JobRunner, clock: ManualClock, flaky: FlakyOperation
) -> None:
    job = job_lifecycle.submit_job(runner.uow_factory(), clock, runner.registry, SubmitJob("ping"))
    job_lifecycle.claim_job(runner.uow_factory(), clock, job.id, "slow", timedelta(seconds=30))
    clock.advance(timedelta(seconds=31))
    reap_expired_leases(runner.uow_factory, clock)
    job_lifecycle.claim_job(runner.uow_factory(), clock, job.id, "fast", timedelta(seconds=30))
    with pytest.raises(Exception, match="cannot move"):
        job_lifecycle.succeed_job(runner.uow_factory(), clock, job.id, {}, owner="slow")
    done = job_lifecycle.succeed_job(runner.uow_factory(), clock, job.id, {}, owner="fast")
    assert (done.status, done.attempts) == (JobStatus.SUCCEEDED, 2)
