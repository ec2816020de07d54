"""Protein and sequence repository port."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence as ProteinSequence


class ProteinRepository(Protocol):
    """Sequences (deduplicated by MD5) and proteins (one per accession), inside the unit of
    work that owns this repository: nothing is durable until it commits."""

    def add_sequences(self, sequences: Iterable[ProteinSequence]) -> int:
        """Store sequences not stored yet (by MD5); idempotent. Returns how many were new."""
        ...

    def add_proteins(self, proteins: Sequence[tuple[Protein, str]]) -> int:
        """Store `(protein, sequence_md5)` pairs whose accession is new; an existing accession
        is left as it is (idempotent). Every MD5 must have been added with `add_sequences`
        (else `NotFoundError`). Returns how many proteins were new."""
        ...

    def update_metadata(self, proteins: Iterable[Protein]) -> int:
        """Overwrite the UniProt metadata (entry name, description, organism, taxon, gene,
        existence, reviewed) of proteins already stored; unknown accessions are ignored.
        Returns how many were updated. Idempotent."""
        ...

    def get(self, accession: str) -> Protein:
        """The protein. Raises `NotFoundError`."""
        ...

    def sequence_of(self, accession: str) -> ProteinSequence:
        """The protein's sequence. Raises `NotFoundError`."""
        ...

    def sequence_by_md5(self, md5: str) -> ProteinSequence:
        """A stored sequence. Raises `NotFoundError`."""
        ...

    def by_canonical(self, canonical_accession: str) -> list[Protein]:
        """The canonical protein and its isoforms, by accession. Empty when none."""
        ...

    def by_organism(
        self, taxon_id: int, *, limit: int = 1000, after: str | None = None
    ) -> list[Protein]:
        """Proteins of a taxon ordered by accession, at most `limit`, accession > `after`."""
        ...

    def known_accessions(self, accessions: Iterable[str] | None = None) -> set[str]:
        """Which of `accessions` are stored (all stored accessions when None)."""
        ...

    def count(self) -> tuple[int, int]:
        """(proteins, sequences) stored."""
        ...
