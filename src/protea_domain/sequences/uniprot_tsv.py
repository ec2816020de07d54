"""UniProtKB REST `format=tsv` output: one entry per row, columns found by header label.

Known labels (case-insensitive): Entry (required), Entry Name, Reviewed, Protein names,
Gene Names, Gene Names (primary), Organism, Organism (ID), Length, Sequence, Protein existence,
Gene Ontology IDs. Any other column is kept, by its label, in `extras`. Checked: Entry is a
UniProtKB accession (isoform suffix allowed), Reviewed is `reviewed`/`unreviewed`, Organism (ID)
a positive integer, Length a non-negative integer, Sequence valid residues matching Length when
both are given, Gene Ontology IDs `GO:` + 7 digits separated by `; `. Empty cells read None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from protea_domain.errors import InvalidInputError
from protea_domain.parsing.fields import FieldError, parse_int
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.parsing.tabular import RowParser, TsvHeader, parse_tsv
from protea_domain.sequences.accession import is_uniprot_accession, split_isoform
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence

UNIPROT_TSV_COLUMNS: dict[str, str] = {
    "entry": "accession",
    "entry name": "entry_name",
    "reviewed": "reviewed",
    "protein names": "protein_names",
    "gene names": "gene_names",
    "gene names (primary)": "primary_gene_name",
    "organism": "organism",
    "organism (id)": "taxon_id",
    "length": "length",
    "sequence": "sequence",
    "protein existence": "protein_existence",
    "gene ontology ids": "go_ids",
}
_REVIEWED = {"reviewed": True, "unreviewed": False}
_GO_ID = re.compile(r"GO:[0-9]{7}")


@dataclass(frozen=True, slots=True)
class UniProtEntry:
    """One UniProtKB TSV row; unknown columns in `extras` by their header label."""

    accession: str
    line: int
    entry_name: str | None = None
    reviewed: bool | None = None
    protein_names: str | None = None
    gene_names: tuple[str, ...] = ()
    primary_gene_name: str | None = None
    organism: str | None = None
    taxon_id: int | None = None
    length: int | None = None
    sequence: Sequence | None = None
    protein_existence: str | None = None
    go_ids: tuple[str, ...] = ()
    extras: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def to_protein(self) -> Protein:
        """The `Protein` this row describes (gene name: the primary one, else the first)."""
        canonical, isoform = split_isoform(self.accession)
        gene = self.primary_gene_name or (self.gene_names[0] if self.gene_names else None)
        return Protein(
            self.accession, canonical, isoform, entry_name=self.entry_name,
            description=self.protein_names, organism=self.organism, taxon_id=self.taxon_id,
            gene_name=gene, reviewed=self.reviewed,
        )  # fmt: skip


def uniprot_column_key(label: str) -> str | None:
    """The `UniProtEntry` attribute for a UniProt TSV column label, or None if unknown."""
    return UNIPROT_TSV_COLUMNS.get(" ".join(label.lower().split()))


def parse_uniprot_tsv(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[UniProtEntry | SkippedLine]:
    """Yield a `UniProtEntry` per data row.

    Raises `FatalParseError` for a missing header or Entry column; `ParseError` at the first bad
    row when `strict`, else yields a `SkippedLine` for it.
    """
    yield from parse_tsv(
        lines, source, keys=uniprot_column_key, required=("accession",),
        row_parser=_row_parser, strict=strict,
    )  # fmt: skip


def _row_parser(header: TsvHeader) -> RowParser[UniProtEntry]:
    positions = dict(header.positions)
    unknown = header.unknown()

    def parse(columns: list[str], line: int) -> UniProtEntry:
        def get(key: str) -> str | None:
            index = positions.get(key)
            return (columns[index].strip() or None) if index is not None else None

        accession = get("accession") or ""
        if not is_uniprot_accession(accession):
            raise FieldError(
                "accession", "invalid_value", f"not a UniProtKB accession: {accession!r}"
            )
        length = _optional_int(get("length"), "length", 0)
        sequence = _sequence(get("sequence"), length)
        return UniProtEntry(
            accession,
            line,
            entry_name=get("entry_name"),
            reviewed=_reviewed(get("reviewed")),
            protein_names=get("protein_names"),
            gene_names=tuple((get("gene_names") or "").split()),
            primary_gene_name=get("primary_gene_name"),
            organism=get("organism"),
            taxon_id=_optional_int(get("taxon_id"), "taxon_id", 1),
            length=length,
            sequence=sequence,
            protein_existence=get("protein_existence"),
            go_ids=_go_ids(get("go_ids")),
            extras=MappingProxyType({name: columns[i] for i, name in unknown}),
        )

    return parse


def _optional_int(text: str | None, field: str, minimum: int) -> int | None:
    return None if text is None else parse_int(text, field, minimum=minimum)


def _reviewed(text: str | None) -> bool | None:
    if text is None:
        return None
    value = _REVIEWED.get(text.lower())
    if value is None:
        raise FieldError("reviewed", "invalid_value", f"expected reviewed/unreviewed: {text!r}")
    return value


def _sequence(text: str | None, length: int | None) -> Sequence | None:
    if text is None:
        return None
    try:
        sequence = Sequence.from_text(text)
    except InvalidInputError as error:
        raise FieldError("sequence", "invalid_residue", str(error)) from None
    if length is not None and len(sequence) != length:
        raise FieldError(
            "sequence", "invalid_value", f"{len(sequence)} residues but Length is {length}"
        )
    return sequence


def _go_ids(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    ids = tuple(part.strip() for part in text.split(";"))
    for go_id in ids:
        if _GO_ID.fullmatch(go_id) is None:
            raise FieldError("go_ids", "invalid_value", f"not a GO id (GO:NNNNNNN): {go_id!r}")
    return ids
