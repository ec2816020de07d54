"""Idempotency record repository port."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from protea_domain.api_access.idempotency import IdempotencyRecord


class IdempotencyRepository(Protocol):
    """Idempotency records inside a unit of work (transactional)."""

    def reserve(self, record: IdempotencyRecord) -> None:
        """Insert the record (its `resource_id` usually None). Raises `DuplicateRecordError`
        when (principal, key) is taken; the caller then reads the existing record."""
        ...

    def get(self, principal: str, key: str) -> IdempotencyRecord | None:
        """The record for (principal, key), or None."""
        ...

    def complete(self, principal: str, key: str, resource_id: UUID) -> None:
        """Attach the result of the first request. A missing record is ignored."""
        ...

    def release(self, principal: str, key: str) -> None:
        """Drop a reservation whose request failed, so the key can be retried. Idempotent."""
        ...

    def drop_expired(self, principal: str, key: str, before: datetime) -> bool:
        """Delete the record of (principal, key) if it was created before `before` (it has
        expired: the key is free again); whether one was deleted. Idempotent."""
        ...

    def purge_expired(self, before: datetime, limit: int) -> int:
        """Delete at most `limit` records created before `before`, oldest first; how many were
        deleted. Bounded so that a caller can purge a little on each request. Idempotent."""
        ...
