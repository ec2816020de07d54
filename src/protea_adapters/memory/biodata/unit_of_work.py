"""In-memory biodata unit of work: serialised by the store's lock, rolled back unless
committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from protea_adapters.memory.biodata.annotation_repository import MemoryAnnotationRepository
from protea_adapters.memory.biodata.interpro_repository import MemoryInterProRepository
from protea_adapters.memory.biodata.ontology_repository import MemoryOntologyRepository
from protea_adapters.memory.biodata.protein_repository import MemoryProteinRepository
from protea_adapters.memory.biodata.query_set_repository import MemoryQuerySetRepository
from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork


class MemoryBioDataUnitOfWork(BioDataUnitOfWork):
    def __init__(self, store: MemoryBioDataStore) -> None:
        self._store = store
        self.proteins = MemoryProteinRepository(store)
        self.ontology = MemoryOntologyRepository(store)
        self.annotations = MemoryAnnotationRepository(store)
        self.query_sets = MemoryQuerySetRepository(store)
        self.interpro = MemoryInterProRepository(store)
        self.committed = False

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
        self.committed = True

    def rollback(self) -> None:
        self._store.restore(self._saved)
