"""The embedding unit of work on SQLAlchemy: one session, one transaction, rolled back unless
committed (shares the process's session factory)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.embeddings.repositories import (
    SqlEmbeddingRepository,
    SqlPredictionRepository,
    SqlScoringConfigRepository,
)
from protea_adapters.sqlalchemy.session_unit_of_work import SessionUnitOfWork
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork


class SqlEmbeddingUnitOfWork(SessionUnitOfWork, EmbeddingUnitOfWork):
    def _bind(self, session: Session) -> None:
        self.embeddings = SqlEmbeddingRepository(session)
        self.predictions = SqlPredictionRepository(session)
        self.scoring = SqlScoringConfigRepository(session)
