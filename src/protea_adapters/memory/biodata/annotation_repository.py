"""In-memory annotation sets (a set is `(AnnotationSet, complete)`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from uuid import UUID

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.fact import Fact
from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.ports.annotation_repository import AnnotationRepository


class MemoryAnnotationRepository(AnnotationRepository):
    def __init__(self, store: MemoryBioDataStore) -> None:
        self._store = store

    def begin_set(self, annotation_set: AnnotationSet) -> None:
        if annotation_set.snapshot_id not in self._store.snapshots:
            raise NotFoundError(f"ontology snapshot {annotation_set.snapshot_id} not found")
        if annotation_set.id in self._store.annotation_sets:
            raise ConflictError(f"annotation set {annotation_set.id} exists")
        self._store.annotation_sets[annotation_set.id] = (
            replace(annotation_set, annotation_count=0, report=None),
            False,
        )
        self._store.annotations[annotation_set.id] = ()

    def _loading(self, set_id: UUID) -> AnnotationSet:
        stored = self._store.annotation_sets.get(set_id)
        if stored is None or stored[1]:
            raise NotFoundError(f"no annotation set {set_id} is loading")
        return stored[0]

    def add_annotations(self, set_id: UUID, annotations: Sequence[ProteinAnnotation]) -> None:
        self._loading(set_id)
        for item in annotations:
            if item.accession not in self._store.proteins:
                raise NotFoundError(f"protein {item.accession} is not stored")
        self._store.annotations[set_id] = self._store.annotations[set_id] + tuple(annotations)

    def complete_set(self, set_id: UUID, count: int, report: dict[str, int]) -> AnnotationSet:
        done = replace(self._loading(set_id), annotation_count=count, report=dict(report))
        self._store.annotation_sets[set_id] = (done, True)
        return done

    def discard_set(self, set_id: UUID) -> None:
        stored = self._store.annotation_sets.get(set_id)
        if stored is not None and not stored[1]:
            del self._store.annotation_sets[set_id]
            del self._store.annotations[set_id]

    def get_set(self, set_id: UUID) -> AnnotationSet:
        stored = self._store.annotation_sets.get(set_id)
        if stored is None or not stored[1]:
            raise NotFoundError(f"annotation set {set_id} not found")
        return stored[0]

    def find_set(self, source: str, version: str, snapshot_id: UUID) -> AnnotationSet | None:
        return next(
            (
                s
                for s in self.sets()
                if (s.source, s.version, s.snapshot_id) == (source, version, snapshot_id)
            ),
            None,
        )

    def sets(self) -> list[AnnotationSet]:
        complete = [s for s, done in self._store.annotation_sets.values() if done]
        return sorted(complete, key=lambda s: (s.created_at, str(s.id)))

    def annotations_of(self, set_id: UUID, accession: str) -> list[ProteinAnnotation]:
        self.get_set(set_id)
        return [a for a in self._store.annotations[set_id] if a.accession == accession]

    def annotation_facts(self, set_id: UUID) -> Iterator[Fact]:
        self.get_set(set_id)
        return (
            Fact(a.accession, a.go_id, a.evidence_code, a.is_negated)
            for a in self._store.annotations[set_id]
        )

    def count(self, set_id: UUID) -> int:
        return len(self._store.annotations.get(set_id, ()))
