"""In-memory unit of work: serialised by the store's lock, rolled back unless committed."""

from __future__ import annotations

from protea_adapters.memory.batch_repository import MemoryBatchRepository
from protea_adapters.memory.job_repository import MemoryJobRepository
from protea_adapters.memory.outbox_repository import MemoryOutboxRepository
from protea_adapters.memory.snapshot_unit_of_work import SnapshotUnitOfWork
from protea_adapters.memory.store import MemoryStore
from protea_domain.ports.unit_of_work import UnitOfWork


class MemoryUnitOfWork(SnapshotUnitOfWork, UnitOfWork):
    def __init__(self, store: MemoryStore) -> None:
        super().__init__(store)
        self.jobs = MemoryJobRepository(store)
        self.outbox = MemoryOutboxRepository(store)
        self.batches = MemoryBatchRepository(store)
