"""Stored prediction sets and their rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

PredictionSetStatus = Literal["running", "complete"]


@dataclass(frozen=True, slots=True)
class PredictionSetRecord:
    """Every input of one prediction run: the recipe (by hash), the reference annotation set
    and the ontology snapshot, k and the other transfer settings (`settings`, the fields of
    `TransferSettings`), the evidence filter, the scoring recipe (`scoring`, the fields of
    `ScoringConfig`), the number of queries and references, how many batches it is written
    in (and how many are done), and when it started and ended."""

    id: UUID
    recipe_hash: str
    annotation_set_id: UUID
    snapshot_id: UUID
    k: int
    evidence_filter: str
    settings: dict[str, Any]
    scoring: dict[str, Any]
    queries: int
    references: int
    created_at: datetime
    batches: int = 0
    batches_done: int = 0
    finished_at: datetime | None = None
    status: PredictionSetStatus = "running"


@dataclass(frozen=True, slots=True)
class StoredPrediction:
    """One GO term predicted for one protein: its score under the set's scoring recipe, the
    nearest neighbour carrying it (`source`) and every signal of `features.SIGNAL_NAMES`
    plus `distance` (`features`)."""

    accession: str
    go_id: str
    aspect: str
    score: float
    source: str
    features: dict[str, float] = field(default_factory=dict)
    evidence_codes: tuple[str, ...] = ()
