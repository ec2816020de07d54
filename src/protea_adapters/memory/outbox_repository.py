"""In-memory outbox."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from protea_adapters.memory.store import MemoryStore
from protea_domain.messaging.outbox import OutboxEntry
from protea_domain.ports.outbox_repository import OutboxRepository


class MemoryOutboxRepository(OutboxRepository):
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    def add(self, entry: OutboxEntry) -> OutboxEntry:
        stored = dataclasses.replace(entry, id=self._store.next_id())
        self._store.outbox[stored.id or 0] = stored
        return stored

    def claim_due(self, now: datetime, limit: int) -> list[OutboxEntry]:
        due = [
            entry
            for entry in self._store.outbox.values()
            if entry.sent_at is None and entry.available_at <= now
        ]
        return sorted(due, key=lambda entry: entry.id or 0)[:limit]

    def mark_sent(self, entry_id: int, at: datetime) -> None:
        entry = self._store.outbox[entry_id]
        self._store.outbox[entry_id] = dataclasses.replace(entry, sent_at=at)

    def mark_failed(self, entry_id: int, error: str, retry_at: datetime) -> None:
        entry = self._store.outbox[entry_id]
        self._store.outbox[entry_id] = dataclasses.replace(
            entry, attempts=entry.attempts + 1, last_error=error, available_at=retry_at
        )

    def pending(self, now: datetime) -> tuple[int, datetime | None]:
        unsent = [entry for entry in self._store.outbox.values() if entry.sent_at is None]
        due = sum(1 for entry in unsent if entry.available_at <= now)
        oldest = min((entry.created_at for entry in unsent), default=None)
        return due, oldest
