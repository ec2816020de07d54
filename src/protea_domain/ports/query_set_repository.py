"""Query set repository port."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from protea_domain.sequences.query_set import QuerySet, QuerySetEntry


class QuerySetRepository(Protocol):
    """Query sets and their entries, inside the owning unit of work. Entry sequences must
    have been stored through `ProteinRepository.add_sequences` first."""

    def add(self, query_set: QuerySet, entries: Sequence[QuerySetEntry]) -> None:
        """Store a set with all its entries. Raises `ConflictError` for an existing id or
        name, `NotFoundError` for an entry whose sequence is not stored."""
        ...

    def get(self, query_set_id: UUID) -> QuerySet:
        """Raises `NotFoundError`."""
        ...

    def find(self, name: str) -> QuerySet | None:
        """The set with that name, or None."""
        ...

    def entries(self, query_set_id: UUID) -> list[QuerySetEntry]:
        """Entries in file order. Raises `NotFoundError` for an unknown set."""
        ...

    def list_sets(self, limit: int, after: str | None = None) -> list[QuerySet]:
        """At most `limit` query sets ordered by name, only names greater than `after`
        (keyset pagination)."""
        ...
