"""Every biodata operation, built from its dependencies (for `build_registry`)."""

from __future__ import annotations

from protea_domain.operations.biodata.create_query_set import CreateQuerySetOperation
from protea_domain.operations.biodata.fetch_uniprot_metadata import FetchUniProtMetadataOperation
from protea_domain.operations.biodata.insert_proteins import InsertProteinsOperation
from protea_domain.operations.biodata.load_annotations import annotation_operations
from protea_domain.operations.biodata.load_interpro import LoadInterProGoMappingOperation
from protea_domain.operations.biodata.load_ontology import LoadOntologySnapshotOperation
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.ports.operation import Operation
from protea_domain.ports.remote_files import RemoteFiles
from protea_domain.ports.uniprot_search import UniProtSearch


def biodata_operations(
    uow_factory: BioDataUnitOfWorkFactory,
    clock: Clock,
    *,
    search: UniProtSearch | None = None,
    remote: RemoteFiles | None = None,
) -> list[Operation]:
    return [
        LoadOntologySnapshotOperation(uow_factory, clock, remote),
        InsertProteinsOperation(uow_factory, search, remote),
        FetchUniProtMetadataOperation(uow_factory, search, remote),
        *annotation_operations(uow_factory, clock, remote),
        LoadInterProGoMappingOperation(uow_factory, remote),
        CreateQuerySetOperation(uow_factory, clock, remote),
    ]
