"""The protein repository contract, subclassed once per adapter."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from protea_domain.errors import NotFoundError
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from tests.contract.biodata.records import reference_records
from tests.support.biodata import BioUowFactory


class ProteinRepositoryContract:
    @pytest.fixture
    def uow_factory(self) -> BioUowFactory:
        raise NotImplementedError

    def test_sequences_are_deduplicated_and_proteins_idempotent(
        self, uow_factory: BioUowFactory, shared_data: Path
    ) -> None:
        records = reference_records(shared_data, 3)
        with uow_factory() as uow:
            assert uow.proteins.add_sequences([r.sequence for r in records] * 2) == 3
            pairs = [(r.protein, r.sequence.md5) for r in records]
            assert uow.proteins.add_proteins(pairs) == 3
            uow.commit()
        with uow_factory() as uow:
            assert uow.proteins.add_sequences([records[0].sequence]) == 0
            assert uow.proteins.add_proteins(pairs) == 0
            assert uow.proteins.count() == (3, 3)
            assert uow.proteins.get(records[1].accession) == records[1].protein
            assert uow.proteins.sequence_of(records[2].accession) == records[2].sequence
            assert uow.proteins.sequence_by_md5(records[0].sequence.md5) == records[0].sequence

    def test_missing_things_raise_not_found(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            with pytest.raises(NotFoundError):
                uow.proteins.get("P99999")
            with pytest.raises(NotFoundError):
                uow.proteins.sequence_of("P99999")
            with pytest.raises(NotFoundError):
                uow.proteins.sequence_by_md5("0" * 32)
            with pytest.raises(NotFoundError):
                uow.proteins.add_proteins([(Protein("P99999", "P99999"), "0" * 32)])

    def test_rollback_unless_committed(self, uow_factory: BioUowFactory) -> None:
        with uow_factory() as uow:
            uow.proteins.add_sequences([Sequence("MKV")])
        with uow_factory() as uow:
            assert uow.proteins.count() == (0, 0)

    def test_isoforms_by_canonical_and_organism_pages(self, uow_factory: BioUowFactory) -> None:
        sequence = Sequence("MSTNPKPQRKTKRNTNRRPQDVKFPGG")
        proteins = [
            Protein("P12345", "P12345", taxon_id=9606, organism="Homo sapiens"),
            Protein("P12345-2", "P12345", 2, taxon_id=9606),
            Protein("Q67890", "Q67890", taxon_id=10090),
            Protein("A0A000", "A0A000", taxon_id=9606),
        ]
        with uow_factory() as uow:
            uow.proteins.add_sequences([sequence])
            uow.proteins.add_proteins([(p, sequence.md5) for p in proteins])
            uow.commit()
        with uow_factory() as uow:
            assert [p.accession for p in uow.proteins.by_canonical("P12345")] == [
                "P12345",
                "P12345-2",
            ]
            first = uow.proteins.by_organism(9606, limit=2)
            assert [p.accession for p in first] == ["A0A000", "P12345"]
            rest = uow.proteins.by_organism(9606, limit=2, after="P12345")
            assert [p.accession for p in rest] == ["P12345-2"]
            assert uow.proteins.known_accessions(["P12345", "X1"]) == {"P12345"}
            assert uow.proteins.known_accessions() == {p.accession for p in proteins}

    def test_update_metadata_overwrites_known_proteins_only(
        self, uow_factory: BioUowFactory
    ) -> None:
        sequence = Sequence("MKVLAAGIVGLLLA")
        with uow_factory() as uow:
            uow.proteins.add_sequences([sequence])
            uow.proteins.add_proteins([(Protein("P62258", "P62258"), sequence.md5)])
            uow.commit()
        richer = Protein(
            "P62258",
            "P62258",
            entry_name="1433E_HUMAN",
            description="14-3-3 protein epsilon",
            organism="Homo sapiens",
            taxon_id=9606,
            gene_name="YWHAE",
            protein_existence=1,
            reviewed=True,
        )
        with uow_factory() as uow:
            assert uow.proteins.update_metadata([richer, Protein("Q00000", "Q00000")]) == 1
            uow.commit()
        with uow_factory() as uow:
            assert uow.proteins.get("P62258") == replace(richer, sequence_version=None)
