"""Plain annotation TSV with a header: `accession go_id [evidence_code] [aspect] [gene_symbol]`.

The shape of `human2022/dev_annotations.tsv.gz` (accession gene_symbol go_id evidence_code
aspect) and `swissprot2014/*_annotations*.tsv.gz` (accession go_id aspect). Columns are found by
header name (case-insensitive; `accession` and `go_id` required); other columns are kept in
`extras`. Checked: accession non-empty, `GO:` + 7 digits, a known evidence code and an aspect
(letter or word) when those columns are present; an empty evidence code or aspect reads None.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from protea_domain.annotations.aspect import Aspect, parse_aspect
from protea_domain.annotations.fields import parse_evidence_code, parse_go_id
from protea_domain.parsing.fields import required
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.parsing.tabular import RowParser, TsvHeader, parse_tsv

ANNOTATION_TSV_COLUMNS = ("accession", "go_id", "evidence_code", "aspect", "gene_symbol")


@dataclass(frozen=True, slots=True)
class AnnotationRow:
    """One `accession go_id` row; optional columns are None when absent or empty."""

    accession: str
    go_id: str
    line: int
    evidence_code: str | None = None
    aspect: Aspect | None = None
    gene_symbol: str | None = None
    extras: tuple[tuple[str, str], ...] = ()


def _key(name: str) -> str | None:
    key = name.strip().lower()
    return key if key in ANNOTATION_TSV_COLUMNS else None


def parse_annotation_tsv(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[AnnotationRow | SkippedLine]:
    """Yield an `AnnotationRow` per data row.

    Raises `FatalParseError` for a missing header or required column; `ParseError` at the first
    bad row when `strict`, else yields a `SkippedLine` for it.
    """
    yield from parse_tsv(
        lines, source, keys=_key, required=("accession", "go_id"), row_parser=_row_parser,
        strict=strict,
    )  # fmt: skip


def _row_parser(header: TsvHeader) -> RowParser[AnnotationRow]:
    accession_at = header.positions["accession"]
    go_at = header.positions["go_id"]
    evidence_at = header.position("evidence_code")
    aspect_at = header.position("aspect")
    symbol_at = header.position("gene_symbol")
    unknown = header.unknown()

    def parse(columns: list[str], line: int) -> AnnotationRow:
        evidence = columns[evidence_at] if evidence_at is not None else ""
        aspect = columns[aspect_at] if aspect_at is not None else ""
        symbol = columns[symbol_at] if symbol_at is not None else ""
        return AnnotationRow(
            required(columns[accession_at], "accession"),
            parse_go_id(columns[go_at]),
            line,
            parse_evidence_code(evidence) if evidence else None,
            parse_aspect(aspect) if aspect else None,
            symbol or None,
            tuple((name, columns[i]) for i, name in unknown) if unknown else (),
        )

    return parse
