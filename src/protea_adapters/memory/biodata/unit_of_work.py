"""In-memory biodata unit of work: serialised by the store's lock, rolled back unless
committed."""

from __future__ import annotations

from protea_adapters.memory.biodata.annotation_repository import MemoryAnnotationRepository
from protea_adapters.memory.biodata.interpro_repository import MemoryInterProRepository
from protea_adapters.memory.biodata.ontology_repository import MemoryOntologyRepository
from protea_adapters.memory.biodata.protein_repository import MemoryProteinRepository
from protea_adapters.memory.biodata.query_set_repository import MemoryQuerySetRepository
from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.snapshot_unit_of_work import SnapshotUnitOfWork
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork


class MemoryBioDataUnitOfWork(SnapshotUnitOfWork, BioDataUnitOfWork):
    def __init__(self, store: MemoryBioDataStore) -> None:
        super().__init__(store)
        self.proteins = MemoryProteinRepository(store)
        self.ontology = MemoryOntologyRepository(store)
        self.annotations = MemoryAnnotationRepository(store)
        self.query_sets = MemoryQuerySetRepository(store)
        self.interpro = MemoryInterProRepository(store)
