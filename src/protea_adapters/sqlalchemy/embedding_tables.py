"""Embedding and prediction tables on the shared `metadata`: recipes, per-(sequence, recipe,
chunk) vectors, prediction sets (with the batches written so far) and predictions.

A vector lives in `vector` (float32 recipes) or `half_vector` (float16 recipes): pgvector's
`vector` / `halfvec` on PostgreSQL, the raw little-endian bytes on SQLite.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import base as postgresql_base
from sqlalchemy.types import UserDefinedType

from protea_adapters.sqlalchemy.tables import metadata
from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime


class PgVector(UserDefinedType[str]):
    """pgvector's `vector` (no fixed dimension: one column serves every recipe), bound and
    read in its text form `[x,y,...]`. Needs only the server extension (created by migration
    0001), not the `pgvector` Python package, so the embedded default installs without it."""

    cache_ok = True
    type_name = "vector"

    def get_col_spec(self, **kw: Any) -> str:
        return self.type_name


class PgHalfVector(PgVector):
    """pgvector's `halfvec` (float16, half the space)."""

    cache_ok = True
    type_name = "halfvec"


# Reflection (the schema-drift check) must recognise pgvector's types.
postgresql_base.ischema_names.setdefault("vector", PgVector)
postgresql_base.ischema_names.setdefault("halfvec", PgHalfVector)

RECIPE_HASH = String(64)
FLOAT32_VECTOR: Any = PgVector().with_variant(LargeBinary(), "sqlite")
FLOAT16_VECTOR: Any = PgHalfVector().with_variant(LargeBinary(), "sqlite")
SequenceId = BigInteger().with_variant(Integer(), "sqlite")

embedding_recipes = Table(
    "embedding_recipes",
    metadata,
    Column("recipe_hash", RECIPE_HASH, primary_key=True),
    Column("model", Text, nullable=False),
    Column("backend", String(64), nullable=False),
    Column("config", JsonDocument, nullable=False),
    Column("dimension", Integer, nullable=False),
    Column("dtype", String(16), nullable=False),
    CheckConstraint("dtype IN ('float32', 'float16')", name="dtype"),
    CheckConstraint("dimension > 0", name="dimension"),
)

sequence_embeddings = Table(
    "sequence_embeddings",
    metadata,
    Column(
        "recipe_hash", RECIPE_HASH, ForeignKey("embedding_recipes.recipe_hash"), primary_key=True
    ),
    Column("sequence_id", SequenceId, ForeignKey("sequences.id"), primary_key=True),
    Column("chunk", Integer, primary_key=True),
    Column("vector", FLOAT32_VECTOR),
    Column("half_vector", FLOAT16_VECTOR),
    CheckConstraint("(vector IS NULL) <> (half_vector IS NULL)", name="one_vector"),
    Index("ix_sequence_embeddings_sequence_id", "sequence_id"),
)

prediction_sets = Table(
    "prediction_sets",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("recipe_hash", RECIPE_HASH, ForeignKey("embedding_recipes.recipe_hash"), nullable=False),
    Column("annotation_set_id", Uuid(), ForeignKey("annotation_sets.id"), nullable=False),
    Column("snapshot_id", Uuid(), ForeignKey("ontology_snapshots.id"), nullable=False),
    Column("k", Integer, nullable=False),
    Column("evidence_filter", String(32), nullable=False),
    Column("settings", JsonDocument, nullable=False),
    Column("scoring", JsonDocument, nullable=False),
    Column("query_count", Integer, nullable=False),
    Column("reference_count", Integer, nullable=False),
    Column("batches", Integer, nullable=False),
    Column("batches_done", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime),
    CheckConstraint("status IN ('running', 'complete')", name="status"),
)

prediction_set_batches = Table(
    "prediction_set_batches",
    metadata,
    Column("set_id", Uuid(), ForeignKey("prediction_sets.id"), primary_key=True),
    Column("batch", Integer, primary_key=True),
)

predictions = Table(
    "predictions",
    metadata,
    Column("set_id", Uuid(), ForeignKey("prediction_sets.id"), primary_key=True),
    Column("accession", String(64), ForeignKey("proteins.accession"), primary_key=True),
    Column("go_id", String(32), primary_key=True),
    Column("aspect", String(1), nullable=False),
    Column("score", Float, nullable=False),
    Column("source", String(64), nullable=False),
    Column("features", JsonDocument, nullable=False),
    Column("evidence_codes", Text, nullable=False),
)

scoring_configs = Table(
    "scoring_configs",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("name", String(255), nullable=False, unique=True),
    Column("config", JsonDocument, nullable=False),
    Column("description", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
