"""The committed state behind the in-memory biodata repositories."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, fields, replace
from typing import Any
from uuid import UUID

from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.interpro import InterProGoLink
from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.query_set import QuerySet, QuerySetEntry
from protea_domain.sequences.sequence import Sequence


@dataclass
class MemoryBioDataStore:
    """Every value is immutable (dataclasses, tuples), so a shallow copy of each container is
    a consistent snapshot. A unit of work holds `lock` from enter to exit."""

    sequences: dict[str, Sequence] = field(default_factory=dict)
    proteins: dict[str, tuple[Protein, str]] = field(default_factory=dict)
    snapshots: dict[UUID, OntologySnapshot] = field(default_factory=dict)
    terms: dict[UUID, dict[str, GoTerm]] = field(default_factory=dict)
    relationships: dict[UUID, tuple[TermRelationship, ...]] = field(default_factory=dict)
    annotation_sets: dict[UUID, tuple[AnnotationSet, bool]] = field(default_factory=dict)
    annotations: dict[UUID, tuple[ProteinAnnotation, ...]] = field(default_factory=dict)
    query_sets: dict[UUID, tuple[QuerySet, tuple[QuerySetEntry, ...]]] = field(default_factory=dict)
    interpro_entries: dict[str, str] = field(default_factory=dict)
    interpro_links: dict[str, tuple[InterProGoLink, ...]] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def snapshot(self) -> MemoryBioDataStore:
        copies: dict[str, Any] = {
            f.name: dict(getattr(self, f.name)) for f in fields(self) if f.name != "lock"
        }
        return replace(self, **copies)

    def restore(self, saved: MemoryBioDataStore) -> None:
        for f in fields(self):
            if f.name != "lock":
                setattr(self, f.name, dict(getattr(saved, f.name)))
