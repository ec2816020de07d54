"""FASTA header lines: UniProt and plain."""

from __future__ import annotations

import pytest

from protea_domain.parsing import FieldError
from protea_domain.sequences import Protein, parse_fasta_header


def test_uniprot_swissprot_header() -> None:
    protein = parse_fasta_header(
        "sp|P62258|1433E_HUMAN 14-3-3 protein epsilon OS=Homo sapiens OX=9606 GN=YWHAE PE=1 SV=1"
    )
    assert protein == Protein(
        "P62258",
        "P62258",
        None,
        entry_name="1433E_HUMAN",
        description="14-3-3 protein epsilon",
        organism="Homo sapiens",
        taxon_id=9606,
        gene_name="YWHAE",
        protein_existence=1,
        sequence_version=1,
        reviewed=True,
    )


def test_trembl_isoform_header_without_gene_pe_sv() -> None:
    protein = parse_fasta_header(
        "tr|A0A024R161-2|A0A024R161_HUMAN Isoform 2 of Guanine nucleotide-binding protein "
        "OS=Homo sapiens (Human) OX=9606"
    )
    assert protein.accession == "A0A024R161-2"
    assert (protein.canonical_accession, protein.isoform, protein.is_isoform) == (
        "A0A024R161",
        2,
        True,
    )
    assert protein.reviewed is False
    assert protein.organism == "Homo sapiens (Human)"
    assert protein.description == "Isoform 2 of Guanine nucleotide-binding protein"
    assert (protein.gene_name, protein.protein_existence, protein.sequence_version) == (
        None,
        None,
        None,
    )


def test_description_may_contain_equals_signs_and_pipes() -> None:
    protein = parse_fasta_header("sp|P12345|ABC_HUMAN Protein a=b|c OS=Mus musculus OX=10090")
    assert protein.description == "Protein a=b|c"
    assert protein.taxon_id == 10090


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("A0A314", Protein("A0A314", "A0A314")),
        ("P12345-4 some free text", Protein("P12345-4", "P12345", 4, description="some free text")),
        ("query_1\tOS=ignored", Protein("query_1", "query_1", description="OS=ignored")),
        (
            "gi|12345|ref|NP_1.1| x",
            Protein("gi|12345|ref|NP_1.1|", "gi|12345|ref|NP_1.1|", description="x"),
        ),
    ],
)
def test_plain_headers(header: str, expected: Protein) -> None:
    assert parse_fasta_header(header) == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("", "header"),
        ("sp|12345|ABC_HUMAN x", "accession"),
        ("sp|P12345|ABCHUMAN x", "entry_name"),
        ("sp|P12345|ABC_HUMAN x OX=human", "taxon_id"),
        ("sp|P12345|ABC_HUMAN x OX=0", "taxon_id"),
        ("sp|P12345|ABC_HUMAN x PE=6", "protein_existence"),
        ("sp|P12345|ABC_HUMAN x SV=v2", "sequence_version"),
        ("sp|P12345|ABC_HUMAN x OS=a OS=b", "header"),
    ],
)
def test_bad_headers_name_the_field(header: str, field: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_fasta_header(header)
    assert caught.value.field == field
