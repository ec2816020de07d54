"""The evaluation unit of work on SQLAlchemy: the biodata unit of work plus the evaluation
repository, on one session and one transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.evaluation.repository import SqlEvaluationRepository
from protea_domain.ports.evaluation_unit_of_work import (
    EvaluationUnitOfWork,
    EvaluationUnitOfWorkFactory,
)


class SqlEvaluationUnitOfWork(SqlBioDataUnitOfWork, EvaluationUnitOfWork):
    def _bind(self, session: Session) -> None:
        super()._bind(session)
        self.evaluation = SqlEvaluationRepository(session)


def sql_evaluation_uow_factory(
    session_factory: sessionmaker[Session],
) -> EvaluationUnitOfWorkFactory:
    """What `build_evaluation_operations` takes, over the process's session factory."""
    return lambda: SqlEvaluationUnitOfWork(session_factory)
