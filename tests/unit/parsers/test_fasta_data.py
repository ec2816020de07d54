"""The FASTA parser on the shared Swiss-Prot 2014 files: counts from shared/data/README.md."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from protea_domain.parsing import read_lines, source_name
from protea_domain.sequences import ProteinRecord, parse_fasta


@pytest.mark.parametrize(
    ("name", "proteins", "residues", "lengths"),
    [
        ("reference.fasta.gz", 40_000, 14_175_596, (3, 294, 18_141)),
        ("human_dev.fasta.gz", 8_589, 5_019_640, (31, 441, 6_885)),
    ],
)
def test_swissprot_2014_counts(
    shared_data: Path, name: str, proteins: int, residues: int, lengths: tuple[int, int, int]
) -> None:
    path = shared_data / "swissprot2014" / name
    sizes: list[int] = []
    accessions: list[str] = []
    for record in parse_fasta(read_lines(path), source_name(path), strict=False):
        assert isinstance(record, ProteinRecord), str(record)
        assert record.protein.isoform is None
        assert record.protein.description is None
        sizes.append(len(record.sequence))
        accessions.append(record.accession)
    assert len(sizes) == proteins
    assert sum(sizes) == residues
    assert (min(sizes), statistics.median_low(sizes), max(sizes)) == lengths
    assert accessions == sorted(accessions)
