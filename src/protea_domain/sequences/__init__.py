"""Sequences and proteins: the `Sequence` value object, UniProt accessions, FASTA and UniProt
metadata parsers."""

from protea_domain.sequences.accession import is_uniprot_accession, split_isoform
from protea_domain.sequences.alphabet import PROTEIN_ALPHABET, first_invalid_residue
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.sequences.fasta_header import parse_fasta_header
from protea_domain.sequences.fasta_writer import format_fasta, format_header
from protea_domain.sequences.protein import Protein, ProteinRecord
from protea_domain.sequences.sequence import Sequence, residues_md5
from protea_domain.sequences.uniprot_tsv import UniProtEntry, parse_uniprot_tsv

__all__ = [
    "PROTEIN_ALPHABET",
    "Protein",
    "ProteinRecord",
    "Sequence",
    "UniProtEntry",
    "first_invalid_residue",
    "format_fasta",
    "format_header",
    "is_uniprot_accession",
    "parse_fasta",
    "parse_fasta_header",
    "parse_uniprot_tsv",
    "residues_md5",
    "split_isoform",
]
