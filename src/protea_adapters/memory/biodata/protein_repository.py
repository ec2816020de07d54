"""In-memory proteins and sequences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.errors import NotFoundError
from protea_domain.ports.protein_repository import ProteinRepository
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence as ProteinSequence


class MemoryProteinRepository(ProteinRepository):
    def __init__(self, store: MemoryBioDataStore) -> None:
        self._store = store

    def add_sequences(self, sequences: Iterable[ProteinSequence]) -> int:
        new = 0
        for sequence in sequences:
            if sequence.md5 not in self._store.sequences:
                self._store.sequences[sequence.md5] = sequence
                new += 1
        return new

    def add_proteins(self, proteins: Sequence[tuple[Protein, str]]) -> int:
        for _, md5 in proteins:
            if md5 not in self._store.sequences:
                raise NotFoundError(f"sequence {md5} is not stored")
        new = 0
        for protein, md5 in proteins:
            if protein.accession not in self._store.proteins:
                self._store.proteins[protein.accession] = (protein, md5)
                new += 1
        return new

    def update_metadata(self, proteins: Iterable[Protein]) -> int:
        updated = set()
        for protein in proteins:
            stored = self._store.proteins.get(protein.accession)
            if stored is None:
                continue
            merged = replace(
                stored[0],
                entry_name=protein.entry_name,
                description=protein.description,
                organism=protein.organism,
                taxon_id=protein.taxon_id,
                gene_name=protein.gene_name,
                protein_existence=protein.protein_existence,
                reviewed=protein.reviewed,
            )
            self._store.proteins[protein.accession] = (merged, stored[1])
            updated.add(protein.accession)
        return len(updated)

    def get(self, accession: str) -> Protein:
        try:
            return self._store.proteins[accession][0]
        except KeyError:
            raise NotFoundError(f"protein {accession} not found") from None

    def sequence_of(self, accession: str) -> ProteinSequence:
        stored = self._store.proteins.get(accession)
        if stored is None:
            raise NotFoundError(f"protein {accession} not found")
        return self._store.sequences[stored[1]]

    def sequence_by_md5(self, md5: str) -> ProteinSequence:
        try:
            return self._store.sequences[md5]
        except KeyError:
            raise NotFoundError(f"sequence {md5} not found") from None

    def by_canonical(self, canonical_accession: str) -> list[Protein]:
        return sorted(
            (
                p
                for p, _ in self._store.proteins.values()
                if p.canonical_accession == canonical_accession
            ),
            key=lambda p: p.accession,
        )

    def by_organism(
        self, taxon_id: int, *, limit: int = 1000, after: str | None = None
    ) -> list[Protein]:
        found = sorted(
            (
                p
                for p, _ in self._store.proteins.values()
                if p.taxon_id == taxon_id and (after is None or p.accession > after)
            ),
            key=lambda p: p.accession,
        )
        return found[:limit]

    def known_accessions(self, accessions: Iterable[str] | None = None) -> set[str]:
        if accessions is None:
            return set(self._store.proteins)
        return {a for a in accessions if a in self._store.proteins}

    def count(self) -> tuple[int, int]:
        return len(self._store.proteins), len(self._store.sequences)
