"""The interpro repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.biodata.interpro_repository_contract import InterProRepositoryContract
from tests.support.biodata import BioUowFactory


class TestMemoryInterProRepository(InterProRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_memory_factory: BioUowFactory) -> BioUowFactory:
        return biodata_memory_factory


class TestSqliteInterProRepository(InterProRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_sqlite_factory: BioUowFactory) -> BioUowFactory:
        return biodata_sqlite_factory


@pytest.mark.postgres
class TestPostgresInterProRepository(InterProRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_postgres_factory: BioUowFactory) -> BioUowFactory:
        return biodata_postgres_factory
