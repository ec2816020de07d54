"""`EmbeddingRepository` and `PredictionRepository` on SQLAlchemy (PostgreSQL with pgvector's
`vector` / `halfvec` in text form, SQLite with little-endian float bytes). Bulk writes go
through `biodata.bulk` (COPY on PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import numpy as np
import numpy.typing as npt
from sqlalchemy import case, func, select, update

from protea_adapters.sqlalchemy.biodata.bulk import constraint_errors, insert_missing, is_postgres
from protea_adapters.sqlalchemy.biodata.lookups import select_in
from protea_adapters.sqlalchemy.biodata_tables import proteins, sequences
from protea_adapters.sqlalchemy.embedding_tables import (
    embedding_recipes,
    prediction_set_batches,
    prediction_sets,
    predictions,
    scoring_configs,
    sequence_embeddings,
)
from protea_adapters.sqlalchemy.repository import SqlRepository
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.stored import EmbeddingRecipe, VectorDtype
from protea_domain.errors import ConflictError, InvalidInputError, NotFoundError
from protea_domain.ports.embedding_repository import (
    EmbeddingRepository,
    PredictionRepository,
    VectorRow,
)
from protea_domain.ports.scoring_repository import ScoringConfigRepository
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.scoring.config import ScoringConfig
from protea_domain.scoring.stored import StoredScoringConfig

STREAM_CHUNK = 5_000

VECTOR_COLUMNS = ("recipe_hash", "sequence_id", "chunk", "vector", "half_vector")
PREDICTION_COLUMNS = (
    "set_id", "accession", "go_id", "aspect", "score", "source", "features", "evidence_codes",
)  # fmt: skip


def config_from_json(data: dict[str, Any]) -> EmbeddingConfig:
    """The inverse of `EmbeddingConfig.canonical_json`."""
    fields = dict(data)
    fields["layers"] = tuple(fields.get("layers", ()))
    fields["options"] = tuple(tuple(pair) for pair in fields.get("options", ()))
    return EmbeddingConfig(**fields)


def _pg_text(vector: npt.NDArray[np.floating]) -> str:
    """pgvector's text form; float32/float16 values round-trip exactly through repr."""
    return "[" + ",".join(repr(float(v)) for v in vector.tolist()) + "]"


def _decode(value: Any, dtype: VectorDtype) -> npt.NDArray[np.float32]:
    if isinstance(value, bytes | memoryview):
        return np.frombuffer(bytes(value), dtype=np.dtype(dtype).newbyteorder("<")).astype(
            np.float32
        )
    if isinstance(value, str):  # pgvector's text form "[x,y,...]"
        return np.fromstring(value.strip("[]"), dtype=np.float32, sep=",")
    return np.asarray(value, dtype=np.float32)


def _recipe(row: Any) -> EmbeddingRecipe:
    return EmbeddingRecipe(config_from_json(row.config), row.dimension, row.dtype)


def _set_record(row: Any) -> PredictionSetRecord:
    return PredictionSetRecord(
        id=row.id,
        recipe_hash=row.recipe_hash,
        annotation_set_id=row.annotation_set_id,
        snapshot_id=row.snapshot_id,
        k=row.k,
        evidence_filter=row.evidence_filter,
        settings=dict(row.settings),
        scoring=dict(row.scoring),
        queries=row.query_count,
        references=row.reference_count,
        batches=row.batches,
        batches_done=row.batches_done,
        created_at=row.created_at,
        finished_at=row.finished_at,
        status=row.status,
    )


class SqlEmbeddingRepository(SqlRepository, EmbeddingRepository):
    def add_recipe(self, recipe: EmbeddingRecipe) -> bool:
        try:
            stored = self.get_recipe(recipe.recipe_hash)
        except NotFoundError:
            stored = None
        if stored is not None:
            if (stored.dimension, stored.dtype) != (recipe.dimension, recipe.dtype):
                raise ConflictError(f"recipe {recipe.recipe_hash} is stored with another shape")
            return False
        with constraint_errors("embedding_recipes"):
            self._session.execute(
                embedding_recipes.insert().values(
                    recipe_hash=recipe.recipe_hash,
                    model=recipe.config.model,
                    backend=recipe.config.backend,
                    config=json.loads(recipe.config.canonical_json()),
                    dimension=recipe.dimension,
                    dtype=recipe.dtype,
                )
            )
        return True

    def get_recipe(self, recipe_hash: str) -> EmbeddingRecipe:
        row = self._execute(
            select(embedding_recipes).where(embedding_recipes.c.recipe_hash == recipe_hash)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"embedding recipe {recipe_hash} not found")
        return _recipe(row)

    def recipes(self) -> list[EmbeddingRecipe]:
        rows = self._execute(select(embedding_recipes).order_by(embedding_recipes.c.recipe_hash))
        return [_recipe(row) for row in rows]

    def missing_sequences(
        self, recipe_hash: str, accessions: Sequence[str] | None = None
    ) -> list[str]:
        self.get_recipe(recipe_hash)
        embedded = select(sequence_embeddings.c.sequence_id).where(
            sequence_embeddings.c.recipe_hash == recipe_hash,
            sequence_embeddings.c.sequence_id == sequences.c.id,
        )
        statement = (
            select(sequences.c.md5)
            .join(proteins, proteins.c.sequence_id == sequences.c.id)
            .where(~embedded.exists())
            .distinct()
        )
        if accessions is None:
            rows = self._execute(statement).all()
        else:
            rows = select_in(self._session, statement, proteins.c.accession, accessions)
        return sorted({row.md5 for row in rows})

    def embedded(self, recipe_hash: str, md5s: Sequence[str]) -> set[str]:
        statement = (
            select(sequences.c.md5)
            .join(sequence_embeddings, sequence_embeddings.c.sequence_id == sequences.c.id)
            .where(sequence_embeddings.c.recipe_hash == recipe_hash)
        )
        return {row.md5 for row in select_in(self._session, statement, sequences.c.md5, md5s)}

    def residues(self, md5s: Sequence[str]) -> dict[str, str]:
        statement = select(sequences.c.md5, sequences.c.residues)
        return {
            row.md5: row.residues
            for row in select_in(self._session, statement, sequences.c.md5, md5s)
        }

    def add_vectors(self, recipe_hash: str, rows: Sequence[VectorRow]) -> int:
        recipe = self.get_recipe(recipe_hash)
        ids = {
            row.md5: row.id
            for row in select_in(
                self._session, select(sequences.c.md5, sequences.c.id), sequences.c.md5,
                [md5 for md5, _, _ in rows],
            )
        }  # fmt: skip
        postgres = is_postgres(self._session)
        values: list[tuple[Any, ...]] = []
        for md5, chunk, vector in rows:
            if md5 not in ids:
                raise NotFoundError(f"sequence {md5} not found")
            flat = np.asarray(vector).reshape(-1)
            if flat.shape[0] != recipe.dimension:
                raise InvalidInputError(
                    f"vector of length {flat.shape[0]}, recipe dimension {recipe.dimension}"
                )
            typed = flat.astype(np.dtype(recipe.dtype).newbyteorder("<"))
            encoded: Any = _pg_text(typed) if postgres else typed.tobytes()
            pair = (encoded, None) if recipe.dtype == "float32" else (None, encoded)
            values.append((recipe_hash, ids[md5], chunk, *pair))
        return insert_missing(
            self._session, sequence_embeddings, VECTOR_COLUMNS, values,
            ("recipe_hash", "sequence_id", "chunk"),
        )  # fmt: skip

    def vectors_of(
        self, recipe_hash: str, accessions: Sequence[str]
    ) -> tuple[list[str], npt.NDArray[np.float32]]:
        recipe = self.get_recipe(recipe_hash)
        column = (
            sequence_embeddings.c.vector
            if recipe.dtype == "float32"
            else sequence_embeddings.c.half_vector
        )
        statement = (
            select(proteins.c.accession, sequence_embeddings.c.chunk, column.label("data"))
            .join(sequence_embeddings, sequence_embeddings.c.sequence_id == proteins.c.sequence_id)
            .where(sequence_embeddings.c.recipe_hash == recipe_hash)
        )
        chunks: dict[str, list[tuple[int, npt.NDArray[np.float32]]]] = {}
        for row in select_in(self._session, statement, proteins.c.accession, accessions):
            chunks.setdefault(row.accession, []).append(
                (row.chunk, _decode(row.data, recipe.dtype))
            )
        found = [a for a in accessions if a in chunks]
        if not found:
            return [], np.zeros((0, recipe.dimension), np.float32)
        matrix = np.stack(
            [np.mean(np.stack([v for _, v in sorted(chunks[a], key=lambda cv: cv[0])]), axis=0)
             for a in found]
        )  # fmt: skip
        return found, matrix.astype(np.float32)

    def count_vectors(self, recipe_hash: str) -> int:
        statement = select(func.count()).where(sequence_embeddings.c.recipe_hash == recipe_hash)
        return int(self._execute(statement).scalar_one())


class SqlPredictionRepository(SqlRepository, PredictionRepository):
    def add_set(self, record: PredictionSetRecord) -> None:
        exists = self._execute(
            select(prediction_sets.c.id).where(prediction_sets.c.id == record.id)
        ).first()
        if exists is not None:
            raise ConflictError(f"prediction set {record.id} exists")
        with constraint_errors("prediction_sets"):
            self._session.execute(
                prediction_sets.insert().values(
                    id=record.id,
                    recipe_hash=record.recipe_hash,
                    annotation_set_id=record.annotation_set_id,
                    snapshot_id=record.snapshot_id,
                    k=record.k,
                    evidence_filter=record.evidence_filter,
                    settings=record.settings,
                    scoring=record.scoring,
                    query_count=record.queries,
                    reference_count=record.references,
                    batches=record.batches,
                    batches_done=record.batches_done,
                    status=record.status,
                    created_at=record.created_at,
                    finished_at=record.finished_at,
                )
            )

    def add_predictions(self, set_id: UUID, rows: Sequence[StoredPrediction]) -> int:
        self.get_set(set_id)
        known = {
            row.accession
            for row in select_in(
                self._session, select(proteins.c.accession), proteins.c.accession,
                [r.accession for r in rows],
            )
        }  # fmt: skip
        values = []
        for row in rows:
            if row.accession not in known:
                raise NotFoundError(f"protein {row.accession} not found")
            values.append(
                (set_id, row.accession, row.go_id, row.aspect, row.score, row.source,
                 row.features, ",".join(row.evidence_codes))
            )  # fmt: skip
        return insert_missing(
            self._session, predictions, PREDICTION_COLUMNS, values,
            ("set_id", "accession", "go_id"),
        )  # fmt: skip

    def finish_batch(self, set_id: UUID, batch: int, finished_at: datetime) -> PredictionSetRecord:
        self.get_set(set_id)
        if insert_missing(
            self._session, prediction_set_batches, ("set_id", "batch"), [(set_id, batch)],
            ("set_id", "batch"),
        ):  # fmt: skip
            # The row lock of this update serialises concurrent last batches: the second one
            # re-reads the first one's committed count, so exactly one completes the set.
            done = prediction_sets.c.batches_done + 1
            self._execute(
                update(prediction_sets)
                .where(prediction_sets.c.id == set_id)
                .values(
                    batches_done=done,
                    status=case(
                        (done >= prediction_sets.c.batches, "complete"),
                        else_=prediction_sets.c.status,
                    ),
                    finished_at=case(
                        (
                            (done >= prediction_sets.c.batches)
                            & (prediction_sets.c.status == "running"),
                            finished_at,
                        ),
                        else_=prediction_sets.c.finished_at,
                    ),
                )
            )
        return self.get_set(set_id)

    def complete_set(self, set_id: UUID, finished_at: datetime) -> PredictionSetRecord:
        self.get_set(set_id)
        self._execute(
            update(prediction_sets)
            .where(prediction_sets.c.id == set_id, prediction_sets.c.status == "running")
            .values(status="complete", finished_at=finished_at)
        )
        return self.get_set(set_id)

    def get_set(self, set_id: UUID) -> PredictionSetRecord:
        row = self._execute(
            select(prediction_sets).where(prediction_sets.c.id == set_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"prediction set {set_id} not found")
        return _set_record(row)

    def sets(self) -> list[PredictionSetRecord]:
        rows = self._execute(
            select(prediction_sets).order_by(prediction_sets.c.created_at, prediction_sets.c.id)
        )
        return [_set_record(row) for row in rows]

    def _ordered(self) -> tuple[Any, Any]:
        """(accession, go_id) sort keys in code-point order whatever the database collation."""
        if is_postgres(self._session):
            return predictions.c.accession.collate("C"), predictions.c.go_id.collate("C")
        return predictions.c.accession, predictions.c.go_id

    def predictions(
        self, set_id: UUID, accessions: Sequence[str] | None = None
    ) -> list[StoredPrediction]:
        self.get_set(set_id)
        statement = select(predictions).where(predictions.c.set_id == set_id)
        if accessions is None:
            rows = self._execute(statement.order_by(*self._ordered())).all()
            return [_prediction(row) for row in rows]
        found = [
            _prediction(row)
            for row in select_in(self._session, statement, predictions.c.accession, accessions)
        ]
        return sorted(found, key=lambda p: (p.accession, p.go_id))

    def stream(self, set_id: UUID) -> Iterator[StoredPrediction]:
        self.get_set(set_id)
        statement = (
            select(predictions)
            .where(predictions.c.set_id == set_id)
            .order_by(*self._ordered())
            .execution_options(yield_per=STREAM_CHUNK)
        )
        return self._rows(statement)

    def _rows(self, statement: Any) -> Iterator[StoredPrediction]:
        for row in self._execute(statement):
            yield _prediction(row)


def _prediction(row: Any) -> StoredPrediction:
    return StoredPrediction(
        row.accession, row.go_id, row.aspect, float(row.score), row.source,
        {k: float(v) for k, v in row.features.items()},
        tuple(c for c in row.evidence_codes.split(",") if c),
    )  # fmt: skip


class SqlScoringConfigRepository(SqlRepository, ScoringConfigRepository):
    def add(self, config: StoredScoringConfig) -> None:
        c = scoring_configs.c
        taken = self._execute(
            select(c.id, c.name).where((c.id == config.id) | (c.name == config.name))
        ).first()
        if taken is not None:
            what = f"id {config.id}" if taken.id == config.id else f"name {config.name!r}"
            raise ConflictError(f"a scoring config with {what} exists")
        with constraint_errors("scoring_configs"):
            self._session.execute(
                scoring_configs.insert().values(
                    id=config.id, name=config.name, config=config.config.document(),
                    description=config.description, created_at=config.created_at,
                )
            )  # fmt: skip

    def get(self, config_id: UUID) -> StoredScoringConfig:
        row = self._execute(
            select(scoring_configs).where(scoring_configs.c.id == config_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"scoring config {config_id} not found")
        return _scoring(row)

    def find(self, name: str) -> StoredScoringConfig | None:
        row = self._execute(
            select(scoring_configs).where(scoring_configs.c.name == name)
        ).one_or_none()
        return None if row is None else _scoring(row)

    def configs(self) -> list[StoredScoringConfig]:
        c = scoring_configs.c
        return [
            _scoring(r)
            for r in self._execute(select(scoring_configs).order_by(c.created_at, c.name))
        ]


def _scoring(row: Any) -> StoredScoringConfig:
    return StoredScoringConfig(
        id=row.id,
        config=ScoringConfig.from_document(row.config),
        created_at=row.created_at,
        description=row.description,
    )
