"""The biodata unit of work on SQLAlchemy: one session, one transaction, rolled back unless
committed (shares the process's session factory with `SqlUnitOfWork`)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.sqlalchemy.biodata.annotation_repository import SqlAnnotationRepository
from protea_adapters.sqlalchemy.biodata.interpro_repository import SqlInterProRepository
from protea_adapters.sqlalchemy.biodata.ontology_repository import SqlOntologyRepository
from protea_adapters.sqlalchemy.biodata.protein_repository import SqlProteinRepository
from protea_adapters.sqlalchemy.biodata.query_set_repository import SqlQuerySetRepository
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork


class SqlBioDataUnitOfWork(BioDataUnitOfWork):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self.proteins = SqlProteinRepository(self._session)
        self.ontology = SqlOntologyRepository(self._session)
        self.annotations = SqlAnnotationRepository(self._session)
        self.query_sets = SqlQuerySetRepository(self._session)
        self.interpro = SqlInterProRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._session.rollback()
        finally:
            self._session.close()

    def commit(self) -> None:
        with storage_errors():
            self._session.commit()

    def rollback(self) -> None:
        self._session.rollback()
