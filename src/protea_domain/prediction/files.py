"""Local-file convenience for in-memory annotation: OBO, FASTA, GAF/TSV (`.gz` transparently)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from protea_domain.evaluation.files import open_text
from protea_domain.ontology.obo_parser import OboTerm, iter_obo
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.inputs import read_annotation_inputs
from protea_domain.prediction.references import (
    AnnotationInput,
    EvidenceFilter,
    ReferenceAnnotations,
    build_reference_annotations,
)
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.sequences.protein import ProteinRecord


def load_go_graph(path: str | Path) -> GoGraph:
    """The graph of an OBO file; its `version` is the header's data-version."""
    terms: list[OboTerm] = []
    version: str | None = None
    with open_text(path) as handle:
        for item in iter_obo(handle, str(path)):
            if isinstance(item, OboTerm):
                terms.append(item)
            else:
                version = item.data_version
    return GoGraph(terms, version)


def load_fasta(path: str | Path, accessions: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(accession, residues) per record, in file order; only `accessions` when given."""
    wanted = set(accessions) if accessions is not None else None
    with open_text(path) as handle:
        return [
            (item.accession, item.sequence.residues)
            for item in parse_fasta(handle, str(path))
            if isinstance(item, ProteinRecord) and (wanted is None or item.accession in wanted)
        ]


def load_annotation_inputs(path: str | Path) -> list[AnnotationInput]:
    with open_text(path) as handle:
        return list(read_annotation_inputs(handle, str(path)))


def load_reference_annotations(
    path: str | Path, graph: GoGraph, evidence_filter: EvidenceFilter = "all"
) -> ReferenceAnnotations:
    return build_reference_annotations(load_annotation_inputs(path), graph, evidence_filter)
