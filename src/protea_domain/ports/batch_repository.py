"""Batch children repository port."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from protea_domain.jobs.batch import BatchChild, BatchCounts, ChildStatus


class BatchRepository(Protocol):
    """The outcome of each child operation of a fan-out job, keyed by (parent, child key)."""

    def start(self, parent_id: UUID, child_key: str, at: datetime) -> BatchChild:
        """Record one more attempt of the child (creating it as running on first sight) and
        return it. A child already final is returned unchanged: its delivery is a duplicate.
        Raises `JobNotFoundError` if the parent does not exist."""
        ...

    def finish(
        self, parent_id: UUID, child_key: str, status: ChildStatus, error: str | None, at: datetime
    ) -> bool:
        """Move a running child to a final status; True only for the call that did it, so a
        redelivered child is counted once."""
        ...

    def counts(self, parent_id: UUID) -> BatchCounts: ...
