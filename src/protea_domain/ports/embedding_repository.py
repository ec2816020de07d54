"""Embedding and prediction storage ports: recipes, per-(sequence, recipe, chunk) vectors,
prediction sets and their predictions (and, in the same unit of work, scoring configs)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

import numpy as np
import numpy.typing as npt

from protea_domain.embeddings.stored import EmbeddingRecipe
from protea_domain.ports.scoring_repository import ScoringConfigRepository
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction

VectorRow = tuple[str, int, npt.NDArray[np.floating]]
"""(sequence MD5, chunk index, vector)."""


class EmbeddingRepository(Protocol):
    """Recipes and vectors inside the owning unit of work: nothing is durable until it
    commits. A vector belongs to one stored sequence (by MD5), one recipe (by content hash)
    and one chunk (0 for a whole-sequence vector); it is stored once and never replaced."""

    def add_recipe(self, recipe: EmbeddingRecipe) -> bool:
        """Store a recipe unless its content hash is stored; returns True when it was new.
        Idempotent; raises `ConflictError` when the stored recipe with that hash has another
        dimension or dtype."""
        ...

    def get_recipe(self, recipe_hash: str) -> EmbeddingRecipe:
        """The stored recipe. Raises `NotFoundError`."""
        ...

    def recipes(self) -> list[EmbeddingRecipe]:
        """Every stored recipe, ordered by content hash."""
        ...

    def missing_sequences(
        self, recipe_hash: str, accessions: Sequence[str] | None = None
    ) -> list[str]:
        """MD5s (sorted, distinct) of the sequences of `accessions` (of every stored protein
        when None) that have no vector for the recipe. Unknown accessions are ignored.
        Raises `NotFoundError` for an unknown recipe."""
        ...

    def embedded(self, recipe_hash: str, md5s: Sequence[str]) -> set[str]:
        """Which of `md5s` already have a vector (any chunk) for the recipe."""
        ...

    def residues(self, md5s: Sequence[str]) -> dict[str, str]:
        """MD5 -> residue string for the stored ones among `md5s` (unknown ones left out)."""
        ...

    def add_vectors(self, recipe_hash: str, rows: Sequence[VectorRow]) -> int:
        """Store the vectors whose (sequence, recipe, chunk) is not stored yet, in the
        recipe's dtype (bulk path: COPY on PostgreSQL); returns how many were new.
        Idempotent. Raises `NotFoundError` for an unknown recipe or sequence MD5 and
        `InvalidInputError` for a vector whose length is not the recipe's dimension."""
        ...

    def vectors_of(
        self, recipe_hash: str, accessions: Sequence[str]
    ) -> tuple[list[str], npt.NDArray[np.float32]]:
        """The proteins of `accessions` that have a vector, in input order (duplicates kept),
        and a float32 matrix with one row each: the mean of their sequence's chunk vectors.
        Proteins without a vector or unknown are left out. Raises `NotFoundError` for an
        unknown recipe."""
        ...

    def count_vectors(self, recipe_hash: str) -> int:
        """How many (sequence, chunk) vectors the recipe has (0 for an unknown recipe)."""
        ...


class PredictionRepository(Protocol):
    """Prediction sets and their predictions inside the owning unit of work. A set is
    created `running`, receives predictions in batches (each may commit), then is marked
    `complete`."""

    def add_set(self, record: PredictionSetRecord) -> None:
        """Create the set. Raises `ConflictError` if the id exists and `NotFoundError` for an
        unknown recipe, annotation set or snapshot."""
        ...

    def add_predictions(self, set_id: UUID, rows: Sequence[StoredPrediction]) -> int:
        """Store the rows whose (accession, go_id) the set lacks (bulk path: COPY on
        PostgreSQL); returns how many were new. Idempotent under redelivery. Raises
        `NotFoundError` for an unknown set or protein."""
        ...

    def finish_batch(self, set_id: UUID, batch: int, finished_at: datetime) -> PredictionSetRecord:
        """Record batch number `batch` as written (idempotent: a batch counts once, however
        often it is redelivered); when every one of the set's `batches` is done the set
        becomes complete at `finished_at`. Concurrent callers are serialised on the set, so
        exactly one of them completes it. Returns the set. Raises `NotFoundError`."""
        ...

    def complete_set(self, set_id: UUID, finished_at: datetime) -> PredictionSetRecord:
        """Mark the set complete (idempotent: a complete set keeps its first finish time)
        and return it. Raises `NotFoundError`."""
        ...

    def get_set(self, set_id: UUID) -> PredictionSetRecord:
        """The set. Raises `NotFoundError`."""
        ...

    def sets(self) -> list[PredictionSetRecord]:
        """Every prediction set, oldest first (ties by id)."""
        ...

    def predictions(
        self, set_id: UUID, accessions: Sequence[str] | None = None
    ) -> list[StoredPrediction]:
        """The set's rows (of those proteins only, when given) ordered by (accession, go_id)
        in code-point order. Raises `NotFoundError` for an unknown set."""
        ...

    def stream(self, set_id: UUID) -> Iterator[StoredPrediction]:
        """Every row of the set in the order of `predictions`, read in chunks so memory does not
        grow with the set. Consume it inside the unit of work. Raises `NotFoundError` for an
        unknown set (when called, before the first row)."""
        ...


class EmbeddingUnitOfWork(Protocol):
    """One atomic transaction over embeddings and predictions (the semantics of
    `UnitOfWork`): a context manager; changes become durable only on `commit()`; leaving the
    block without committing rolls back. Storage failures surface as `StorageError`."""

    embeddings: EmbeddingRepository
    predictions: PredictionRepository
    scoring: ScoringConfigRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


EmbeddingUnitOfWorkFactory = Callable[[], EmbeddingUnitOfWork]
