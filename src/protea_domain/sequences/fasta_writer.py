"""Writing FASTA: UniProt-style headers from a `Protein`, and wrapped sequence lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence

_KEY = re.compile(r"(?:^| )(?:OS|OX|GN|PE|SV)=")


def format_header(protein: Protein) -> str:
    """The header (without `>`) that `parse_fasta_header` reads back as `protein`.

    UniProt form when the protein has an entry name and a known `reviewed`; otherwise the
    accession followed by the description. Raises `ValueError` when a description contains one
    of the ` OS=`-style keys, which would not read back.
    """
    description = protein.description or ""
    if protein.entry_name is None or protein.reviewed is None:
        return f"{protein.accession} {description}".rstrip()
    if _KEY.search(description):
        raise ValueError(f"description would not read back: {description!r}")
    db = "sp" if protein.reviewed else "tr"
    parts = [f"{db}|{protein.accession}|{protein.entry_name}"]
    if description:
        parts.append(description)
    for key, value in (
        ("OS", protein.organism),
        ("OX", protein.taxon_id),
        ("GN", protein.gene_name),
        ("PE", protein.protein_existence),
        ("SV", protein.sequence_version),
    ):
        if value is not None:
            parts.append(f"{key}={value}")
    return " ".join(parts)


def format_fasta(protein: Protein, sequence: Sequence, width: int = 60) -> Iterator[str]:
    """Yield the lines (with `\\n`) of one FASTA record, sequence wrapped at `width`."""
    yield f">{format_header(protein)}\n"
    residues = sequence.residues
    for start in range(0, len(residues), width):
        yield residues[start : start + width] + "\n"
