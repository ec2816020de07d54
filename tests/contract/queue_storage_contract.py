"""Outbox and batch-children repositories, subclassed once per adapter."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from protea_domain.jobs import moves
from protea_domain.jobs.batch import ChildStatus
from protea_domain.jobs.errors import JobNotFoundError
from protea_domain.messaging.message import Message
from protea_domain.messaging.outbox import OutboxEntry
from tests.conftest import UowFactory
from tests.support.jobs import T0, make_job, store


def _entry(n: int, delay: timedelta = timedelta(0)) -> OutboxEntry:
    message = Message("protea.ping", {"n": n, "nested": {"x": [n]}}, f"m{n}", {"h": str(n)})
    return OutboxEntry(message, T0, T0 + delay)


class QueueStorageContract:
    @pytest.fixture
    def uow_factory(self) -> UowFactory:
        raise NotImplementedError

    def test_outbox_round_trip_order_and_availability(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow:
            ids = [uow.outbox.add(_entry(n)).id for n in range(3)]
            uow.outbox.add(_entry(9, delay=timedelta(minutes=5)))
            uow.commit()
        with uow_factory() as uow:
            due = uow.outbox.claim_due(T0, 10)
            assert [entry.id for entry in due] == ids
            assert due[0].message == _entry(0).message
            assert len(uow.outbox.claim_due(T0 + timedelta(minutes=5), 10)) == 4
            assert len(uow.outbox.claim_due(T0, 2)) == 2
            assert uow.outbox.pending(T0) == (3, T0)

    def test_sent_entries_leave_and_failures_postpone(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow:
            first = uow.outbox.add(_entry(1))
            second = uow.outbox.add(_entry(2))
            uow.commit()
        assert first.id is not None
        assert second.id is not None
        with uow_factory() as uow:
            uow.outbox.mark_sent(first.id, T0)
            uow.outbox.mark_failed(second.id, "broker down", T0 + timedelta(seconds=10))
            uow.commit()
        with uow_factory() as uow:
            assert uow.outbox.claim_due(T0, 10) == []
            later = uow.outbox.claim_due(T0 + timedelta(seconds=10), 10)
            assert [(e.id, e.attempts, e.last_error) for e in later] == [
                (second.id, 1, "broker down")
            ]
            assert uow.outbox.pending(T0) == (0, T0)

    def test_outbox_rows_roll_back_with_their_transaction(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow:
            uow.outbox.add(_entry(1))
        with uow_factory() as uow:
            assert uow.outbox.claim_due(T0, 10) == []

    def test_concurrent_relays_take_disjoint_entries(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow:
            for n in range(20):
                uow.outbox.add(_entry(n))
            uow.commit()
        taken: list[list[int]] = []
        barrier = threading.Barrier(2)

        def relay() -> None:
            barrier.wait()
            with uow_factory() as uow:
                batch = uow.outbox.claim_due(T0, 10)
                for entry in batch:
                    assert entry.id is not None
                    uow.outbox.mark_sent(entry.id, T0)
                uow.commit()
            taken.append([entry.id or 0 for entry in batch])

        threads = [threading.Thread(target=relay) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert len(taken) == 2
        assert not set(taken[0]) & set(taken[1])
        assert len(taken[0]) + len(taken[1]) == 20

    def test_batch_children_count_once(self, uow_factory: UowFactory) -> None:
        parent = make_job()
        store(uow_factory(), parent)
        with uow_factory() as uow:
            first = uow.batches.start(parent.id, "a", T0)
            again = uow.batches.start(parent.id, "a", T0 + timedelta(seconds=1))
            uow.batches.start(parent.id, "b", T0)
            uow.commit()
        assert (first.status, first.attempts) == (ChildStatus.RUNNING, 1)
        assert again.attempts == 2
        with uow_factory() as uow:
            assert uow.batches.finish(parent.id, "a", ChildStatus.SUCCEEDED, None, T0)
            assert not uow.batches.finish(parent.id, "a", ChildStatus.FAILED, "late", T0)
            assert uow.batches.finish(parent.id, "b", ChildStatus.FAILED, "boom", T0)
            assert not uow.batches.finish(parent.id, "zzz", ChildStatus.FAILED, "?", T0)
            uow.commit()
        with uow_factory() as uow:
            done = uow.batches.start(parent.id, "a", T0)
            counts = uow.batches.counts(parent.id)
        assert (done.status, done.attempts) == (ChildStatus.SUCCEEDED, 2)
        assert (counts.succeeded, counts.failed, counts.running) == (1, 1, 0)

    def test_batch_children_need_their_parent(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow, pytest.raises(JobNotFoundError):
            uow.batches.start(make_job().id, "a", T0)

    def test_progress_increments_are_atomic(self, uow_factory: UowFactory) -> None:
        job = make_job()
        store(uow_factory(), job)
        with uow_factory() as uow:
            uow.jobs.move(job.id, moves.claim(T0, "w", timedelta(minutes=1)))
            uow.commit()

        def bump() -> None:
            for _ in range(10):
                with uow_factory() as uow:
                    uow.jobs.add_progress(job.id, 1, T0)
                    uow.commit()

        threads = [threading.Thread(target=bump) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        with uow_factory() as uow:
            assert uow.jobs.get(job.id).progress_current == 30
