"""GO annotations: evidence codes, aspects, and parsers for GAF, QuickGO TSV, plain annotation
TSV, InterPro2GO and UniProt `DR   GO` lines."""

from protea_domain.annotations.annotation_tsv import AnnotationRow, parse_annotation_tsv
from protea_domain.annotations.aspect import Aspect, parse_aspect
from protea_domain.annotations.evidence import (
    EXPERIMENTAL_EVIDENCE_CODES,
    KNOWN_EVIDENCE_CODES,
    is_experimental,
    is_known_evidence_code,
)
from protea_domain.annotations.gaf import parse_gaf
from protea_domain.annotations.gaf_record import GafAnnotation
from protea_domain.annotations.gaf_writer import format_gaf_header, format_gaf_line
from protea_domain.annotations.interpro2go import InterProGoMapping, parse_interpro2go
from protea_domain.annotations.quickgo import QuickGoAnnotation, parse_quickgo_tsv
from protea_domain.annotations.uniprot_go import UniProtGoAnnotation, parse_uniprot_go

__all__ = [
    "EXPERIMENTAL_EVIDENCE_CODES",
    "KNOWN_EVIDENCE_CODES",
    "AnnotationRow",
    "Aspect",
    "GafAnnotation",
    "InterProGoMapping",
    "QuickGoAnnotation",
    "UniProtGoAnnotation",
    "format_gaf_header",
    "format_gaf_line",
    "is_experimental",
    "is_known_evidence_code",
    "parse_annotation_tsv",
    "parse_aspect",
    "parse_gaf",
    "parse_interpro2go",
    "parse_quickgo_tsv",
    "parse_uniprot_go",
]
