"""The API records' unit of work and repositories, subclassed once per adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from protea_domain.api_access.api_keys import ApiKey, key_digest
from protea_domain.api_access.errors import (
    ApiKeyNotFoundError,
    DuplicateRecordError,
    ExperimentRunNotFoundError,
)
from protea_domain.api_access.experiments import ExperimentRun, ExperimentStatus
from protea_domain.api_access.idempotency import IdempotencyRecord
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork
from protea_domain.api_access.support import SupportEntry
from protea_domain.api_access.visitors import VisitorHit

T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ApiUowFactory = Callable[[], ApiUnitOfWork]


def _key(prefix: str = "abcdef012345", name: str = "k") -> ApiKey:
    return ApiKey(uuid4(), name, prefix, key_digest(f"raw-{prefix}"), T0)


def _run(name: str = "run", job_ids: tuple[UUID, ...] = ()) -> ExperimentRun:
    return ExperimentRun(uuid4(), name, ExperimentStatus.PLANNED, T0, T0, job_ids=job_ids)


class ApiStorageContract:
    """Every adapter of ApiUnitOfWork must pass these. `job_ids` gives ids of stored jobs."""

    @pytest.fixture
    def uow_factory(self) -> ApiUowFactory:
        raise NotImplementedError

    @pytest.fixture
    def job_ids(self) -> list[UUID]:
        raise NotImplementedError

    def test_keys_round_trip_by_prefix_and_list_oldest_first(
        self, uow_factory: ApiUowFactory
    ) -> None:
        older, newer = (
            _key("aaaaaaaaaaaa", "old"),
            replace(_key("bbbbbbbbbbbb"), created_at=T0 + timedelta(1)),
        )
        with uow_factory() as uow:
            uow.api_keys.add(newer)
            uow.api_keys.add(older)
            uow.commit()
        with uow_factory() as uow:
            assert uow.api_keys.by_prefix("aaaaaaaaaaaa") == older
            assert uow.api_keys.by_prefix("cccccccccccc") is None
            assert uow.api_keys.list() == [older, newer]

    def test_a_taken_prefix_is_a_duplicate(self, uow_factory: ApiUowFactory) -> None:
        with uow_factory() as uow:
            uow.api_keys.add(_key())
            uow.commit()
        with uow_factory() as uow, pytest.raises(DuplicateRecordError):
            uow.api_keys.add(_key())

    def test_revoke_keeps_the_key_and_its_first_time(self, uow_factory: ApiUowFactory) -> None:
        with uow_factory() as uow:
            uow.api_keys.add(_key())
            uow.commit()
        with uow_factory() as uow:
            assert uow.api_keys.revoke("abcdef012345", T0).revoked_at == T0
            uow.commit()
        with uow_factory() as uow:
            again = uow.api_keys.revoke("abcdef012345", T0 + timedelta(hours=1))
            assert again.revoked_at == T0
            uow.api_keys.touch("abcdef012345", T0 + timedelta(hours=2))
            uow.commit()
        with uow_factory() as uow:
            (key,) = uow.api_keys.list()
            assert (key.revoked_at, key.last_used_at) == (T0, T0 + timedelta(hours=2))
            with pytest.raises(ApiKeyNotFoundError):
                uow.api_keys.revoke("ffffffffffff", T0)

    def test_uncommitted_work_is_rolled_back(self, uow_factory: ApiUowFactory) -> None:
        with uow_factory() as uow:
            uow.api_keys.add(_key())
            uow.support.add(SupportEntry(T0))
        with uow_factory() as uow:
            assert uow.api_keys.list() == []
            assert uow.support.count() == 0

    def test_idempotency_reserve_complete_release(
        self, uow_factory: ApiUowFactory, job_ids: list[UUID]
    ) -> None:
        record = IdempotencyRecord("p", "k", "f" * 64, T0)
        with uow_factory() as uow:
            uow.idempotency.reserve(record)
            uow.commit()
        with uow_factory() as uow, pytest.raises(DuplicateRecordError):
            uow.idempotency.reserve(replace(record, fingerprint="0" * 64))
        with uow_factory() as uow:
            assert uow.idempotency.get("p", "k") == record
            assert uow.idempotency.get("other", "k") is None
            uow.idempotency.complete("p", "k", job_ids[0])
            uow.commit()
        with uow_factory() as uow:
            assert uow.idempotency.get("p", "k") == replace(record, resource_id=job_ids[0])
            uow.idempotency.release("p", "k")
            uow.idempotency.release("p", "k")
            uow.commit()
        with uow_factory() as uow:
            assert uow.idempotency.get("p", "k") is None

    def test_an_expired_idempotency_record_is_dropped_by_its_key(
        self, uow_factory: ApiUowFactory
    ) -> None:
        record = IdempotencyRecord("p", "k", "f" * 64, T0)
        with uow_factory() as uow:
            uow.idempotency.reserve(record)
            uow.commit()
        with uow_factory() as uow:
            assert uow.idempotency.drop_expired("p", "k", T0) is False
            assert uow.idempotency.drop_expired("other", "k", T0 + timedelta(1)) is False
            uow.commit()
        with uow_factory() as uow:
            assert uow.idempotency.get("p", "k") == record
            assert uow.idempotency.drop_expired("p", "k", T0 + timedelta(seconds=1)) is True
            assert uow.idempotency.drop_expired("p", "k", T0 + timedelta(seconds=1)) is False
            uow.idempotency.reserve(
                replace(record, fingerprint="0" * 64, created_at=T0 + timedelta(1))
            )
            uow.commit()
        with uow_factory() as uow:
            assert uow.idempotency.get("p", "k") == replace(
                record, fingerprint="0" * 64, created_at=T0 + timedelta(1)
            )

    def test_expired_idempotency_records_are_purged_oldest_first_in_batches(
        self, uow_factory: ApiUowFactory
    ) -> None:
        ages = {"a": 5, "b": 3, "c": 4, "d": 1, "e": 0}
        with uow_factory() as uow:
            for key, hours in ages.items():
                created = T0 - timedelta(hours=hours)
                uow.idempotency.reserve(IdempotencyRecord("p", key, "f" * 64, created))
            uow.commit()
        cutoff = T0 - timedelta(hours=2)
        with uow_factory() as uow:
            assert uow.idempotency.purge_expired(cutoff, 2) == 2
        with uow_factory() as uow:
            assert uow.idempotency.get("p", "a") is not None, "not committed: rolled back"
            assert uow.idempotency.purge_expired(cutoff, 2) == 2
            uow.commit()
        with uow_factory() as uow:
            left = {k for k in ages if uow.idempotency.get("p", k) is not None}
            assert left == {"b", "d", "e"}
            assert uow.idempotency.purge_expired(cutoff, 0) == 0
            assert uow.idempotency.purge_expired(cutoff, 10) == 1
            assert uow.idempotency.purge_expired(cutoff, 10) == 0
            uow.commit()
        with uow_factory() as uow:
            assert {k for k in ages if uow.idempotency.get("p", k) is not None} == {"d", "e"}

    def test_experiment_runs_keep_links_in_order(
        self, uow_factory: ApiUowFactory, job_ids: list[UUID]
    ) -> None:
        run = _run("b", (job_ids[1], job_ids[0]))
        with uow_factory() as uow:
            uow.experiments.add(run)
            uow.experiments.add(_run("a"))
            uow.experiments.add(_run("c"))
            uow.commit()
        with uow_factory() as uow:
            assert uow.experiments.get(run.id) == run
            assert [r.name for r in uow.experiments.list(10)] == ["a", "b", "c"]
            assert [r.name for r in uow.experiments.list(1, after_name="a")] == ["b"]
            changed = replace(
                run, status=ExperimentStatus.DONE, findings="f", job_ids=(job_ids[2],)
            )
            uow.experiments.update(changed)
            uow.commit()
        with uow_factory() as uow:
            assert uow.experiments.get(run.id) == changed

    def test_experiment_names_unique_and_missing_runs(self, uow_factory: ApiUowFactory) -> None:
        first = _run("same")
        with uow_factory() as uow:
            uow.experiments.add(first)
            uow.experiments.add(_run("other"))
            uow.commit()
        with uow_factory() as uow, pytest.raises(DuplicateRecordError):
            uow.experiments.add(_run("same"))
        with uow_factory() as uow:
            other = next(r for r in uow.experiments.list(10) if r.name == "other")
            with pytest.raises(DuplicateRecordError):
                uow.experiments.update(replace(other, name="same"))
        with uow_factory() as uow:
            with pytest.raises(ExperimentRunNotFoundError):
                uow.experiments.get(uuid4())
            with pytest.raises(ExperimentRunNotFoundError):
                uow.experiments.update(_run("ghost"))

    def test_support_entries_get_increasing_ids(self, uow_factory: ApiUowFactory) -> None:
        with uow_factory() as uow:
            first = uow.support.add(SupportEntry(T0, "one"))
            second = uow.support.add(SupportEntry(T0, None))
            uow.commit()
        assert first.id is not None
        assert second.id is not None
        assert second.id > first.id
        with uow_factory() as uow:
            assert uow.support.count() == 2
            assert uow.support.latest(1) == [second]

    def test_visitor_hits_summarised_per_day(self, uow_factory: ApiUowFactory) -> None:
        day1, day2 = date(2026, 11, 27), date(2026, 11, 28)
        hits = [
            VisitorHit(day1, "a" * 16, "/v1/jobs", T0 - timedelta(days=1)),
            VisitorHit(day2, "a" * 16, "/v1/jobs", T0),
            VisitorHit(day2, "a" * 16, "/v1/jobs", T0),
            VisitorHit(day2, "b" * 16, "/", T0),
        ]
        with uow_factory() as uow:
            for hit in hits:
                uow.visitors.add(hit)
            uow.commit()
        with uow_factory() as uow:
            assert uow.visitors.daily(day1) == [(day1, 1, 1), (day2, 3, 2)]
            assert uow.visitors.daily(day2) == [(day2, 3, 2)]
