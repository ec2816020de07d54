"""The annotation repository contract, subclassed once per adapter."""

from __future__ import annotations

from uuid import uuid4

import pytest

from protea_domain.annotations.aspect import Aspect
from protea_domain.annotations.fact import Fact
from protea_domain.errors import NotFoundError
from protea_domain.ontology.terms import OntologySnapshot
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from tests.contract.biodata.records import EDGES, TERMS, annotation, annotation_set, snapshot
from tests.support.biodata import BioUowFactory

ACCESSIONS = ("P62258", "O95832", "P31946-2")
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


# Seven rows of three proteins, interleaved; qualifiers as GAF 2.2 writes them. Only a `NOT`
# element of the pipe-separated qualifier negates.
FACT_ROWS = (
    annotation("O95832", "GO:0044237", 1, qualifier="involved_in", evidence_code="EXP"),
    annotation("P62258", "GO:0005737", 2, qualifier="NOT|located_in", evidence_code="IDA"),
    annotation("O95832", "GO:0005737", 3, qualifier="NOT|part_of", evidence_code="IDA"),
    annotation("P31946-2", "GO:0005622", 4),
    annotation("P62258", "GO:0009987", 5, qualifier="NOTE|acts_upstream_of", evidence_code="TAS"),
    annotation("P31946-2", "GO:0005737", 6, qualifier="located_in", evidence_code="IEA"),
    annotation("O95832", "GO:0008150", 7, qualifier="NOT", evidence_code="ND"),
)
FACTS = [
    Fact("O95832", "GO:0044237", "EXP", False),
    Fact("P62258", "GO:0005737", "IDA", True),
    Fact("O95832", "GO:0005737", "IDA", True),
    Fact("P31946-2", "GO:0005622", None, False),
    Fact("P62258", "GO:0009987", "TAS", False),
    Fact("P31946-2", "GO:0005737", "IEA", False),
    Fact("O95832", "GO:0008150", "ND", True),
]


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

    def test_annotation_facts_stream_every_row_in_load_order(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        chosen, other = annotation_set(stored_snapshot.id), annotation_set(stored_snapshot.id)
        with uow_factory() as uow:
            for item in (chosen, other):
                uow.annotations.begin_set(item)
            # Proteins interleaved and loaded in two chunks: load order, not accession order.
            uow.annotations.add_annotations(chosen.id, [*FACT_ROWS[:4]])
            uow.annotations.add_annotations(other.id, [annotation("P62258", "GO:0008150", 1)])
            uow.commit()
        with uow_factory() as uow:
            uow.annotations.add_annotations(chosen.id, [*FACT_ROWS[4:]])
            uow.annotations.complete_set(chosen.id, len(FACT_ROWS), {})
            uow.annotations.complete_set(other.id, 1, {})
            uow.commit()
        with uow_factory() as uow:
            assert list(uow.annotations.annotation_facts(chosen.id)) == FACTS
            assert list(uow.annotations.annotation_facts(other.id)) == [
                Fact("P62258", "GO:0008150", None, False)
            ]

    def test_annotation_facts_of_an_unknown_or_loading_set_raise_when_called(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        loading, empty = annotation_set(stored_snapshot.id), annotation_set(stored_snapshot.id)
        with uow_factory() as uow:
            uow.annotations.begin_set(loading)
            uow.annotations.add_annotations(loading.id, [FULL])
            uow.annotations.begin_set(empty)
            uow.annotations.complete_set(empty.id, 0, {})
            uow.commit()
        with uow_factory() as uow:
            for set_id in (loading.id, uuid4()):
                with pytest.raises(NotFoundError):
                    uow.annotations.annotation_facts(set_id)  # not iterated: raised eagerly
            assert list(uow.annotations.annotation_facts(empty.id)) == []

    def test_annotation_facts_leave_the_unit_of_work_usable(
        self, uow_factory: BioUowFactory, stored_snapshot: OntologySnapshot
    ) -> None:
        loaded = annotation_set(stored_snapshot.id)
        with uow_factory() as uow:
            uow.annotations.begin_set(loaded)
            uow.annotations.add_annotations(loaded.id, [*FACT_ROWS])
            uow.annotations.complete_set(loaded.id, len(FACT_ROWS), {})
            uow.commit()
        with uow_factory() as uow:
            seen = []
            for fact in uow.annotations.annotation_facts(loaded.id):
                seen.append(fact)  # other statements while the stream is open
                assert uow.annotations.get_set(loaded.id).id == loaded.id
            assert seen == FACTS
            stopped = uow.annotations.annotation_facts(loaded.id)
            assert next(stopped) == FACTS[0]
            del stopped  # abandoned early: the statement is released
            assert uow.annotations.count(loaded.id) == len(FACT_ROWS)
            later = annotation_set(stored_snapshot.id, version="2023")
            uow.annotations.begin_set(later)
            uow.annotations.complete_set(later.id, 0, {})
            uow.commit()
        with uow_factory() as uow:
            assert uow.annotations.get_set(later.id).version == "2023"
