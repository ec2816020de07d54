"""In-memory API-owned records: plain containers a test can inspect, and their unit of work."""

from __future__ import annotations

import builtins
import copy
import threading
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import TracebackType
from typing import Self
from uuid import UUID

from protea_domain.api_access.api_keys import ApiKey
from protea_domain.api_access.errors import (
    ApiKeyNotFoundError,
    DuplicateRecordError,
    ExperimentRunNotFoundError,
)
from protea_domain.api_access.experiments import ExperimentRun
from protea_domain.api_access.idempotency import IdempotencyRecord
from protea_domain.api_access.ports.api_keys import ApiKeyRepository
from protea_domain.api_access.ports.experiments import ExperimentRunRepository
from protea_domain.api_access.ports.idempotency import IdempotencyRepository
from protea_domain.api_access.ports.support import SupportEntryRepository
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork
from protea_domain.api_access.ports.visitors import VisitorHitRepository
from protea_domain.api_access.support import SupportEntry
from protea_domain.api_access.visitors import VisitorHit


@dataclass
class MemoryApiStore:
    """Committed state; a unit of work holds `lock` from enter to exit (serialisable)."""

    api_keys: dict[str, ApiKey] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], IdempotencyRecord] = field(default_factory=dict)
    experiments: dict[UUID, ExperimentRun] = field(default_factory=dict)
    support: list[SupportEntry] = field(default_factory=list)
    visitors: list[VisitorHit] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)


class _Repo:
    def __init__(self, store: MemoryApiStore) -> None:
        self._store = store


class MemoryApiKeyRepository(_Repo, ApiKeyRepository):
    def add(self, key: ApiKey) -> None:
        if key.prefix in self._store.api_keys:
            raise DuplicateRecordError("API key prefix already exists")
        self._store.api_keys[key.prefix] = key

    def by_prefix(self, prefix: str) -> ApiKey | None:
        return self._store.api_keys.get(prefix)

    def list(self) -> builtins.list[ApiKey]:
        return sorted(self._store.api_keys.values(), key=lambda k: (k.created_at, k.id.hex))

    def revoke(self, prefix: str, at: datetime) -> ApiKey:
        key = self._store.api_keys.get(prefix)
        if key is None:
            raise ApiKeyNotFoundError(prefix)
        if not key.is_revoked:
            key = self._store.api_keys[prefix] = replace(key, revoked_at=at)
        return key

    def touch(self, prefix: str, at: datetime) -> None:
        if prefix in self._store.api_keys:
            self._store.api_keys[prefix] = self._store.api_keys[prefix].used(at)


class MemoryIdempotencyRepository(_Repo, IdempotencyRepository):
    def reserve(self, record: IdempotencyRecord) -> None:
        slot = (record.principal, record.key)
        if slot in self._store.idempotency:
            raise DuplicateRecordError("idempotency key already exists")
        self._store.idempotency[slot] = record

    def get(self, principal: str, key: str) -> IdempotencyRecord | None:
        return self._store.idempotency.get((principal, key))

    def complete(self, principal: str, key: str, resource_id: UUID) -> None:
        record = self._store.idempotency.get((principal, key))
        if record is not None:
            self._store.idempotency[(principal, key)] = replace(record, resource_id=resource_id)

    def release(self, principal: str, key: str) -> None:
        self._store.idempotency.pop((principal, key), None)

    def drop_expired(self, principal: str, key: str, before: datetime) -> bool:
        record = self._store.idempotency.get((principal, key))
        if record is None or record.created_at >= before:
            return False
        del self._store.idempotency[(principal, key)]
        return True

    def purge_expired(self, before: datetime, limit: int) -> int:
        expired = sorted(
            (r for r in self._store.idempotency.values() if r.created_at < before),
            key=lambda r: (r.created_at, r.principal, r.key),
        )[: max(limit, 0)]
        for record in expired:
            del self._store.idempotency[(record.principal, record.key)]
        return len(expired)


class MemoryExperimentRunRepository(_Repo, ExperimentRunRepository):
    def _check_name(self, run: ExperimentRun) -> None:
        if any(r.name == run.name and r.id != run.id for r in self._store.experiments.values()):
            raise DuplicateRecordError("name already exists")

    def add(self, run: ExperimentRun) -> None:
        if run.id in self._store.experiments:
            raise DuplicateRecordError("id already exists")
        self._check_name(run)
        self._store.experiments[run.id] = run

    def get(self, run_id: UUID) -> ExperimentRun:
        try:
            return self._store.experiments[run_id]
        except KeyError:
            raise ExperimentRunNotFoundError(str(run_id)) from None

    def update(self, run: ExperimentRun) -> None:
        self.get(run.id)
        self._check_name(run)
        self._store.experiments[run.id] = run

    def list(self, limit: int, after_name: str | None = None) -> builtins.list[ExperimentRun]:
        runs = sorted(self._store.experiments.values(), key=lambda r: r.name)
        return [r for r in runs if after_name is None or r.name > after_name][:limit]


class MemorySupportEntryRepository(_Repo, SupportEntryRepository):
    def add(self, entry: SupportEntry) -> SupportEntry:
        stored = replace(entry, id=len(self._store.support) + 1)
        self._store.support.append(stored)
        return stored

    def count(self) -> int:
        return len(self._store.support)

    def latest(self, limit: int) -> builtins.list[SupportEntry]:
        return list(reversed(self._store.support))[:limit]


class MemoryVisitorHitRepository(_Repo, VisitorHitRepository):
    def add(self, hit: VisitorHit) -> None:
        self._store.visitors.append(hit)

    def daily(self, since: date) -> builtins.list[tuple[date, int, int]]:
        days: dict[date, builtins.list[str]] = {}
        for hit in self._store.visitors:
            if hit.day >= since:
                days.setdefault(hit.day, []).append(hit.visitor)
        return [(day, len(v), len(set(v))) for day, v in sorted(days.items())]


class MemoryApiUnitOfWork(ApiUnitOfWork):
    """Works on a copy of the store's state; `commit` publishes it, exit discards the rest."""

    _FIELDS = ("api_keys", "idempotency", "experiments", "support", "visitors")

    def __init__(self, store: MemoryApiStore) -> None:
        self._store = store

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self._saved = {name: copy.copy(getattr(self._store, name)) for name in self._FIELDS}
        self.api_keys = MemoryApiKeyRepository(self._store)
        self.idempotency = MemoryIdempotencyRepository(self._store)
        self.experiments = MemoryExperimentRunRepository(self._store)
        self.support = MemorySupportEntryRepository(self._store)
        self.visitors = MemoryVisitorHitRepository(self._store)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            self._store.lock.release()

    def commit(self) -> None:
        self._saved = {name: copy.copy(getattr(self._store, name)) for name in self._FIELDS}

    def rollback(self) -> None:
        for name, value in self._saved.items():
            setattr(self._store, name, copy.copy(value))
