"""Ontology snapshot repository port."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol
from uuid import UUID

from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship


class OntologyRepository(Protocol):
    """Ontology snapshots with their terms and typed edges, inside the owning unit of work."""

    def add_snapshot(
        self,
        snapshot: OntologySnapshot,
        terms: Sequence[GoTerm],
        relationships: Sequence[TermRelationship],
    ) -> None:
        """Store a snapshot with all its terms and edges in the current transaction. Raises
        `ConflictError` if a snapshot with the same `data_version` exists. Not idempotent:
        callers check `find_snapshot` first."""
        ...

    def find_snapshot(self, data_version: str) -> OntologySnapshot | None:
        """The snapshot of that release, or None."""
        ...

    def get_snapshot(self, snapshot_id: UUID) -> OntologySnapshot:
        """Raises `NotFoundError`."""
        ...

    def snapshots(self) -> list[OntologySnapshot]:
        """Every snapshot, oldest load first."""
        ...

    def terms(self, snapshot_id: UUID, go_ids: Iterable[str] | None = None) -> list[GoTerm]:
        """Terms of the snapshot (those of `go_ids` when given; unknown ids are left out),
        ordered by id. Raises `NotFoundError` for an unknown snapshot."""
        ...

    def relationships(
        self, snapshot_id: UUID, relations: Iterable[str] | None = None
    ) -> list[TermRelationship]:
        """Edges of the snapshot of the given types (all when None), ordered by
        (child, parent, relation). Raises `NotFoundError` for an unknown snapshot."""
        ...
