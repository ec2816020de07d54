"""In-memory embedding unit of work: serialised by the store's lock, rolled back unless
committed."""

from __future__ import annotations

from protea_adapters.memory.embeddings.repositories import (
    MemoryEmbeddingRepository,
    MemoryPredictionRepository,
    MemoryScoringConfigRepository,
)
from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_adapters.memory.snapshot_unit_of_work import SnapshotUnitOfWork
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork


class MemoryEmbeddingUnitOfWork(SnapshotUnitOfWork, EmbeddingUnitOfWork):
    def __init__(self, store: MemoryEmbeddingStore) -> None:
        super().__init__(store)
        self.embeddings = MemoryEmbeddingRepository(store)
        self.predictions = MemoryPredictionRepository(store)
        self.scoring = MemoryScoringConfigRepository(store)
