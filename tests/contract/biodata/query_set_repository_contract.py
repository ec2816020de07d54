"""The query set repository contract, subclassed once per adapter."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest

from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.sequences.query_set import QuerySet, QuerySetEntry
from tests.contract.biodata.records import T0, reference_records
from tests.support.biodata import BioUowFactory


class QuerySetRepositoryContract:
    @pytest.fixture
    def uow_factory(self) -> BioUowFactory:
        raise NotImplementedError

    def test_round_trip_in_file_order(self, uow_factory: BioUowFactory, shared_data: Path) -> None:
        records = reference_records(shared_data, 3)
        query_set = QuerySet(uuid4(), "casp-targets", T0, 4, "upload.fasta")
        entries = [
            QuerySetEntry(query_set.id, i, r.accession, r.sequence.md5, r.header)
            for i, r in enumerate([*records, records[0]])
        ]
        with uow_factory() as uow:
            uow.proteins.add_sequences(r.sequence for r in records)
            uow.query_sets.add(query_set, list(reversed(entries)))
            uow.commit()
        with uow_factory() as uow:
            assert uow.query_sets.get(query_set.id) == query_set
            assert uow.query_sets.find("casp-targets") == query_set
            assert uow.query_sets.entries(query_set.id) == entries
            with pytest.raises(ConflictError):
                uow.query_sets.add(QuerySet(uuid4(), "casp-targets", T0), [])

    def test_missing_set_or_sequence(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            assert uow.query_sets.find("nope") is None
            with pytest.raises(NotFoundError):
                uow.query_sets.get(uuid4())
            with pytest.raises(NotFoundError):
                uow.query_sets.entries(uuid4())
            query_set = QuerySet(uuid4(), "x", T0, 1)
            with pytest.raises(NotFoundError):
                uow.query_sets.add(query_set, [QuerySetEntry(query_set.id, 0, "x", "f" * 32)])

    def test_listing_by_name_in_pages(self, uow_factory: BioUowFactory) -> None:
        names = ["delta", "alpha", "charlie", "bravo", "echo"]
        with uow_factory() as uow:
            for name in names:
                uow.query_sets.add(QuerySet(uuid4(), name, T0), [])
            uow.commit()
        with uow_factory() as uow:
            first = uow.query_sets.list_sets(2)
            rest = uow.query_sets.list_sets(10, first[-1].name)
        assert [s.name for s in first] == ["alpha", "bravo"]
        assert [s.name for s in rest] == ["charlie", "delta", "echo"]
