"""In-memory batch children."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import datetime
from uuid import UUID

from protea_adapters.memory.store import MemoryStore
from protea_domain.jobs.batch import BatchChild, BatchCounts, ChildStatus
from protea_domain.jobs.errors import JobNotFoundError
from protea_domain.ports.batch_repository import BatchRepository


class MemoryBatchRepository(BatchRepository):
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    def start(self, parent_id: UUID, child_key: str, at: datetime) -> BatchChild:
        if parent_id not in self._store.jobs:
            raise JobNotFoundError(parent_id)
        key = (parent_id, child_key)
        child = self._store.batches.get(key)
        if child is None:
            child = BatchChild(parent_id, child_key, ChildStatus.RUNNING, 1, at)
        elif child.status is ChildStatus.RUNNING:
            child = dataclasses.replace(child, attempts=child.attempts + 1, updated_at=at)
        self._store.batches[key] = child
        return child

    def finish(
        self, parent_id: UUID, child_key: str, status: ChildStatus, error: str | None, at: datetime
    ) -> bool:
        key = (parent_id, child_key)
        child = self._store.batches.get(key)
        if child is None or child.status is not ChildStatus.RUNNING:
            return False
        self._store.batches[key] = dataclasses.replace(
            child, status=status, error=error, updated_at=at
        )
        return True

    def counts(self, parent_id: UUID) -> BatchCounts:
        tally = Counter(
            child.status
            for (parent, _), child in self._store.batches.items()
            if parent == parent_id
        )
        return BatchCounts(
            tally[ChildStatus.SUCCEEDED], tally[ChildStatus.FAILED], tally[ChildStatus.RUNNING]
        )
