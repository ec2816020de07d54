"""A scoring recipe kept in storage under a unique name, so predictions and evaluations can
name it by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from protea_domain.scoring.config import ScoringConfig


@dataclass(frozen=True, slots=True)
class StoredScoringConfig:
    """`config.name` is the unique name; `description` says what the recipe is for."""

    id: UUID
    config: ScoringConfig
    created_at: datetime
    description: str = ""

    @property
    def name(self) -> str:
        return self.config.name
