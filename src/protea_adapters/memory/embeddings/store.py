"""The committed state behind the in-memory embedding and prediction repositories."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from uuid import UUID

import numpy as np
import numpy.typing as npt

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_domain.embeddings.stored import EmbeddingRecipe
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.scoring.stored import StoredScoringConfig


@dataclass
class MemoryEmbeddingStore:
    """Vectors are never mutated once stored, so shallow copies are consistent snapshots.
    Proteins and sequences are read from `biodata` (the biodata memory store)."""

    biodata: MemoryBioDataStore
    recipes: dict[str, EmbeddingRecipe] = field(default_factory=dict)
    vectors: dict[tuple[str, str, int], npt.NDArray[np.floating]] = field(default_factory=dict)
    prediction_sets: dict[UUID, PredictionSetRecord] = field(default_factory=dict)
    predictions: dict[UUID, dict[tuple[str, str], StoredPrediction]] = field(default_factory=dict)
    finished_batches: dict[UUID, frozenset[int]] = field(default_factory=dict)
    scoring_configs: dict[UUID, StoredScoringConfig] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def snapshot(self) -> tuple[object, ...]:
        return (
            dict(self.recipes),
            dict(self.vectors),
            dict(self.prediction_sets),
            {key: dict(rows) for key, rows in self.predictions.items()},
            dict(self.finished_batches),
            dict(self.scoring_configs),
        )

    def restore(self, saved: tuple[object, ...]) -> None:
        recipes, vectors, sets, predictions, finished, scoring = saved
        self.recipes = dict(recipes)  # type: ignore[call-overload]
        self.vectors = dict(vectors)  # type: ignore[call-overload]
        self.prediction_sets = dict(sets)  # type: ignore[call-overload]
        self.predictions = {k: dict(v) for k, v in predictions.items()}  # type: ignore[attr-defined]
        self.finished_batches = dict(finished)  # type: ignore[call-overload]
        self.scoring_configs = dict(scoring)  # type: ignore[call-overload]
