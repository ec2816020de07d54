"""The annotation repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.biodata.annotation_repository_contract import AnnotationRepositoryContract
from tests.support.biodata import BioUowFactory


class TestMemoryAnnotationRepository(AnnotationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_memory_factory: BioUowFactory) -> BioUowFactory:
        return biodata_memory_factory


class TestSqliteAnnotationRepository(AnnotationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_sqlite_factory: BioUowFactory) -> BioUowFactory:
        return biodata_sqlite_factory


@pytest.mark.postgres
class TestPostgresAnnotationRepository(AnnotationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_postgres_factory: BioUowFactory) -> BioUowFactory:
        return biodata_postgres_factory
