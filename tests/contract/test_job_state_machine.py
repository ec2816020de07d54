"""A hypothesis state machine drives random moves through each adapter against a model."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from protea_domain.jobs import moves
from protea_domain.jobs.errors import IllegalTransitionError
from protea_domain.jobs.moves import JobMove
from protea_domain.jobs.status import JobStatus
from tests.conftest import UowFactory
from tests.support.jobs import T0, make_job, store


def _move_to(target: JobStatus) -> JobMove:
    at = T0 + timedelta(seconds=1)
    return {
        JobStatus.RUNNING: moves.claim(at, "w", timedelta(minutes=1)),
        JobStatus.SUCCEEDED: moves.succeed(at, {"ok": True}, None),
        JobStatus.FAILED: moves.fail(at, "e", "failed"),
        JobStatus.CANCELLED: moves.cancel(at, None),
        JobStatus.QUEUED: moves.requeue(at),
    }[target]


def run_machine(uow_factory: UowFactory, max_examples: int) -> None:
    class JobMachine(RuleBasedStateMachine):
        jobs = Bundle("jobs")

        def __init__(self) -> None:
            super().__init__()
            self.status: dict[UUID, JobStatus] = {}
            self.claims: dict[UUID, int] = {}

        @rule(target=jobs)
        def submit(self) -> UUID:
            job = make_job()
            store(uow_factory(), job)
            self.status[job.id] = JobStatus.QUEUED
            self.claims[job.id] = 0
            return job.id

        @rule(job_id=jobs, goal=st.sampled_from(list(JobStatus)), commit=st.booleans())
        def move(self, job_id: UUID, goal: JobStatus, commit: bool) -> None:
            target = goal
            current = self.status[job_id]
            with uow_factory() as uow:
                if current.can_move_to(target):
                    assert uow.jobs.move(job_id, _move_to(target)).status is target
                    if commit:
                        uow.commit()
                        self.status[job_id] = target
                        self.claims[job_id] += target is JobStatus.RUNNING
                else:
                    with pytest.raises(IllegalTransitionError) as caught:
                        uow.jobs.move(job_id, _move_to(target))
                    assert caught.value.current is current

        @invariant()
        def storage_matches_model(self) -> None:
            with uow_factory() as uow:
                for job_id, status in self.status.items():
                    job = uow.jobs.get(job_id)
                    assert job.status is status
                    assert job.attempts == self.claims[job_id]
                    assert (job.finished_at is not None) == status.is_terminal

    run_state_machine_as_test(
        JobMachine,
        settings=settings(max_examples=max_examples, stateful_step_count=15, deadline=None),
    )


def test_memory_adapter_follows_the_state_machine(memory_uow_factory: UowFactory) -> None:
    run_machine(memory_uow_factory, 100)


def test_sqlite_adapter_follows_the_state_machine(sqlite_uow_factory: UowFactory) -> None:
    run_machine(sqlite_uow_factory, 40)


@pytest.mark.postgres
def test_postgres_adapter_follows_the_state_machine(postgres_uow_factory: UowFactory) -> None:
    run_machine(postgres_uow_factory, 25)
