"""Scoring-config storage port: named scoring recipes (weights over prediction signals and
evidence codes)."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from protea_domain.scoring.stored import StoredScoringConfig


class ScoringConfigRepository(Protocol):
    """Scoring configs inside the owning unit of work: nothing is durable until it commits.
    A stored config is never changed (predictions and evaluation runs refer to it)."""

    def add(self, config: StoredScoringConfig) -> None:
        """Store a new config. Raises `ConflictError` when its id or its name is taken."""
        ...

    def get(self, config_id: UUID) -> StoredScoringConfig:
        """Raises `NotFoundError`."""
        ...

    def find(self, name: str) -> StoredScoringConfig | None:
        """The config of that name, or None."""
        ...

    def configs(self) -> list[StoredScoringConfig]:
        """Every stored config, oldest first (ties by name)."""
        ...
