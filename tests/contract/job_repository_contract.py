"""The job repository and unit of work contract, subclassed once per adapter."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID, uuid4

import pytest

from protea_adapters.clock import ManualClock
from protea_domain.errors import ConflictError
from protea_domain.jobs import moves
from protea_domain.jobs.errors import IllegalTransitionError, JobNotFoundError
from protea_domain.jobs.job import Job, JobComment, JobEvent, JobEventKind
from protea_domain.jobs.query import JobCursor, JobQuery
from protea_domain.jobs.status import JobStatus
from protea_domain.use_cases import job_lifecycle
from tests.conftest import UowFactory
from tests.support.jobs import T0, bring_to, make_job, store

ALL_STATUSES = list(JobStatus)
MOVES = {
    JobStatus.RUNNING: lambda: moves.JobMove(
        JobStatus.RUNNING, T0, frozenset({JobStatus.QUEUED}), {"started_at": T0}
    ),
    JobStatus.SUCCEEDED: lambda: moves.succeed(T0, {"n": 1}, "done"),
    JobStatus.FAILED: lambda: moves.fail(T0, "boom", "it broke"),
    JobStatus.CANCELLED: lambda: moves.cancel(T0, "stop"),
    JobStatus.QUEUED: lambda: moves.requeue(T0),
}


class JobRepositoryContract:
    """Every adapter of JobRepository + UnitOfWork must pass these."""

    @pytest.fixture
    def uow_factory(self) -> UowFactory:
        raise NotImplementedError

    def test_missing_job_raises_not_found_everywhere(self, uow_factory: UowFactory) -> None:
        missing = uuid4()
        with uow_factory() as uow:
            for call in (
                lambda: uow.jobs.get(missing),
                lambda: uow.jobs.events(missing),
                lambda: uow.jobs.comments(missing),
                lambda: uow.jobs.move(missing, moves.cancel(T0, None)),
                lambda: uow.jobs.set_progress(missing, 1, 2, T0),
                lambda: uow.jobs.append_event(JobEvent(missing, T0, JobEventKind.MESSAGE, "x")),
                lambda: uow.jobs.add_comment(JobComment(missing, T0, "me", "x")),
            ):
                with pytest.raises(JobNotFoundError) as caught:
                    call()
                assert caught.value.job_id == missing
            assert uow.jobs.children(missing) == []

    def test_round_trip_keeps_every_field_and_utc(self, uow_factory: UowFactory) -> None:
        plus_two = timezone(timedelta(hours=2))
        parent = make_job()
        job = make_job(
            created_at=datetime(2026, 5, 1, 14, 30, 0, 999999, tzinfo=plus_two),
            tags=("alpha", "béta"),
            parent_id=parent.id,
            payload={"nested": {"list": [1, 2.5, None, "x"]}, "unicode": "Ωμέγα"},
            meta={"k": [1, 2]},
            description="a description",
            max_attempts=7,
        )
        store(uow_factory(), parent, job)
        with uow_factory() as uow:
            loaded = uow.jobs.get(job.id)
        assert loaded == job
        assert loaded.created_at.utcoffset() == timedelta(0)
        assert loaded.created_at == datetime(2026, 5, 1, 12, 30, 0, 999999, tzinfo=UTC)

    def test_duplicate_id_conflicts_and_unknown_parent_is_not_found(
        self, uow_factory: UowFactory
    ) -> None:
        job = make_job()
        store(uow_factory(), job)
        with uow_factory() as uow:
            with pytest.raises(ConflictError):
                uow.jobs.add(make_job(id=job.id))
            with pytest.raises(JobNotFoundError):
                uow.jobs.add(make_job(parent_id=uuid4()))
            assert uow.jobs.get(job.id) == job

    def test_nothing_is_kept_without_commit(self, uow_factory: UowFactory) -> None:
        job = make_job()
        with uow_factory() as uow:
            uow.jobs.add(job)
        aborted = make_job()

        def add_then_abort() -> None:
            with uow_factory() as uow:
                uow.jobs.add(aborted)
                raise RuntimeError("abort")

        with pytest.raises(RuntimeError):
            add_then_abort()
        with uow_factory() as uow:
            for missing in (job.id, aborted.id):
                with pytest.raises(JobNotFoundError):
                    uow.jobs.get(missing)

    def test_only_committed_changes_survive(self, uow_factory: UowFactory) -> None:
        first, second = make_job(), make_job()
        with uow_factory() as uow:
            uow.jobs.add(first)
            uow.jobs.append_event(JobEvent(first.id, T0, JobEventKind.CREATED, "one"))
            uow.commit()
            uow.jobs.add(second)
            uow.jobs.append_event(JobEvent(first.id, T0, JobEventKind.MESSAGE, "two"))
            uow.jobs.move(first.id, moves.cancel(T0, None))
        with uow_factory() as uow:
            assert uow.jobs.get(first.id).status is JobStatus.QUEUED
            assert [event.message for event in uow.jobs.events(first.id)] == ["one"]
            with pytest.raises(JobNotFoundError):
                uow.jobs.get(second.id)

    def test_explicit_rollback_discards(self, uow_factory: UowFactory) -> None:
        job = make_job()
        with uow_factory() as uow:
            uow.jobs.add(job)
            uow.rollback()
            uow.commit()
        with uow_factory() as uow, pytest.raises(JobNotFoundError):
            uow.jobs.get(job.id)

    @pytest.mark.parametrize("source", ALL_STATUSES)
    @pytest.mark.parametrize("target", ALL_STATUSES)
    def test_every_move_is_checked_in_storage(
        self, uow_factory: UowFactory, source: JobStatus, target: JobStatus
    ) -> None:
        job = make_job()
        store(uow_factory(), job)
        bring_to(uow_factory(), job.id, source)
        move = MOVES[target]()
        with uow_factory() as uow:
            if source.can_move_to(target):
                moved = uow.jobs.move(job.id, move)
                assert moved.status is target
                assert moved.updated_at == T0
                uow.commit()
            else:
                with pytest.raises(IllegalTransitionError) as caught:
                    uow.jobs.move(job.id, move)
                assert caught.value.current is source
                assert caught.value.target is target
        with uow_factory() as uow:
            expected = target if source.can_move_to(target) else source
            assert uow.jobs.get(job.id).status is expected

    def test_claim_sets_lease_and_counts_attempts(self, uow_factory: UowFactory) -> None:
        job = make_job()
        store(uow_factory(), job)
        with uow_factory() as uow:
            claimed = uow.jobs.move(job.id, moves.claim(T0, "worker-1", timedelta(seconds=30)))
            requeued = uow.jobs.move(job.id, moves.requeue(T0))
            again = uow.jobs.move(job.id, moves.claim(T0, "worker-2", timedelta(seconds=30)))
            uow.commit()
        assert claimed.attempts == 1
        assert claimed.lease_owner == "worker-1"
        assert claimed.lease_expires_at == T0 + timedelta(seconds=30)
        assert requeued.lease_owner is None
        assert again.attempts == 2

    def test_success_keeps_meta_and_stores_the_result(self, uow_factory: UowFactory) -> None:
        job = make_job(meta={"keep": 1})
        store(uow_factory(), job)
        bring_to(uow_factory(), job.id, JobStatus.RUNNING)
        with uow_factory() as uow:
            done = uow.jobs.move(job.id, moves.succeed(T0, {"answer": 42}, "found it"))
            uow.commit()
        assert done.meta == {"keep": 1}
        assert done.result == {"answer": 42}
        assert done.findings == "found it"

    def test_progress_is_recorded_only_while_running(self, uow_factory: UowFactory) -> None:
        job = make_job()
        store(uow_factory(), job)
        with uow_factory() as uow:
            assert uow.jobs.set_progress(job.id, 3, 10, T0).progress_current == 0
        bring_to(uow_factory(), job.id, JobStatus.RUNNING)
        with uow_factory() as uow:
            updated = uow.jobs.set_progress(job.id, 3, 10, T0 + timedelta(seconds=5))
            uow.commit()
        assert (updated.progress_current, updated.progress_total) == (3, 10)
        assert updated.updated_at == T0 + timedelta(seconds=5)

    def test_events_and_comments_keep_append_order(self, uow_factory: UowFactory) -> None:
        job = make_job()
        store(uow_factory(), job)
        with uow_factory() as uow:
            for n in range(5):
                uow.jobs.append_event(JobEvent(job.id, T0, JobEventKind.MESSAGE, f"m{n}", {"n": n}))
                uow.jobs.add_comment(JobComment(job.id, T0, "ana", f"c{n}"))
            uow.commit()
        with uow_factory() as uow:
            events = uow.jobs.events(job.id)
            comments = uow.jobs.comments(job.id)
        assert [event.message for event in events] == [f"m{n}" for n in range(5)]
        assert [event.fields for event in events] == [{"n": n} for n in range(5)]
        event_ids = [event.id or 0 for event in events]
        assert event_ids == sorted(event_ids)
        assert len(set(event_ids)) == 5
        assert [comment.body for comment in comments] == [f"c{n}" for n in range(5)]

    def test_pagination_is_stable_under_equal_timestamps(self, uow_factory: UowFactory) -> None:
        same_time = [make_job() for _ in range(23)]
        older = [make_job(created_at=T0 - timedelta(microseconds=n + 1)) for n in range(4)]
        newer = [make_job(created_at=T0 + timedelta(seconds=n + 1)) for n in range(3)]
        store(uow_factory(), *same_time, *older, *newer)
        expected = sorted(
            [*same_time, *older, *newer], key=lambda j: (j.created_at, j.id.hex), reverse=True
        )
        seen: list[Job] = []
        cursor = None
        with uow_factory() as uow:
            while True:
                page = uow.jobs.find(
                    JobQuery(limit=4, cursor=JobCursor.decode(cursor) if cursor else None)
                )
                seen.extend(page.items)
                cursor = page.next_cursor
                if cursor is None:
                    break
        assert [job.id for job in seen] == [job.id for job in expected]

    def test_filters(self, uow_factory: UowFactory) -> None:
        parent = make_job(operation="ping_batch", tags=("batch",))
        children = [
            make_job(parent_id=parent.id, tags=("child", f"n{n}"), created_at=T0 + timedelta(n))
            for n in range(3)
        ]
        other = make_job(operation="other", tags=("childish",))
        store(uow_factory(), parent, *children, other)
        bring_to(uow_factory(), children[0].id, JobStatus.CANCELLED)
        with uow_factory() as uow:

            def ids(**kwargs: object) -> set[object]:
                return {job.id for job in uow.jobs.find(JobQuery(**kwargs)).items}  # type: ignore[arg-type]

            assert ids(parent_id=parent.id) == {child.id for child in children}
            assert ids(tag="child") == {child.id for child in children}
            assert ids(tag="n1") == {children[1].id}
            assert ids(operation="other") == {other.id}
            assert ids(statuses=frozenset({JobStatus.CANCELLED})) == {children[0].id}
            assert ids(statuses=frozenset({JobStatus.QUEUED}), tag="child") == {
                children[1].id,
                children[2].id,
            }
            assert [job.id for job in uow.jobs.children(parent.id)] == [c.id for c in children]

    def test_concurrent_claim_has_exactly_one_winner(self, uow_factory: UowFactory) -> None:
        clock = ManualClock(T0)
        for _ in range(10):
            job = make_job()
            store(uow_factory(), job)
            barrier = threading.Barrier(2)
            results: list[Job | None] = []
            errors: list[BaseException] = []

            def claim(
                worker: str,
                job_id: UUID,
                barrier: threading.Barrier,
                results: list[Job | None],
                errors: list[BaseException],
            ) -> None:
                try:
                    barrier.wait()
                    lease = timedelta(minutes=1)
                    results.append(
                        job_lifecycle.claim_job(uow_factory(), clock, job_id, worker, lease)
                    )
                except BaseException as exc:
                    errors.append(exc)

            threads = [
                threading.Thread(target=claim, args=(f"w{n}", job.id, barrier, results, errors))
                for n in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert errors == []
            winners = [result for result in results if result is not None]
            assert len(results) == 2
            assert len(winners) == 1
            with uow_factory() as uow:
                stored = uow.jobs.get(job.id)
                starts = [e for e in uow.jobs.events(job.id) if e.kind is JobEventKind.STATUS]
            assert stored.attempts == 1
            assert len(starts) == 1

    def test_cancel_cascades_to_unfinished_descendants(self, uow_factory: UowFactory) -> None:
        clock = ManualClock(T0)
        root = make_job()
        child_running = make_job(parent_id=root.id)
        child_done = make_job(parent_id=root.id)
        grandchild = make_job(parent_id=child_done.id)
        store(uow_factory(), root, child_running, child_done, grandchild)
        bring_to(uow_factory(), root.id, JobStatus.RUNNING)
        bring_to(uow_factory(), child_running.id, JobStatus.RUNNING)
        bring_to(uow_factory(), child_done.id, JobStatus.SUCCEEDED)
        job_lifecycle.cancel_job(uow_factory(), clock, root.id, "user asked")
        with uow_factory() as uow:
            statuses = {
                job_id: uow.jobs.get(job_id).status
                for job_id in (root.id, child_running.id, child_done.id, grandchild.id)
            }
        assert statuses == {
            root.id: JobStatus.CANCELLED,
            child_running.id: JobStatus.CANCELLED,
            child_done.id: JobStatus.SUCCEEDED,
            grandchild.id: JobStatus.CANCELLED,
        }
        with pytest.raises(IllegalTransitionError):
            job_lifecycle.cancel_job(uow_factory(), clock, root.id)

    def test_only_finished_jobs_are_deleted_with_everything_hanging_off_them(
        self, uow_factory: UowFactory
    ) -> None:
        parent = make_job()
        child = make_job(parent_id=parent.id)
        store(uow_factory(), parent, child)
        with uow_factory() as uow:
            uow.jobs.append_event(JobEvent(parent.id, T0, JobEventKind.MESSAGE, "x"))
            uow.jobs.add_comment(JobComment(child.id, T0, "me", "y"))
            uow.batches.start(parent.id, "0", T0)
            assert not uow.jobs.delete_finished(parent.id)
            uow.commit()
        bring_to(uow_factory(), parent.id, JobStatus.SUCCEEDED)
        with uow_factory() as uow:
            assert uow.jobs.delete_finished(parent.id)
            uow.commit()
        with uow_factory() as uow:
            for gone in (parent.id, child.id):
                with pytest.raises(JobNotFoundError):
                    uow.jobs.get(gone)
            assert uow.batches.counts(parent.id).running == 0
            with pytest.raises(JobNotFoundError):
                uow.jobs.delete_finished(parent.id)
