"""Submitting a job at most once per (principal, Idempotency-Key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from protea_domain.api_access.errors import (
    DuplicateRecordError,
    IdempotencyKeyInFlightError,
    IdempotencyKeyReusedError,
)
from protea_domain.api_access.idempotency import (
    DEFAULT_TTL,
    MAX_KEY_LENGTH,
    PURGE_BATCH,
    IdempotencyRecord,
    request_fingerprint,
)
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWorkFactory
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.errors import JobNotFoundError
from protea_domain.jobs.job import Job
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.clock import Clock
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases import job_lifecycle


@dataclass(frozen=True, slots=True)
class Submitted:
    job: Job
    replayed: bool


def submit_once(
    api_uow: ApiUnitOfWorkFactory,
    jobs_uow: UnitOfWorkFactory,
    clock: Clock,
    registry: OperationRegistry,
    request: job_lifecycle.SubmitJob,
    *,
    principal: str,
    key: str | None,
    body: Any,
    ttl: timedelta = DEFAULT_TTL,
) -> Submitted:
    """Submit `request`; with a `key`, the first request reserves (principal, key) before
    submitting, and a later one with the same `body` gets the original job (`replayed`).
    The same key with another body raises `IdempotencyKeyReusedError`; while the first
    request is still in progress, `IdempotencyKeyInFlightError`. A failed submit releases
    the reservation, so the client may retry with the same key. A reservation older than
    `ttl` has expired: the key is free again. Each keyed request also deletes up to
    `PURGE_BATCH` expired records of any principal."""
    if key is None:
        return Submitted(job_lifecycle.submit_job(jobs_uow(), clock, registry, request), False)
    if not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise InvalidInputError(f"must be 1-{MAX_KEY_LENGTH} characters", location="key")
    fingerprint = request_fingerprint(body)
    now = clock.now()
    with api_uow() as uow:
        uow.idempotency.purge_expired(now - ttl, PURGE_BATCH)
        uow.idempotency.drop_expired(principal, key, now - ttl)
        try:
            uow.idempotency.reserve(IdempotencyRecord(principal, key, fingerprint, now))
            reserved = True
        except DuplicateRecordError:
            reserved = False
        uow.commit()
    if not reserved:
        return _replay(api_uow, jobs_uow, principal, key, fingerprint)
    try:
        job = job_lifecycle.submit_job(jobs_uow(), clock, registry, request)
    except BaseException:
        with api_uow() as uow:
            uow.idempotency.release(principal, key)
            uow.commit()
        raise
    with api_uow() as uow:
        uow.idempotency.complete(principal, key, job.id)
        uow.commit()
    return Submitted(job, False)


def _replay(
    api_uow: ApiUnitOfWorkFactory,
    jobs_uow: UnitOfWorkFactory,
    principal: str,
    key: str,
    fingerprint: str,
) -> Submitted:
    with api_uow() as uow:
        record = uow.idempotency.get(principal, key)
    if record is None:
        raise IdempotencyKeyInFlightError(key)
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReusedError(key)
    if record.resource_id is None:
        raise IdempotencyKeyInFlightError(key)
    try:
        return Submitted(job_lifecycle.get_job(jobs_uow(), record.resource_id), True)
    except JobNotFoundError:
        raise IdempotencyKeyReusedError(key) from None
