"""The ontology repository contract, subclassed once per adapter."""

from __future__ import annotations

from uuid import uuid4

import pytest

from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.ontology.terms import TermRelationship
from tests.contract.biodata.records import EDGES, TERMS, snapshot
from tests.support.biodata import BioUowFactory


class OntologyRepositoryContract:
    @pytest.fixture
    def uow_factory(self) -> BioUowFactory:
        raise NotImplementedError

    def test_round_trip_of_terms_and_edges(self, uow_factory: BioUowFactory) -> None:
        stored = snapshot()
        with uow_factory() as uow:
            uow.ontology.add_snapshot(stored, TERMS, EDGES)
            uow.commit()
        with uow_factory() as uow:
            assert uow.ontology.find_snapshot(stored.data_version) == stored
            assert uow.ontology.get_snapshot(stored.id) == stored
            assert uow.ontology.snapshots() == [stored]
            assert uow.ontology.terms(stored.id) == sorted(TERMS, key=lambda t: t.go_id)
            assert uow.ontology.terms(stored.id, ["GO:0005737", "GO:9999999"]) == [TERMS[7]]
            assert uow.ontology.relationships(stored.id) == sorted(
                EDGES, key=lambda e: (e.child, e.parent, e.relation)
            )
            assert uow.ontology.relationships(stored.id, ["part_of"]) == [EDGES[-1]]

    def test_data_version_is_unique(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            uow.ontology.add_snapshot(snapshot(), TERMS, EDGES)
            uow.commit()
        with uow_factory() as uow, pytest.raises(ConflictError):
            uow.ontology.add_snapshot(snapshot(), TERMS, EDGES)

    def test_unknown_snapshot_and_dangling_edge(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            assert uow.ontology.find_snapshot("releases/1999-01-01") is None
            for call in (
                lambda: uow.ontology.get_snapshot(uuid4()),
                lambda: uow.ontology.terms(uuid4()),
                lambda: uow.ontology.relationships(uuid4()),
            ):
                with pytest.raises(NotFoundError):
                    call()
            dangling = TermRelationship("GO:0005737", "GO:0000001", "is_a")
            with pytest.raises(NotFoundError):
                uow.ontology.add_snapshot(snapshot(), TERMS, (*EDGES, dangling))

    def test_snapshot_is_not_visible_without_commit(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            uow.ontology.add_snapshot(snapshot(), TERMS, EDGES)
        with uow_factory() as uow:
            assert uow.ontology.snapshots() == []
