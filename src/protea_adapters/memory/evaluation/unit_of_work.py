"""In-memory evaluation unit of work: the biodata unit of work plus the evaluation store,
both rolled back unless committed."""

from __future__ import annotations

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.biodata.unit_of_work import MemoryBioDataUnitOfWork
from protea_adapters.memory.evaluation.repository import MemoryEvaluationRepository
from protea_adapters.memory.evaluation.store import MemoryEvaluationStore
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWork


class MemoryEvaluationUnitOfWork(MemoryBioDataUnitOfWork, EvaluationUnitOfWork):
    def __init__(self, store: MemoryBioDataStore, evaluation: MemoryEvaluationStore) -> None:
        super().__init__(store)
        self._evaluation_store = evaluation
        self._evaluation_saved = evaluation.snapshot()
        self.evaluation = MemoryEvaluationRepository(store, evaluation)

    def __enter__(self) -> MemoryEvaluationUnitOfWork:
        super().__enter__()
        self._evaluation_saved = self._evaluation_store.snapshot()
        return self

    def commit(self) -> None:
        super().commit()
        self._evaluation_saved = self._evaluation_store.snapshot()

    def rollback(self) -> None:
        super().rollback()
        self._evaluation_store.restore(self._evaluation_saved)
