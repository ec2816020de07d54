"""The embedding repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.embeddings.conftest import Factories
from tests.contract.embeddings.embedding_repository_contract import EmbeddingRepositoryContract


class TestMemoryEmbeddingRepository(EmbeddingRepositoryContract):
    @pytest.fixture
    def factories(self, memory_factories: Factories) -> Factories:
        return memory_factories


class TestSqliteEmbeddingRepository(EmbeddingRepositoryContract):
    @pytest.fixture
    def factories(self, sqlite_factories: Factories) -> Factories:
        return sqlite_factories


@pytest.mark.postgres
class TestPostgresEmbeddingRepository(EmbeddingRepositoryContract):
    @pytest.fixture
    def factories(self, postgres_factories: Factories) -> Factories:
        return postgres_factories
