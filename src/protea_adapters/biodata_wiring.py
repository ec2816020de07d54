"""Building the biodata unit of work and operations from a process's session factory (for
`containers.py` and `build_registry`)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.http.remote_files import UrllibRemoteFiles
from protea_adapters.http.uniprot_search import DEFAULT_SEARCH_URL, UniProtRestSearch
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_domain.operations.biodata.registry import biodata_operations
from protea_domain.ports.clock import Clock
from protea_domain.ports.operation import Operation


def sql_biodata_uow_factory(
    session_factory: sessionmaker[Session],
) -> Callable[[], SqlBioDataUnitOfWork]:
    return lambda: SqlBioDataUnitOfWork(session_factory)


def build_biodata_operations(
    session_factory: sessionmaker[Session],
    clock: Clock,
    *,
    uniprot_search_url: str = DEFAULT_SEARCH_URL,
) -> list[Operation]:
    """Every biodata operation on SQL storage, with the UniProt REST search and URL downloads."""
    return biodata_operations(
        sql_biodata_uow_factory(session_factory),
        clock,
        search=UniProtRestSearch(uniprot_search_url),
        remote=UrllibRemoteFiles(),
    )
