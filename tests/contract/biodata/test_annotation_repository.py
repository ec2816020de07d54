"""The annotation repository contract on every adapter, plus what only SQL storage can show:
facts streamed in small chunks by one statement."""

from __future__ import annotations

import pytest

from protea_domain.ontology.terms import OntologySnapshot
from tests.contract.biodata.annotation_repository_contract import (
    FACT_ROWS,
    FACTS,
    AnnotationRepositoryContract,
)
from tests.contract.biodata.records import annotation_set
from tests.support.biodata import BioUowFactory
from tests.support.statements import recorded_statements


class TestMemoryAnnotationRepository(AnnotationRepositoryContract):
    @pytest.fixture
    def uow_factory(self, biodata_memory_factory: BioUowFactory) -> BioUowFactory:
        return biodata_memory_factory


class SqlAnnotationRepositoryChecks(AnnotationRepositoryContract):
    @pytest.fixture(autouse=True)
    def small_chunks(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Three rows a fetch: the contract's seven-row sets cross chunk boundaries."""
        monkeypatch.setattr(
            "protea_adapters.sqlalchemy.biodata.annotation_repository.FACT_CHUNK_ROWS", 3
        )

    def test_annotation_facts_are_one_statement_whatever_the_row_count(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        small, large = annotation_set(stored_snapshot.id), annotation_set(stored_snapshot.id)
        many = [row for _ in range(30) for row in FACT_ROWS]
        with uow_factory() as uow:
            for item, rows in ((small, FACT_ROWS[:1]), (large, many)):
                uow.annotations.begin_set(item)
                uow.annotations.add_annotations(item.id, rows)
                uow.annotations.complete_set(item.id, len(rows), {})
            uow.commit()
        counts = []
        for item, expected in ((small, FACTS[:1]), (large, FACTS * 30)):
            with uow_factory() as uow:
                iterator = uow.annotations.annotation_facts(item.id)
                with recorded_statements() as statements:
                    assert list(iterator) == expected
                reads = [s for s in statements if "protein_annotations" in s]
                assert len(reads) == 1
                counts.append(len(statements))
        assert counts[0] == counts[1]


class TestSqliteAnnotationRepository(SqlAnnotationRepositoryChecks):
    @pytest.fixture
    def uow_factory(self, biodata_sqlite_factory: BioUowFactory) -> BioUowFactory:
        return biodata_sqlite_factory


@pytest.mark.postgres
class TestPostgresAnnotationRepository(SqlAnnotationRepositoryChecks):
    @pytest.fixture
    def uow_factory(self, biodata_postgres_factory: BioUowFactory) -> BioUowFactory:
        return biodata_postgres_factory
