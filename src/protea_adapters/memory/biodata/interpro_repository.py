"""In-memory InterPro entries and links."""

from __future__ import annotations

from collections.abc import Sequence

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.annotations.interpro import InterProEntry, InterProGoLink
from protea_domain.errors import NotFoundError
from protea_domain.ports.interpro_repository import InterProRepository


class MemoryInterProRepository(InterProRepository):
    def __init__(self, store: MemoryBioDataStore) -> None:
        self._store = store

    def add_entries(self, entries: Sequence[InterProEntry]) -> int:
        new = {e.interpro_id for e in entries} - set(self._store.interpro_entries)
        for entry in entries:
            self._store.interpro_entries[entry.interpro_id] = entry.name
        return len(new)

    def replace_links(self, version: str, links: Sequence[InterProGoLink]) -> None:
        for link in links:
            if link.interpro_id not in self._store.interpro_entries:
                raise NotFoundError(f"InterPro entry {link.interpro_id} is not stored")
        self._store.interpro_links[version] = tuple(links)

    def go_terms_of(self, interpro_id: str, version: str) -> list[str]:
        links = self._store.interpro_links.get(version, ())
        return sorted(link.go_id for link in links if link.interpro_id == interpro_id)

    def entry(self, interpro_id: str) -> InterProEntry:
        try:
            return InterProEntry(interpro_id, self._store.interpro_entries[interpro_id])
        except KeyError:
            raise NotFoundError(f"InterPro entry {interpro_id} not found") from None

    def versions(self) -> list[str]:
        return sorted(v for v, links in self._store.interpro_links.items() if links)
