"""In-memory ontology snapshots."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship
from protea_domain.ports.ontology_repository import OntologyRepository


class MemoryOntologyRepository(OntologyRepository):
    def __init__(self, store: MemoryBioDataStore) -> None:
        self._store = store

    def add_snapshot(
        self,
        snapshot: OntologySnapshot,
        terms: Sequence[GoTerm],
        relationships: Sequence[TermRelationship],
    ) -> None:
        if self.find_snapshot(snapshot.data_version) is not None:
            raise ConflictError(f"ontology snapshot {snapshot.data_version!r} exists")
        by_id = {t.go_id: t for t in terms}
        if len(by_id) != len(terms):
            raise ConflictError("a term id appears twice")
        edges = tuple(dict.fromkeys(relationships))
        if len(edges) != len(relationships):
            raise ConflictError("an edge appears twice")
        for edge in edges:
            if edge.child not in by_id or edge.parent not in by_id:
                raise NotFoundError(f"edge {edge} names a term not in the snapshot")
        self._store.snapshots[snapshot.id] = snapshot
        self._store.terms[snapshot.id] = by_id
        self._store.relationships[snapshot.id] = edges

    def find_snapshot(self, data_version: str) -> OntologySnapshot | None:
        return next(
            (s for s in self._store.snapshots.values() if s.data_version == data_version), None
        )

    def get_snapshot(self, snapshot_id: UUID) -> OntologySnapshot:
        try:
            return self._store.snapshots[snapshot_id]
        except KeyError:
            raise NotFoundError(f"ontology snapshot {snapshot_id} not found") from None

    def snapshots(self) -> list[OntologySnapshot]:
        return sorted(self._store.snapshots.values(), key=lambda s: (s.loaded_at, s.data_version))

    def terms(self, snapshot_id: UUID, go_ids: Iterable[str] | None = None) -> list[GoTerm]:
        self.get_snapshot(snapshot_id)
        terms = self._store.terms[snapshot_id]
        chosen = terms.values() if go_ids is None else (terms[i] for i in set(go_ids) if i in terms)
        return sorted(chosen, key=lambda t: t.go_id)

    def relationships(
        self, snapshot_id: UUID, relations: Iterable[str] | None = None
    ) -> list[TermRelationship]:
        self.get_snapshot(snapshot_id)
        allowed = None if relations is None else set(relations)
        return sorted(
            (
                e
                for e in self._store.relationships[snapshot_id]
                if allowed is None or e.relation in allowed
            ),
            key=lambda e: (e.child, e.parent, e.relation),
        )
