"""In-memory query sets."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.ports.query_set_repository import QuerySetRepository
from protea_domain.sequences.query_set import QuerySet, QuerySetEntry


class MemoryQuerySetRepository(QuerySetRepository):
    def __init__(self, store: MemoryBioDataStore) -> None:
        self._store = store

    def add(self, query_set: QuerySet, entries: Sequence[QuerySetEntry]) -> None:
        if query_set.id in self._store.query_sets or self.find(query_set.name) is not None:
            raise ConflictError(f"query set {query_set.name!r} exists")
        for entry in entries:
            if entry.sequence_md5 not in self._store.sequences:
                raise NotFoundError(f"sequence {entry.sequence_md5} is not stored")
        self._store.query_sets[query_set.id] = (query_set, tuple(entries))

    def get(self, query_set_id: UUID) -> QuerySet:
        try:
            return self._store.query_sets[query_set_id][0]
        except KeyError:
            raise NotFoundError(f"query set {query_set_id} not found") from None

    def find(self, name: str) -> QuerySet | None:
        return next((s for s, _ in self._store.query_sets.values() if s.name == name), None)

    def list_sets(self, limit: int, after: str | None = None) -> list[QuerySet]:
        named = sorted((s for s, _ in self._store.query_sets.values()), key=lambda s: s.name)
        return [s for s in named if after is None or s.name > after][:limit]

    def entries(self, query_set_id: UUID) -> list[QuerySetEntry]:
        self.get(query_set_id)
        return sorted(self._store.query_sets[query_set_id][1], key=lambda e: e.position)
