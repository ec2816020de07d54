"""In-memory `EmbeddingRepository` and `PredictionRepository`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from uuid import UUID

import numpy as np
import numpy.typing as npt

from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_domain.embeddings.stored import EmbeddingRecipe
from protea_domain.errors import ConflictError, InvalidInputError, NotFoundError
from protea_domain.ports.embedding_repository import (
    EmbeddingRepository,
    PredictionRepository,
    VectorRow,
)
from protea_domain.ports.scoring_repository import ScoringConfigRepository
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.scoring.stored import StoredScoringConfig


class MemoryEmbeddingRepository(EmbeddingRepository):
    def __init__(self, store: MemoryEmbeddingStore) -> None:
        self._store = store

    def add_recipe(self, recipe: EmbeddingRecipe) -> bool:
        stored = self._store.recipes.get(recipe.recipe_hash)
        if stored is not None:
            if (stored.dimension, stored.dtype) != (recipe.dimension, recipe.dtype):
                raise ConflictError(f"recipe {recipe.recipe_hash} is stored with another shape")
            return False
        self._store.recipes[recipe.recipe_hash] = recipe
        return True

    def get_recipe(self, recipe_hash: str) -> EmbeddingRecipe:
        try:
            return self._store.recipes[recipe_hash]
        except KeyError:
            raise NotFoundError(f"embedding recipe {recipe_hash} not found") from None

    def recipes(self) -> list[EmbeddingRecipe]:
        return [self._store.recipes[key] for key in sorted(self._store.recipes)]

    def missing_sequences(
        self, recipe_hash: str, accessions: Sequence[str] | None = None
    ) -> list[str]:
        self.get_recipe(recipe_hash)
        proteins = self._store.biodata.proteins
        names = proteins if accessions is None else [a for a in accessions if a in proteins]
        done = {md5 for (h, md5, _) in self._store.vectors if h == recipe_hash}
        return sorted({proteins[a][1] for a in names} - done)

    def embedded(self, recipe_hash: str, md5s: Sequence[str]) -> set[str]:
        wanted = set(md5s)
        return {md5 for (h, md5, _) in self._store.vectors if h == recipe_hash and md5 in wanted}

    def residues(self, md5s: Sequence[str]) -> dict[str, str]:
        sequences = self._store.biodata.sequences
        return {md5: sequences[md5].residues for md5 in md5s if md5 in sequences}

    def add_vectors(self, recipe_hash: str, rows: Sequence[VectorRow]) -> int:
        recipe = self.get_recipe(recipe_hash)
        new = 0
        for md5, chunk, vector in rows:
            if md5 not in self._store.biodata.sequences:
                raise NotFoundError(f"sequence {md5} not found")
            values = np.asarray(vector).reshape(-1)
            if values.shape[0] != recipe.dimension:
                raise InvalidInputError(
                    f"vector of length {values.shape[0]}, recipe dimension {recipe.dimension}"
                )
            key = (recipe_hash, md5, chunk)
            if key not in self._store.vectors:
                self._store.vectors[key] = values.astype(recipe.dtype, copy=True)
                new += 1
        return new

    def vectors_of(
        self, recipe_hash: str, accessions: Sequence[str]
    ) -> tuple[list[str], npt.NDArray[np.float32]]:
        recipe = self.get_recipe(recipe_hash)
        chunks: dict[str, list[npt.NDArray[np.floating]]] = {}
        for (h, md5, _), vector in sorted(self._store.vectors.items(), key=lambda kv: kv[0]):
            if h == recipe_hash:
                chunks.setdefault(md5, []).append(vector)
        proteins = self._store.biodata.proteins
        found: list[str] = []
        rows: list[npt.NDArray[np.float32]] = []
        for accession in accessions:
            entry = proteins.get(accession)
            if entry is None or entry[1] not in chunks:
                continue
            found.append(accession)
            rows.append(np.mean(np.stack(chunks[entry[1]]).astype(np.float32), axis=0))
        matrix = np.stack(rows) if rows else np.zeros((0, recipe.dimension), np.float32)
        return found, matrix.astype(np.float32)

    def count_vectors(self, recipe_hash: str) -> int:
        return sum(1 for (h, _, _) in self._store.vectors if h == recipe_hash)


class MemoryPredictionRepository(PredictionRepository):
    def __init__(self, store: MemoryEmbeddingStore) -> None:
        self._store = store

    def add_set(self, record: PredictionSetRecord) -> None:
        if record.id in self._store.prediction_sets:
            raise ConflictError(f"prediction set {record.id} exists")
        biodata = self._store.biodata
        if record.recipe_hash not in self._store.recipes:
            raise NotFoundError(f"embedding recipe {record.recipe_hash} not found")
        if record.annotation_set_id not in biodata.annotation_sets:
            raise NotFoundError(f"annotation set {record.annotation_set_id} not found")
        if record.snapshot_id not in biodata.snapshots:
            raise NotFoundError(f"ontology snapshot {record.snapshot_id} not found")
        self._store.prediction_sets[record.id] = record
        self._store.predictions[record.id] = {}

    def add_predictions(self, set_id: UUID, rows: Sequence[StoredPrediction]) -> int:
        self.get_set(set_id)
        table = self._store.predictions[set_id]
        new = 0
        for row in rows:
            if row.accession not in self._store.biodata.proteins:
                raise NotFoundError(f"protein {row.accession} not found")
            if (row.accession, row.go_id) not in table:
                table[(row.accession, row.go_id)] = row
                new += 1
        return new

    def finish_batch(self, set_id: UUID, batch: int, finished_at: datetime) -> PredictionSetRecord:
        record = self.get_set(set_id)
        done = self._store.finished_batches.get(set_id, frozenset())
        if batch in done:
            return record
        self._store.finished_batches[set_id] = done | {batch}
        record = replace(record, batches_done=record.batches_done + 1)
        self._store.prediction_sets[set_id] = record
        if record.batches_done >= record.batches:
            return self.complete_set(set_id, finished_at)
        return record

    def complete_set(self, set_id: UUID, finished_at: datetime) -> PredictionSetRecord:
        record = self.get_set(set_id)
        if record.status != "complete":
            record = replace(record, status="complete", finished_at=finished_at)
            self._store.prediction_sets[set_id] = record
        return record

    def get_set(self, set_id: UUID) -> PredictionSetRecord:
        try:
            return self._store.prediction_sets[set_id]
        except KeyError:
            raise NotFoundError(f"prediction set {set_id} not found") from None

    def sets(self) -> list[PredictionSetRecord]:
        return sorted(self._store.prediction_sets.values(), key=lambda r: (r.created_at, r.id))

    def predictions(
        self, set_id: UUID, accessions: Sequence[str] | None = None
    ) -> list[StoredPrediction]:
        self.get_set(set_id)
        table = self._store.predictions[set_id]
        wanted = None if accessions is None else set(accessions)
        return [table[key] for key in sorted(table) if wanted is None or key[0] in wanted]

    def stream(self, set_id: UUID) -> Iterator[StoredPrediction]:
        return iter(self.predictions(set_id))


class MemoryScoringConfigRepository(ScoringConfigRepository):
    def __init__(self, store: MemoryEmbeddingStore) -> None:
        self._store = store

    def add(self, config: StoredScoringConfig) -> None:
        if config.id in self._store.scoring_configs:
            raise ConflictError(f"scoring config {config.id} exists")
        if self.find(config.name) is not None:
            raise ConflictError(f"a scoring config named {config.name!r} exists")
        self._store.scoring_configs[config.id] = config

    def get(self, config_id: UUID) -> StoredScoringConfig:
        try:
            return self._store.scoring_configs[config_id]
        except KeyError:
            raise NotFoundError(f"scoring config {config_id} not found") from None

    def find(self, name: str) -> StoredScoringConfig | None:
        return next((c for c in self._store.scoring_configs.values() if c.name == name), None)

    def configs(self) -> list[StoredScoringConfig]:
        return sorted(self._store.scoring_configs.values(), key=lambda c: (c.created_at, c.name))
