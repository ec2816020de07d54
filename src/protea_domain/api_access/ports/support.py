"""Support entry repository port."""

from __future__ import annotations

from typing import Protocol

from protea_domain.api_access.support import SupportEntry


class SupportEntryRepository(Protocol):
    """Append-only thumbs-up entries, inside a unit of work (transactional)."""

    def add(self, entry: SupportEntry) -> SupportEntry:
        """Store the entry and return it with its assigned, increasing `id`."""
        ...

    def count(self) -> int:
        """How many entries exist."""
        ...

    def latest(self, limit: int) -> list[SupportEntry]:
        """The newest `limit` entries, newest first."""
        ...
