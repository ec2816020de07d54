"""In-memory unit of work: serialised by the store's lock, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from protea_adapters.memory.batch_repository import MemoryBatchRepository
from protea_adapters.memory.job_repository import MemoryJobRepository
from protea_adapters.memory.outbox_repository import MemoryOutboxRepository
from protea_adapters.memory.store import MemoryStore
from protea_domain.ports.unit_of_work import UnitOfWork


class MemoryUnitOfWork(UnitOfWork):
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.jobs = MemoryJobRepository(store)
        self.outbox = MemoryOutboxRepository(store)
        self.batches = MemoryBatchRepository(store)
        self.committed = False

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self._snapshot = self._store.snapshot()
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
        self._snapshot = self._store.snapshot()
        self.committed = True

    def rollback(self) -> None:
        self._store.restore(self._snapshot)
