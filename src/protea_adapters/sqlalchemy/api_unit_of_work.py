"""SQLAlchemy unit of work over the API-owned records."""

from __future__ import annotations

from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.api_repositories import (
    SqlApiKeyRepository,
    SqlExperimentRunRepository,
    SqlIdempotencyRepository,
    SqlSupportEntryRepository,
    SqlVisitorHitRepository,
)
from protea_adapters.sqlalchemy.session_unit_of_work import SessionUnitOfWork
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork


class SqlApiUnitOfWork(SessionUnitOfWork, ApiUnitOfWork):
    def _bind(self, session: Session) -> None:
        self.api_keys = SqlApiKeyRepository(session)
        self.idempotency = SqlIdempotencyRepository(session)
        self.experiments = SqlExperimentRunRepository(session)
        self.support = SqlSupportEntryRepository(session)
        self.visitors = SqlVisitorHitRepository(session)
