"""The ontology repository contract on every adapter."""

from __future__ import annotations

import pytest

from tests.contract.biodata.ontology_repository_contract import OntologyRepositoryContract
from tests.support.biodata import BioUowFactory


class TestMemoryOntologyRepository(OntologyRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_memory_factory: BioUowFactory) -> BioUowFactory:
        return biodata_memory_factory


class TestSqliteOntologyRepository(OntologyRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_sqlite_factory: BioUowFactory) -> BioUowFactory:
        return biodata_sqlite_factory


@pytest.mark.postgres
class TestPostgresOntologyRepository(OntologyRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_postgres_factory: BioUowFactory) -> BioUowFactory:
        return biodata_postgres_factory
