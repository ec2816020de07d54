"""The API-access use cases on the in-memory adapters: keys and idempotent submits."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from protea_adapters.clock import ManualClock
from protea_adapters.memory.api_store import MemoryApiStore, MemoryApiUnitOfWork
from protea_domain.api_access.api_keys import key_digest, key_prefix
from protea_domain.api_access.errors import (
    AuthenticationError,
    IdempotencyKeyInFlightError,
    IdempotencyKeyReusedError,
)
from protea_domain.api_access.idempotency import (
    DEFAULT_TTL,
    PURGE_BATCH,
    IdempotencyRecord,
    request_fingerprint,
)
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork
from protea_domain.api_access.use_cases import api_keys
from protea_domain.api_access.use_cases.idempotent_submit import submit_once
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.query import JobQuery
from protea_domain.operations.ping import PingOperation
from protea_domain.operations.registry import OperationRegistry
from protea_domain.use_cases import job_lifecycle
from tests.conftest import UowFactory
from tests.support.jobs import T0


@pytest.fixture
def records() -> MemoryApiStore:
    return MemoryApiStore()


@pytest.fixture
def api_uow(records: MemoryApiStore) -> Callable[[], ApiUnitOfWork]:
    return lambda: MemoryApiUnitOfWork(records)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def test_a_created_key_authenticates_and_is_stored_as_a_digest(
    api_uow: Callable[[], ApiUnitOfWork], records: MemoryApiStore, clock: ManualClock
) -> None:
    issued = api_keys.create_api_key(api_uow(), clock, "  ci  ")
    assert issued.key.name == "ci"
    assert key_prefix(issued.raw) == issued.key.prefix
    stored = records.api_keys[issued.key.prefix]
    assert stored.digest == key_digest(issued.raw)
    assert issued.raw not in repr(stored)
    assert api_keys.authenticate(api_uow(), clock, issued.raw).last_used_at == T0


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_key_names_are_checked(
    api_uow: Callable[[], ApiUnitOfWork], clock: ManualClock, name: str
) -> None:
    with pytest.raises(InvalidInputError):
        api_keys.create_api_key(api_uow(), clock, name)


def test_every_bad_key_gets_the_same_error(
    api_uow: Callable[[], ApiUnitOfWork], clock: ManualClock
) -> None:
    issued = api_keys.create_api_key(api_uow(), clock, "k")
    revoked = api_keys.create_api_key(api_uow(), clock, "r")
    api_keys.revoke_api_key(api_uow(), clock, revoked.key.prefix)
    tampered = issued.raw[:-1] + ("A" if issued.raw[-1] != "A" else "B")
    messages = set()
    for raw in (None, "", "garbage", tampered, revoked.raw):
        with pytest.raises(AuthenticationError) as caught:
            api_keys.authenticate(api_uow(), clock, raw)
        messages.add(str(caught.value))
    assert len(messages) == 1


def test_fingerprints_ignore_key_order_only() -> None:
    assert request_fingerprint({"a": 1, "b": [1, 2]}) == request_fingerprint({"b": [1, 2], "a": 1})
    assert request_fingerprint({"a": 1}) != request_fingerprint({"a": 2})


def _submit(
    api_uow: Callable[[], ApiUnitOfWork],
    uow: UowFactory,
    clock: ManualClock,
    body: dict[str, Any],
    key: str | None = "k",
    ttl: timedelta = DEFAULT_TTL,
) -> Any:
    request = job_lifecycle.SubmitJob(operation=body["operation"], payload=body.get("payload", {}))
    registry = OperationRegistry([PingOperation()])
    return submit_once(
        api_uow, uow, clock, registry, request, principal="p", key=key, body=body, ttl=ttl
    )


def test_concurrent_requests_with_one_key_make_one_job(
    api_uow: Callable[[], ApiUnitOfWork], memory_uow_factory: UowFactory, clock: ManualClock
) -> None:
    outcomes: list[Any] = []
    start = threading.Barrier(8)

    def worker() -> None:
        start.wait()
        try:
            outcomes.append(_submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}))
        except IdempotencyKeyInFlightError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = {o.job.id for o in outcomes if not isinstance(o, Exception)}
    assert len(ids) == 1
    assert sum(1 for o in outcomes if not isinstance(o, Exception) and not o.replayed) == 1
    with memory_uow_factory() as uow:
        assert len(uow.jobs.find(JobQuery()).items) == 1


def test_an_unfinished_reservation_is_in_flight_and_reuse_is_refused(
    api_uow: Callable[[], ApiUnitOfWork], memory_uow_factory: UowFactory, clock: ManualClock
) -> None:
    body = {"operation": "ping"}
    with api_uow() as uow:
        uow.idempotency.reserve(IdempotencyRecord("p", "k", request_fingerprint(body), T0))
        uow.commit()
    with pytest.raises(IdempotencyKeyInFlightError):
        _submit(api_uow, memory_uow_factory, clock, body)
    with pytest.raises(IdempotencyKeyReusedError):
        _submit(api_uow, memory_uow_factory, clock, {"operation": "ping", "payload": {"x": 1}})


def test_an_expired_key_no_longer_replays_and_may_be_reused(
    api_uow: Callable[[], ApiUnitOfWork],
    records: MemoryApiStore,
    memory_uow_factory: UowFactory,
    clock: ManualClock,
) -> None:
    ttl = timedelta(hours=1)
    first = _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, ttl=ttl)
    clock.advance(ttl)
    replayed = _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, ttl=ttl)
    assert replayed.replayed
    assert replayed.job.id == first.job.id
    clock.advance(timedelta(seconds=1))
    other_body = {"operation": "ping", "payload": {"sleep_seconds": 0}}
    fresh = _submit(api_uow, memory_uow_factory, clock, other_body, ttl=ttl)
    assert not fresh.replayed
    assert fresh.job.id != first.job.id
    assert records.idempotency[("p", "k")].resource_id == fresh.job.id
    assert records.idempotency[("p", "k")].created_at == clock.now()


def test_keyed_submits_purge_expired_records_in_bounded_batches(
    api_uow: Callable[[], ApiUnitOfWork],
    records: MemoryApiStore,
    memory_uow_factory: UowFactory,
    clock: ManualClock,
) -> None:
    ttl = timedelta(minutes=10)
    stale = T0 - ttl - timedelta(seconds=1)
    with api_uow() as uow:
        for n in range(PURGE_BATCH + 5):
            uow.idempotency.reserve(IdempotencyRecord("q", f"old-{n}", "f" * 64, stale))
        uow.idempotency.reserve(IdempotencyRecord("q", "live", "f" * 64, T0 - ttl))
        uow.commit()
    _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, key="a", ttl=ttl)
    assert len(records.idempotency) == 5 + 1 + 1
    _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, key=None, ttl=ttl)
    assert len(records.idempotency) == 7, "only keyed requests purge"
    _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, key="b", ttl=ttl)
    assert set(records.idempotency) == {("q", "live"), ("p", "a"), ("p", "b")}


def test_without_a_key_every_submit_is_new(
    api_uow: Callable[[], ApiUnitOfWork], memory_uow_factory: UowFactory, clock: ManualClock
) -> None:
    first = _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, key=None)
    second = _submit(api_uow, memory_uow_factory, clock, {"operation": "ping"}, key=None)
    assert first.job.id != second.job.id


def test_last_used_is_recorded_at_most_once_a_minute(
    api_uow: Callable[[], ApiUnitOfWork], records: MemoryApiStore, clock: ManualClock
) -> None:
    from datetime import timedelta

    issued = api_keys.create_api_key(api_uow(), clock, "k")
    api_keys.authenticate(api_uow(), clock, issued.raw)
    clock.advance(timedelta(seconds=30))
    api_keys.authenticate(api_uow(), clock, issued.raw)
    assert records.api_keys[issued.key.prefix].last_used_at == T0
    clock.advance(timedelta(seconds=30))
    api_keys.authenticate(api_uow(), clock, issued.raw)
    assert records.api_keys[issued.key.prefix].last_used_at == T0 + timedelta(minutes=1)
