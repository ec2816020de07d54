"""Evaluation tables: evaluation sets and targets, information accretion, evaluation runs and
their metric rows.

Revision ID: 0005_evaluation
Revises: 0004_api
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Registers the evaluation tables on the shared metadata, so the schema-drift check sees them
# even before `protea_adapters.sqlalchemy` imports the module itself.
import protea_adapters.sqlalchemy.evaluation_tables  # noqa: F401
from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

revision = "0005_evaluation"
down_revision = "0004_api"
branch_labels = None
depends_on = None

AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Double = sa.Float(precision=53)
CATEGORY_CHECK = "category IN ('NK', 'LK', 'PK')"


def upgrade() -> None:
    op.create_table(
        "evaluation_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("old_annotation_set_id", sa.Uuid(), nullable=False),
        sa.Column("new_annotation_set_id", sa.Uuid(), nullable=False),
        sa.Column("options", JsonDocument, nullable=False),
        sa.Column("options_key", sa.String(length=1024), nullable=False),
        sa.Column("stats", JsonDocument, nullable=False),
        sa.Column("target_count", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["ontology_snapshots.id"],
            name=op.f("fk_evaluation_sets_snapshot_id_ontology_snapshots"),
        ),
        sa.ForeignKeyConstraint(
            ["old_annotation_set_id"],
            ["annotation_sets.id"],
            name=op.f("fk_evaluation_sets_old_annotation_set_id_annotation_sets"),
        ),
        sa.ForeignKeyConstraint(
            ["new_annotation_set_id"],
            ["annotation_sets.id"],
            name=op.f("fk_evaluation_sets_new_annotation_set_id_annotation_sets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_sets")),
        sa.UniqueConstraint(
            "old_annotation_set_id",
            "new_annotation_set_id",
            "options_key",
            name=op.f("uq_evaluation_sets_pair_options"),
        ),
    )
    op.create_table(
        "evaluation_targets",
        sa.Column("evaluation_set_id", sa.Uuid(), nullable=False),
        sa.Column("accession", sa.String(length=64), nullable=False),
        sa.Column("namespace", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=2), nullable=False),
        sa.Column("ground_truth", sa.Text(), nullable=False),
        sa.Column("known", sa.Text(), nullable=False),
        sa.CheckConstraint(CATEGORY_CHECK, name=op.f("ck_evaluation_targets_category")),
        sa.ForeignKeyConstraint(
            ["evaluation_set_id"],
            ["evaluation_sets.id"],
            name=op.f("fk_evaluation_targets_evaluation_set_id_evaluation_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "evaluation_set_id", "accession", "namespace", name=op.f("pk_evaluation_targets")
        ),
    )
    op.create_table(
        "information_accretion_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("annotation_set_id", sa.Uuid(), nullable=False),
        sa.Column("options", JsonDocument, nullable=False),
        sa.Column("term_count", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["ontology_snapshots.id"],
            name=op.f("fk_information_accretion_sets_snapshot_id_ontology_snapshots"),
        ),
        sa.ForeignKeyConstraint(
            ["annotation_set_id"],
            ["annotation_sets.id"],
            name=op.f("fk_information_accretion_sets_annotation_set_id_annotation_sets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_accretion_sets")),
        sa.UniqueConstraint(
            "snapshot_id",
            "annotation_set_id",
            name=op.f("uq_information_accretion_sets_snapshot_set"),
        ),
    )
    op.create_table(
        "information_accretion_values",
        sa.Column("ia_id", sa.Uuid(), nullable=False),
        sa.Column("go_id", sa.String(length=32), nullable=False),
        sa.Column("value", Double, nullable=False),
        sa.ForeignKeyConstraint(
            ["ia_id"],
            ["information_accretion_sets.id"],
            name=op.f("fk_information_accretion_values_ia_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ia_id", "go_id", name=op.f("pk_information_accretion_values")),
    )
    op.create_table(
        "evaluation_runs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("evaluation_set_id", sa.Uuid(), nullable=False),
        sa.Column("predictions", sa.Text(), nullable=False),
        sa.Column("scoring", sa.String(length=255), nullable=False),
        sa.Column("information_accretion_id", sa.Uuid(), nullable=True),
        sa.Column("options", JsonDocument, nullable=False),
        sa.Column("artifacts", JsonDocument, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_set_id"],
            ["evaluation_sets.id"],
            name=op.f("fk_evaluation_runs_evaluation_set_id_evaluation_sets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["information_accretion_id"],
            ["information_accretion_sets.id"],
            name=op.f("fk_evaluation_runs_ia_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_runs")),
    )
    op.create_index(
        "ix_evaluation_runs_evaluation_set_id", "evaluation_runs", ["evaluation_set_id"]
    )
    op.create_table(
        "evaluation_results",
        sa.Column("id", AutoId, autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(length=2), nullable=False),
        sa.Column("namespace", sa.String(length=64), nullable=False),
        sa.Column("predictions_file", sa.Text(), nullable=False),
        sa.Column("fmax", Double, nullable=False),
        sa.Column("precision", Double, nullable=False),
        sa.Column("recall", Double, nullable=False),
        sa.Column("tau", Double, nullable=False),
        sa.Column("coverage", Double, nullable=False),
        sa.Column("weighted_fmax", Double, nullable=True),
        sa.Column("smin", Double, nullable=False),
        sa.Column("n_proteins", sa.Integer(), nullable=False),
        sa.CheckConstraint(CATEGORY_CHECK, name=op.f("ck_evaluation_results_category")),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["evaluation_runs.id"],
            name=op.f("fk_evaluation_results_run_id_evaluation_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_results")),
        sa.UniqueConstraint(
            "run_id",
            "category",
            "namespace",
            "predictions_file",
            name=op.f("uq_evaluation_results_row"),
        ),
    )


def downgrade() -> None:
    op.drop_table("evaluation_results")
    op.drop_index("ix_evaluation_runs_evaluation_set_id", table_name="evaluation_runs")
    op.drop_table("evaluation_runs")
    op.drop_table("information_accretion_values")
    op.drop_table("information_accretion_sets")
    op.drop_table("evaluation_targets")
    op.drop_table("evaluation_sets")
