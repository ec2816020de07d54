"""The evaluation repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.evaluation.conftest import EvalUowFactory
from tests.contract.evaluation.evaluation_repository_contract import (
    EvaluationRepositoryContract,
)


class TestMemoryEvaluationRepository(EvaluationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, evaluation_memory_factory: EvalUowFactory) -> EvalUowFactory:
        return evaluation_memory_factory


class TestSqliteEvaluationRepository(EvaluationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, evaluation_sqlite_factory: EvalUowFactory) -> EvalUowFactory:
        return evaluation_sqlite_factory


@pytest.mark.postgres
class TestPostgresEvaluationRepository(EvaluationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, evaluation_postgres_factory: EvalUowFactory) -> EvalUowFactory:
        return evaluation_postgres_factory
