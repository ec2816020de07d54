"""SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.sqlalchemy.batch_repository import SqlBatchRepository
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_adapters.sqlalchemy.job_repository import SqlJobRepository
from protea_adapters.sqlalchemy.outbox_repository import SqlOutboxRepository
from protea_domain.ports.unit_of_work import UnitOfWork


class SqlUnitOfWork(UnitOfWork):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self.jobs = SqlJobRepository(self._session)
        self.outbox = SqlOutboxRepository(self._session)
        self.batches = SqlBatchRepository(self._session)
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
