"""Annotation sets and the protein GO annotations they hold (evidence fields kept verbatim)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from protea_domain.annotations.aspect import Aspect


@dataclass(frozen=True, slots=True)
class AnnotationSet:
    """A complete load of one source release (`source`, `version`) mapped onto the ontology
    snapshot `snapshot_id`. Only complete sets are visible to readers."""

    id: UUID
    source: str
    version: str
    snapshot_id: UUID
    created_at: datetime
    annotation_count: int = 0
    report: dict[str, int] | None = None


@dataclass(frozen=True, slots=True)
class ProteinAnnotation:
    """One GO annotation of a protein. `go_id` is the snapshot's primary id; `given_go_id` the
    id as written in the file (differs when an alt id was remapped). Other fields are the
    source's columns verbatim (None when the format has no such column)."""

    accession: str
    go_id: str
    aspect: Aspect | None = None
    qualifier: str | None = None
    evidence_code: str | None = None
    eco_id: str | None = None
    db: str | None = None
    db_object_symbol: str | None = None
    db_reference: str | None = None
    with_from: str | None = None
    taxon: str | None = None
    date: str | None = None
    assigned_by: str | None = None
    annotation_extension: str | None = None
    gene_product_form_id: str | None = None
    given_go_id: str | None = None
    line: int = 0

    @property
    def is_negated(self) -> bool:
        return self.qualifier is not None and "NOT" in self.qualifier.split("|")
