"""QuickGO's TSV annotation download (www.ebi.ac.uk/QuickGO/annotations, `Download` as TSV).

Columns are found by header name, compared case-insensitively with `_` read as a space:
GENE PRODUCT DB, GENE PRODUCT ID (required), SYMBOL, QUALIFIER, GO TERM (required), GO ASPECT,
GO NAME, ECO ID, GO EVIDENCE CODE, REFERENCE, WITH/FROM, TAXON ID, INTERACTING TAXON ID,
ASSIGNED BY, ANNOTATION EXTENSION, DATE, TAXON NAME, GENE PRODUCT NAME, GENE PRODUCT SYNONYMS
(or SYNONYMS), GENE PRODUCT TYPE (or TYPE), SLIMMED FROM; any other column is kept in `extras`.
Checked when present and non-empty: GO TERM (`GO:` + 7 digits), GO ASPECT (letter or
`biological_process`-style word), ECO ID, GO EVIDENCE CODE (a known code), TAXON IDs (positive
integers), DATE (`YYYYMMDD`). Values are kept as written; a column that is absent reads `None`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from protea_domain.annotations.aspect import Aspect, parse_aspect
from protea_domain.annotations.fields import (
    parse_date,
    parse_eco_id,
    parse_evidence_code,
    parse_go_id,
    parse_taxon_number,
)
from protea_domain.annotations.qualifiers import is_negated
from protea_domain.parsing.fields import required
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.parsing.tabular import RowParser, TsvHeader, parse_tsv

QUICKGO_COLUMNS: dict[str, str] = {
    "GENE PRODUCT DB": "db",
    "GENE PRODUCT ID": "gene_product_id",
    "SYMBOL": "symbol",
    "QUALIFIER": "qualifier",
    "GO TERM": "go_id",
    "GO ASPECT": "aspect",
    "GO NAME": "go_name",
    "ECO ID": "eco_id",
    "GO EVIDENCE CODE": "evidence_code",
    "REFERENCE": "reference",
    "WITH/FROM": "with_from",
    "TAXON ID": "taxon_id",
    "INTERACTING TAXON ID": "interacting_taxon_id",
    "ASSIGNED BY": "assigned_by",
    "ANNOTATION EXTENSION": "annotation_extension",
    "DATE": "date",
    "TAXON NAME": "taxon_name",
    "GENE PRODUCT NAME": "gene_product_name",
    "GENE PRODUCT SYNONYMS": "synonyms",
    "SYNONYMS": "synonyms",
    "GENE PRODUCT TYPE": "gene_product_type",
    "TYPE": "gene_product_type",
    "SLIMMED FROM": "slimmed_from",
}


@dataclass(frozen=True, slots=True)
class QuickGoAnnotation:
    """One QuickGO row; text columns verbatim (None when the column is absent)."""

    gene_product_id: str
    go_id: str
    line: int
    db: str | None = None
    symbol: str | None = None
    qualifier: str | None = None
    aspect: Aspect | None = None
    go_name: str | None = None
    eco_id: str | None = None
    evidence_code: str | None = None
    reference: str | None = None
    with_from: str | None = None
    taxon_id: int | None = None
    interacting_taxon_id: int | None = None
    assigned_by: str | None = None
    annotation_extension: str | None = None
    date: str | None = None
    taxon_name: str | None = None
    gene_product_name: str | None = None
    synonyms: str | None = None
    gene_product_type: str | None = None
    slimmed_from: str | None = None
    extras: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def negated(self) -> bool:
        return is_negated(self.qualifier or "")

    @property
    def accession(self) -> str:
        """The gene product id without a `DB:` prefix (`UniProtKB:P12345` -> `P12345`)."""
        return self.gene_product_id.partition(":")[2] or self.gene_product_id


def quickgo_column_key(name: str) -> str | None:
    """The record attribute a QuickGO header name maps to, or None for an unknown column."""
    return QUICKGO_COLUMNS.get(" ".join(name.replace("_", " ").upper().split()))


def parse_quickgo_tsv(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[QuickGoAnnotation | SkippedLine]:
    """Yield a `QuickGoAnnotation` per data row of a QuickGO TSV download.

    Raises `FatalParseError` for a missing header or required column; `ParseError` at the first
    bad row when `strict`, else yields a `SkippedLine` for it.
    """
    yield from parse_tsv(
        lines, source, keys=quickgo_column_key, required=("gene_product_id", "go_id"),
        row_parser=_row_parser, strict=strict,
    )  # fmt: skip


def _row_parser(header: TsvHeader) -> RowParser[QuickGoAnnotation]:
    positions = dict(header.positions)
    unknown = header.unknown()

    def parse(columns: list[str], line: int) -> QuickGoAnnotation:
        def get(key: str) -> str | None:
            index = positions.get(key)
            return None if index is None else columns[index]

        aspect = get("aspect")
        eco_id = get("eco_id")
        evidence = get("evidence_code")
        taxon = get("taxon_id")
        interacting = get("interacting_taxon_id")
        date = get("date")
        if date:
            parse_date(date)
        return QuickGoAnnotation(
            gene_product_id=required(get("gene_product_id") or "", "gene_product_id"),
            go_id=parse_go_id(get("go_id") or ""),
            line=line,
            aspect=parse_aspect(aspect) if aspect else None,
            eco_id=parse_eco_id(eco_id) if eco_id else eco_id,
            evidence_code=parse_evidence_code(evidence) if evidence else evidence,
            taxon_id=parse_taxon_number(taxon, "taxon_id") if taxon else None,
            interacting_taxon_id=(
                parse_taxon_number(interacting, "interacting_taxon_id") if interacting else None
            ),
            date=date,
            db=get("db"),
            symbol=get("symbol"),
            qualifier=get("qualifier"),
            go_name=get("go_name"),
            reference=get("reference"),
            with_from=get("with_from"),
            assigned_by=get("assigned_by"),
            annotation_extension=get("annotation_extension"),
            taxon_name=get("taxon_name"),
            gene_product_name=get("gene_product_name"),
            synonyms=get("synonyms"),
            gene_product_type=get("gene_product_type"),
            slimmed_from=get("slimmed_from"),
            extras=MappingProxyType({name: columns[i] for i, name in unknown}),
        )

    return parse
