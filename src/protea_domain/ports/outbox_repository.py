"""Outbox repository port."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from protea_domain.messaging.outbox import OutboxEntry


class OutboxRepository(Protocol):
    """Messages written in the same transaction as the change that caused them."""

    def add(self, entry: OutboxEntry) -> OutboxEntry:
        """Queue a message for the relay; returns it with its id. Not idempotent."""
        ...

    def claim_due(self, now: datetime, limit: int) -> list[OutboxEntry]:
        """Unsent entries with `available_at <= now`, oldest first, locked for this unit of work
        so that concurrent relays take disjoint entries (PostgreSQL: SKIP LOCKED; SQLite: the
        database write lock)."""
        ...

    def mark_sent(self, entry_id: int, at: datetime) -> None: ...

    def mark_failed(self, entry_id: int, error: str, retry_at: datetime) -> None:
        """Count a failed publish and postpone the entry to `retry_at`."""
        ...

    def pending(self, now: datetime) -> tuple[int, datetime | None]:
        """(number of unsent entries already due, `created_at` of the oldest unsent entry):
        the relay's lag."""
        ...
