"""In-memory embedding unit of work: serialised by the store's lock, rolled back unless
committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from protea_adapters.memory.embeddings.repositories import (
    MemoryEmbeddingRepository,
    MemoryPredictionRepository,
)
from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork


class MemoryEmbeddingUnitOfWork(EmbeddingUnitOfWork):
    def __init__(self, store: MemoryEmbeddingStore) -> None:
        self._store = store
        self.embeddings = MemoryEmbeddingRepository(store)
        self.predictions = MemoryPredictionRepository(store)

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self._saved = self._store.snapshot()
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
        self._saved = self._store.snapshot()

    def rollback(self) -> None:
        self._store.restore(self._saved)
