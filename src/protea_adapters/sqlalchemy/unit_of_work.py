"""SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.batch_repository import SqlBatchRepository
from protea_adapters.sqlalchemy.job_repository import SqlJobRepository
from protea_adapters.sqlalchemy.outbox_repository import SqlOutboxRepository
from protea_adapters.sqlalchemy.session_unit_of_work import SessionUnitOfWork
from protea_domain.ports.unit_of_work import UnitOfWork


class SqlUnitOfWork(SessionUnitOfWork, UnitOfWork):
    def _bind(self, session: Session) -> None:
        self.jobs = SqlJobRepository(session)
        self.outbox = SqlOutboxRepository(session)
        self.batches = SqlBatchRepository(session)
