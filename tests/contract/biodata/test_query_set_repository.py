"""The query set repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.biodata.query_set_repository_contract import QuerySetRepositoryContract
from tests.support.biodata import BioUowFactory


class TestMemoryQuerySetRepository(QuerySetRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_memory_factory: BioUowFactory) -> BioUowFactory:
        return biodata_memory_factory


class TestSqliteQuerySetRepository(QuerySetRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_sqlite_factory: BioUowFactory) -> BioUowFactory:
        return biodata_sqlite_factory


@pytest.mark.postgres
class TestPostgresQuerySetRepository(QuerySetRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_postgres_factory: BioUowFactory) -> BioUowFactory:
        return biodata_postgres_factory
