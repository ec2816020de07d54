"""Small real records for the biodata contracts: GO ids and edges of go-basic 2022-07-01,
sequences of the first proteins of swissprot2014/reference.fasta.gz."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.aspect import Aspect
from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship
from protea_domain.parsing.opener import read_lines
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.sequences.protein import ProteinRecord

T0 = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)

# biological_process <- cellular process <- metabolic process <- ... (real 2022 edges)
TERMS = (
    GoTerm("GO:0008150", "biological_process", Aspect.P, alt_ids=("GO:0000004", "GO:0007582")),
    GoTerm("GO:0009987", "cellular process", Aspect.P),
    GoTerm("GO:0008152", "metabolic process", Aspect.P),
    GoTerm("GO:0044237", "cellular metabolic process", Aspect.P),
    GoTerm("GO:0005575", "cellular_component", Aspect.C),
    GoTerm("GO:0110165", "cellular anatomical entity", Aspect.C),
    GoTerm("GO:0005622", "intracellular anatomical structure", Aspect.C),
    GoTerm("GO:0005737", "cytoplasm", Aspect.C),
    GoTerm("GO:0000005", "obsolete ribosomal chaperone activity", Aspect.F, is_obsolete=True),
)
EDGES = (
    TermRelationship("GO:0009987", "GO:0008150", "is_a"),
    TermRelationship("GO:0008152", "GO:0008150", "is_a"),
    TermRelationship("GO:0044237", "GO:0009987", "is_a"),
    TermRelationship("GO:0044237", "GO:0008152", "is_a"),
    TermRelationship("GO:0110165", "GO:0005575", "is_a"),
    TermRelationship("GO:0005622", "GO:0110165", "is_a"),
    TermRelationship("GO:0005737", "GO:0110165", "is_a"),
    TermRelationship("GO:0005737", "GO:0005622", "part_of"),
)


def snapshot(data_version: str = "releases/2022-07-01") -> OntologySnapshot:
    return OntologySnapshot(
        uuid4(), data_version, T0, "1.2", "go-basic.obo", len(TERMS), len(EDGES)
    )


def reference_records(shared_data: Path, count: int) -> list[ProteinRecord]:
    path = shared_data / "swissprot2014" / "reference.fasta.gz"
    records = parse_fasta(read_lines(path), path.name)
    return [r for r in itertools.islice(records, count) if isinstance(r, ProteinRecord)]


def annotation_set(
    snapshot_id: object, source: str = "goa", version: str = "2022"
) -> AnnotationSet:
    return AnnotationSet(uuid4(), source, version, snapshot_id, T0)  # type: ignore[arg-type]


def annotation(accession: str, go_id: str, line: int, **fields: object) -> ProteinAnnotation:
    return ProteinAnnotation(accession=accession, go_id=go_id, line=line, **fields)  # type: ignore[arg-type]
