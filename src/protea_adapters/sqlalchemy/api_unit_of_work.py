"""SQLAlchemy unit of work over the API-owned records."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.sqlalchemy.api_repositories import (
    SqlApiKeyRepository,
    SqlExperimentRunRepository,
    SqlIdempotencyRepository,
    SqlSupportEntryRepository,
    SqlVisitorHitRepository,
)
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork


class SqlApiUnitOfWork(ApiUnitOfWork):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self.api_keys = SqlApiKeyRepository(self._session)
        self.idempotency = SqlIdempotencyRepository(self._session)
        self.experiments = SqlExperimentRunRepository(self._session)
        self.support = SqlSupportEntryRepository(self._session)
        self.visitors = SqlVisitorHitRepository(self._session)
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
