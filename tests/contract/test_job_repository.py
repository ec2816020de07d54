"""The job repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.conftest import UowFactory
from tests.contract.job_repository_contract import JobRepositoryContract


class TestMemoryJobRepository(JobRepositoryContract):
    @pytest.fixture
    def uow_factory(self, memory_uow_factory: UowFactory) -> UowFactory:
        return memory_uow_factory


class TestSqliteJobRepository(JobRepositoryContract):
    @pytest.fixture
    def uow_factory(self, sqlite_uow_factory: UowFactory) -> UowFactory:
        return sqlite_uow_factory


@pytest.mark.postgres
class TestPostgresJobRepository(JobRepositoryContract):
    @pytest.fixture
    def uow_factory(self, postgres_uow_factory: UowFactory) -> UowFactory:
        return postgres_uow_factory
