"""Turning each annotation format's parsed rows into `ProteinAnnotation`s (fields verbatim)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from protea_domain.annotations.annotation_set import ProteinAnnotation
from protea_domain.annotations.annotation_tsv import AnnotationRow, parse_annotation_tsv
from protea_domain.annotations.gaf import parse_gaf
from protea_domain.annotations.gaf_record import GafAnnotation
from protea_domain.annotations.quickgo import QuickGoAnnotation, parse_quickgo_tsv
from protea_domain.parsing.skipped import SkippedLine

ParsedRows = Iterator[ProteinAnnotation | SkippedLine]

FORMATS = ("gaf", "quickgo", "tsv")


def from_gaf(item: GafAnnotation) -> ProteinAnnotation:
    return ProteinAnnotation(
        accession=item.db_object_id,
        go_id=item.go_id,
        aspect=item.aspect,
        qualifier=item.qualifier or None,
        evidence_code=item.evidence_code,
        db=item.db,
        db_object_symbol=item.db_object_symbol or None,
        db_reference=item.db_reference or None,
        with_from=item.with_from or None,
        taxon=item.taxon or None,
        date=item.date or None,
        assigned_by=item.assigned_by or None,
        annotation_extension=item.annotation_extension or None,
        gene_product_form_id=item.gene_product_form_id or None,
        line=item.line,
    )


def _quickgo_accession(item: QuickGoAnnotation) -> str:
    """QuickGO writes `UniProtKB:P12345`; the accession is what follows the database."""
    _, sep, rest = item.gene_product_id.partition(":")
    return rest if sep else item.gene_product_id


def from_quickgo(item: QuickGoAnnotation) -> ProteinAnnotation:
    return ProteinAnnotation(
        accession=_quickgo_accession(item),
        go_id=item.go_id,
        aspect=item.aspect,
        qualifier=item.qualifier or None,
        evidence_code=item.evidence_code or None,
        eco_id=item.eco_id or None,
        db=item.db or None,
        db_object_symbol=item.symbol or None,
        db_reference=item.reference or None,
        with_from=item.with_from or None,
        taxon=None if item.taxon_id is None else f"taxon:{item.taxon_id}",
        date=item.date or None,
        assigned_by=item.assigned_by or None,
        annotation_extension=item.annotation_extension or None,
        line=item.line,
    )


def from_tsv(item: AnnotationRow) -> ProteinAnnotation:
    return ProteinAnnotation(
        accession=item.accession,
        go_id=item.go_id,
        aspect=item.aspect,
        evidence_code=item.evidence_code,
        db_object_symbol=item.gene_symbol,
        line=item.line,
    )


def parse_annotations(lines: Iterable[str], source: str, format: str) -> ParsedRows:
    """Lenient parse of `lines` in `format` (`gaf`, `quickgo`, `tsv`): rows or skipped lines.
    A broken header still raises `FatalParseError`."""
    if format == "gaf":
        for gaf in parse_gaf(lines, source, strict=False):
            yield gaf if isinstance(gaf, SkippedLine) else from_gaf(gaf)
    elif format == "quickgo":
        for quick in parse_quickgo_tsv(lines, source, strict=False):
            yield quick if isinstance(quick, SkippedLine) else from_quickgo(quick)
    elif format == "tsv":
        for row in parse_annotation_tsv(lines, source, strict=False):
            yield row if isinstance(row, SkippedLine) else from_tsv(row)
    else:
        raise ValueError(f"unknown annotation format {format!r}; known: {', '.join(FORMATS)}")
