"""The annotation repository contract, subclassed once per adapter."""

from __future__ import annotations

from uuid import uuid4

import pytest

from protea_domain.annotations.aspect import Aspect
from protea_domain.errors import NotFoundError
from protea_domain.ontology.terms import OntologySnapshot
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from tests.contract.biodata.records import EDGES, TERMS, annotation, annotation_set, snapshot
from tests.support.biodata import BioUowFactory

ACCESSIONS = ("P62258", "O95832")
# A real GAF 2.1 line of goa_human (fields verbatim).
FULL = annotation(
    "P62258",
    "GO:0005737",
    7,
    aspect=Aspect.C,
    qualifier="NOT|located_in",
    evidence_code="IDA",
    eco_id="ECO:0000314",
    db="UniProtKB",
    db_object_symbol="YWHAE",
    db_reference="PMID:21630459",
    with_from="UniProtKB:P31946|UniProtKB:P61981",
    taxon="taxon:9606",
    date="20180421",
    assigned_by="UniProt",
    annotation_extension="part_of(CL:0000540)",
    gene_product_form_id="UniProtKB:P62258-2",
    given_go_id="GO:0005737",
)


class AnnotationRepositoryContract:
    @pytest.fixture
    def uow_factory(self) -> BioUowFactory:
        raise NotImplementedError

    @pytest.fixture
    def stored_snapshot(self, uow_factory: BioUowFactory) -> OntologySnapshot:
        stored = snapshot()
        sequence = Sequence("MDDREDLVYQAKLAEQAERYDEMV")
        with uow_factory() as uow:
            uow.ontology.add_snapshot(stored, TERMS, EDGES)
            uow.proteins.add_sequences([sequence])
            uow.proteins.add_proteins([(Protein(a, a), sequence.md5) for a in ACCESSIONS])
            uow.commit()
        return stored

    def test_a_set_is_invisible_until_complete(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        loading = annotation_set(stored_snapshot.id)
        rows = [FULL, annotation("P62258", "GO:0008150", 8), annotation("O95832", "GO:0009987", 9)]
        with uow_factory() as uow:
            uow.annotations.begin_set(loading)
            uow.annotations.add_annotations(loading.id, rows[:2])
            uow.commit()
        with uow_factory() as uow:
            uow.annotations.add_annotations(loading.id, rows[2:])
            uow.commit()
        with uow_factory() as uow:
            assert uow.annotations.count(loading.id) == 3
            assert uow.annotations.sets() == []
            assert uow.annotations.find_set("goa", "2022", stored_snapshot.id) is None
            with pytest.raises(NotFoundError):
                uow.annotations.get_set(loading.id)
            with pytest.raises(NotFoundError):
                uow.annotations.annotations_of(loading.id, "P62258")
            done = uow.annotations.complete_set(loading.id, 3, {"unknown_protein": 2})
            uow.commit()
        assert (done.annotation_count, done.report) == (3, {"unknown_protein": 2})
        with uow_factory() as uow:
            assert uow.annotations.sets() == [done]
            assert uow.annotations.get_set(loading.id) == done
            assert uow.annotations.find_set("goa", "2022", stored_snapshot.id) == done
            assert uow.annotations.annotations_of(loading.id, "P62258") == rows[:2]
            assert uow.annotations.annotations_of(loading.id, "Q00000") == []
            uow.annotations.discard_set(loading.id)
            uow.commit()
        with uow_factory() as uow:
            assert uow.annotations.count(loading.id) == 3

    def test_discard_removes_a_loading_set_with_its_rows(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        loading = annotation_set(stored_snapshot.id)
        with uow_factory() as uow:
            uow.annotations.begin_set(loading)
            uow.annotations.add_annotations(loading.id, [FULL])
            uow.commit()
        with uow_factory() as uow:
            uow.annotations.discard_set(loading.id)
            uow.annotations.discard_set(loading.id)
            uow.commit()
        with uow_factory() as uow:
            assert uow.annotations.count(loading.id) == 0
            with pytest.raises(NotFoundError):
                uow.annotations.complete_set(loading.id, 0, {})

    def test_references_must_exist(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        with uow_factory() as uow, pytest.raises(NotFoundError):
            uow.annotations.begin_set(annotation_set(uuid4()))
        loading = annotation_set(stored_snapshot.id)
        with uow_factory() as uow:
            uow.annotations.begin_set(loading)
            uow.commit()
        with uow_factory() as uow, pytest.raises(NotFoundError):
            uow.annotations.add_annotations(loading.id, [annotation("Q99999", "GO:0008150", 1)])
        with uow_factory() as uow, pytest.raises(NotFoundError):
            uow.annotations.add_annotations(uuid4(), [FULL])
