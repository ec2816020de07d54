"""Creating and reading named scoring configs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import uuid4

from protea_domain.errors import InvalidInputError
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.scoring.config import ScoringConfig
from protea_domain.scoring.stored import StoredScoringConfig

MAX_NAME = 255


def scoring_config_of(data: Mapping[str, Any], location: str = "body") -> ScoringConfig:
    """A recipe from `{"name", "weights": {signal: w}, "evidence_weights": {code: w},
    "default_evidence_weight"}`; raises `InvalidInputError` at `location` (plus the field,
    when one is to blame) for a missing name, an unknown signal or a negative weight."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise InvalidInputError(
            f"expected a non-empty name of at most {MAX_NAME} characters",
            location=f"{location}.name",
        )
    try:
        return ScoringConfig.from_document(
            {"weights": {"transfer_score": 1.0}, **data, "name": name.strip()}
        )
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InvalidInputError(str(exc), location=location) from None


def create_scoring_config(
    uow_factory: EmbeddingUnitOfWorkFactory,
    clock: Clock,
    config: ScoringConfig,
    description: str = "",
) -> StoredScoringConfig:
    """Store `config` under its name (one transaction). Raises `ConflictError` when the name
    is taken."""
    stored = StoredScoringConfig(uuid4(), config, clock.now(), description)
    with uow_factory() as uow:
        uow.scoring.add(stored)
        uow.commit()
    return stored
