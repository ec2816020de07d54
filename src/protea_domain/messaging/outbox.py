"""Outbox entries: messages committed with the change that caused them, published afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from protea_domain.jobs.job import utc
from protea_domain.messaging.message import Message


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """A message waiting for the relay. `available_at` delays publication (retry backoff)."""

    message: Message
    created_at: datetime
    available_at: datetime
    id: int | None = None
    sent_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None

    def __post_init__(self) -> None:
        for name in ("created_at", "available_at", "sent_at"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, utc(value))
