"""Proteins: UniProt entry metadata, and a protein with its sequence as read from FASTA."""

from __future__ import annotations

from dataclasses import dataclass

from protea_domain.sequences.sequence import Sequence


@dataclass(frozen=True, slots=True)
class Protein:
    """One accession. Isoforms (`P12345-2`) carry their canonical accession and number;
    `reviewed` is True for Swiss-Prot (`sp`), False for TrEMBL (`tr`), None when unknown."""

    accession: str
    canonical_accession: str
    isoform: int | None = None
    entry_name: str | None = None
    description: str | None = None
    organism: str | None = None
    taxon_id: int | None = None
    gene_name: str | None = None
    protein_existence: int | None = None
    sequence_version: int | None = None
    reviewed: bool | None = None

    @property
    def is_isoform(self) -> bool:
        return self.isoform is not None


@dataclass(frozen=True, slots=True)
class ProteinRecord:
    """A FASTA record: the protein, its sequence, the header text and its 1-based line."""

    protein: Protein
    sequence: Sequence
    header: str
    line: int

    @property
    def accession(self) -> str:
        return self.protein.accession
