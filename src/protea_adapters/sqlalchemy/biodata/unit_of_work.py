"""The biodata unit of work on SQLAlchemy: one session, one transaction, rolled back unless
committed (shares the process's session factory with `SqlUnitOfWork`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.annotation_repository import SqlAnnotationRepository
from protea_adapters.sqlalchemy.biodata.interpro_repository import SqlInterProRepository
from protea_adapters.sqlalchemy.biodata.ontology_repository import SqlOntologyRepository
from protea_adapters.sqlalchemy.biodata.protein_repository import SqlProteinRepository
from protea_adapters.sqlalchemy.biodata.query_set_repository import SqlQuerySetRepository
from protea_adapters.sqlalchemy.session_unit_of_work import SessionUnitOfWork
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork


class SqlBioDataUnitOfWork(SessionUnitOfWork, BioDataUnitOfWork):
    def _bind(self, session: Session) -> None:
        self.proteins = SqlProteinRepository(session)
        self.ontology = SqlOntologyRepository(session)
        self.annotations = SqlAnnotationRepository(session)
        self.query_sets = SqlQuerySetRepository(session)
        self.interpro = SqlInterProRepository(session)
