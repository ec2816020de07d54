"""The protein repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.biodata.protein_repository_contract import ProteinRepositoryContract
from tests.support.biodata import BioUowFactory


class TestMemoryProteinRepository(ProteinRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_memory_factory: BioUowFactory) -> BioUowFactory:
        return biodata_memory_factory


class TestSqliteProteinRepository(ProteinRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_sqlite_factory: BioUowFactory) -> BioUowFactory:
        return biodata_sqlite_factory


@pytest.mark.postgres
class TestPostgresProteinRepository(ProteinRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_postgres_factory: BioUowFactory) -> BioUowFactory:
        return biodata_postgres_factory
