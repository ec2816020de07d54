"""Embedding recipes, per-(sequence, recipe, chunk) vectors, prediction sets and predictions.

Revision ID: 0006_embeddings
Revises: 0005_evaluation
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Registers the embedding tables on the shared metadata for the schema-drift check.
from protea_adapters.sqlalchemy.embedding_tables import PgHalfVector, PgVector
from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

revision = "0006_embeddings"
down_revision = "0005_evaluation"
branch_labels = None
depends_on = None

SequenceId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "embedding_recipes",
        sa.Column("recipe_hash", sa.String(64), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("backend", sa.String(64), nullable=False),
        sa.Column("config", JsonDocument, nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=False),
        sa.Column("dtype", sa.String(16), nullable=False),
        sa.CheckConstraint(
            "dtype IN ('float32', 'float16')", name=op.f("ck_embedding_recipes_dtype")
        ),
        sa.CheckConstraint("dimension > 0", name=op.f("ck_embedding_recipes_dimension")),
        sa.PrimaryKeyConstraint("recipe_hash", name=op.f("pk_embedding_recipes")),
    )
    op.create_table(
        "sequence_embeddings",
        sa.Column("recipe_hash", sa.String(64), nullable=False),
        sa.Column("sequence_id", SequenceId, nullable=False),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("vector", PgVector().with_variant(sa.LargeBinary(), "sqlite")),
        sa.Column("half_vector", PgHalfVector().with_variant(sa.LargeBinary(), "sqlite")),
        sa.CheckConstraint(
            "(vector IS NULL) <> (half_vector IS NULL)",
            name=op.f("ck_sequence_embeddings_one_vector"),
        ),
        sa.ForeignKeyConstraint(
            ["recipe_hash"], ["embedding_recipes.recipe_hash"],
            name=op.f("fk_sequence_embeddings_recipe_hash_embedding_recipes"),
        ),
        sa.ForeignKeyConstraint(
            ["sequence_id"], ["sequences.id"],
            name=op.f("fk_sequence_embeddings_sequence_id_sequences"),
        ),
        sa.PrimaryKeyConstraint(
            "recipe_hash", "sequence_id", "chunk", name=op.f("pk_sequence_embeddings")
        ),
    )  # fmt: skip
    op.create_index("ix_sequence_embeddings_sequence_id", "sequence_embeddings", ["sequence_id"])
    op.create_table(
        "prediction_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("recipe_hash", sa.String(64), nullable=False),
        sa.Column("annotation_set_id", sa.Uuid(), nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("evidence_filter", sa.String(32), nullable=False),
        sa.Column("settings", JsonDocument, nullable=False),
        sa.Column("scoring", JsonDocument, nullable=False),
        sa.Column("query_count", sa.Integer(), nullable=False),
        sa.Column("reference_count", sa.Integer(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("batches_done", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime()),
        sa.CheckConstraint(
            "status IN ('running', 'complete')", name=op.f("ck_prediction_sets_status")
        ),
        sa.ForeignKeyConstraint(
            ["recipe_hash"], ["embedding_recipes.recipe_hash"],
            name=op.f("fk_prediction_sets_recipe_hash_embedding_recipes"),
        ),
        sa.ForeignKeyConstraint(
            ["annotation_set_id"], ["annotation_sets.id"],
            name=op.f("fk_prediction_sets_annotation_set_id_annotation_sets"),
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"], ["ontology_snapshots.id"],
            name=op.f("fk_prediction_sets_snapshot_id_ontology_snapshots"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prediction_sets")),
    )  # fmt: skip
    op.create_table(
        "prediction_set_batches",
        sa.Column("set_id", sa.Uuid(), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_id"], ["prediction_sets.id"],
            name=op.f("fk_prediction_set_batches_set_id_prediction_sets"),
        ),
        sa.PrimaryKeyConstraint("set_id", "batch", name=op.f("pk_prediction_set_batches")),
    )  # fmt: skip
    op.create_table(
        "predictions",
        sa.Column("set_id", sa.Uuid(), nullable=False),
        sa.Column("accession", sa.String(64), nullable=False),
        sa.Column("go_id", sa.String(32), nullable=False),
        sa.Column("aspect", sa.String(1), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("features", JsonDocument, nullable=False),
        sa.Column("evidence_codes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_id"], ["prediction_sets.id"], name=op.f("fk_predictions_set_id_prediction_sets")
        ),
        sa.ForeignKeyConstraint(
            ["accession"], ["proteins.accession"],
            name=op.f("fk_predictions_accession_proteins"),
        ),
        sa.PrimaryKeyConstraint("set_id", "accession", "go_id", name=op.f("pk_predictions")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("predictions")
    op.drop_table("prediction_set_batches")
    op.drop_table("prediction_sets")
    op.drop_index("ix_sequence_embeddings_sequence_id", table_name="sequence_embeddings")
    op.drop_table("sequence_embeddings")
    op.drop_table("embedding_recipes")
