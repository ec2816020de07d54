"""Evaluation tables (evaluation sets and their targets, information accretion, evaluation runs
and their metric rows), on the shared `metadata` of `tables.py`.

Targets are stored compactly: one row per (set, protein, namespace) with the ground-truth and
known GO ids as one space-separated text each."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

from protea_adapters.sqlalchemy.tables import AutoId, metadata
from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

GO_ID = String(32)
ACCESSION = String(64)
NAMESPACE = String(64)
CATEGORY_CHECK = "category IN ('NK', 'LK', 'PK')"
Double = Float(precision=53)

evaluation_sets = Table(
    "evaluation_sets",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("snapshot_id", Uuid(), ForeignKey("ontology_snapshots.id"), nullable=False),
    Column("old_annotation_set_id", Uuid(), ForeignKey("annotation_sets.id"), nullable=False),
    Column("new_annotation_set_id", Uuid(), ForeignKey("annotation_sets.id"), nullable=False),
    Column("options", JsonDocument, nullable=False),
    Column("options_key", String(1024), nullable=False),
    Column("stats", JsonDocument, nullable=False),
    Column("target_count", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint(
        "old_annotation_set_id",
        "new_annotation_set_id",
        "options_key",
        name="uq_evaluation_sets_pair_options",
    ),
)

evaluation_targets = Table(
    "evaluation_targets",
    metadata,
    Column(
        "evaluation_set_id",
        Uuid(),
        ForeignKey("evaluation_sets.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("accession", ACCESSION, primary_key=True),
    Column("namespace", NAMESPACE, primary_key=True),
    Column("category", String(2), nullable=False),
    Column("ground_truth", Text, nullable=False),
    Column("known", Text, nullable=False),
    CheckConstraint(CATEGORY_CHECK, name="category"),
)

information_accretion_sets = Table(
    "information_accretion_sets",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("snapshot_id", Uuid(), ForeignKey("ontology_snapshots.id"), nullable=False),
    Column("annotation_set_id", Uuid(), ForeignKey("annotation_sets.id"), nullable=False),
    Column("options", JsonDocument, nullable=False),
    Column("term_count", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint(
        "snapshot_id", "annotation_set_id", name="uq_information_accretion_sets_snapshot_set"
    ),
)

information_accretion_values = Table(
    "information_accretion_values",
    metadata,
    Column(
        "ia_id",
        Uuid(),
        ForeignKey(
            "information_accretion_sets.id",
            ondelete="CASCADE",
            name="fk_information_accretion_values_ia_id",
        ),
        primary_key=True,
    ),
    Column("go_id", GO_ID, primary_key=True),
    Column("value", Double, nullable=False),
)

evaluation_runs = Table(
    "evaluation_runs",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column(
        "evaluation_set_id",
        Uuid(),
        ForeignKey("evaluation_sets.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("predictions", Text, nullable=False),
    Column("scoring", String(255), nullable=False),
    Column(
        "information_accretion_id",
        Uuid(),
        ForeignKey("information_accretion_sets.id", name="fk_evaluation_runs_ia_id"),
    ),
    Column("options", JsonDocument, nullable=False),
    Column("artifacts", JsonDocument, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_evaluation_runs_evaluation_set_id", "evaluation_set_id"),
)

evaluation_results = Table(
    "evaluation_results",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("run_id", Uuid(), ForeignKey("evaluation_runs.id", ondelete="CASCADE"), nullable=False),
    Column("category", String(2), nullable=False),
    Column("namespace", NAMESPACE, nullable=False),
    Column("predictions_file", Text, nullable=False),
    Column("fmax", Double, nullable=False),
    Column("precision", Double, nullable=False),
    Column("recall", Double, nullable=False),
    Column("tau", Double, nullable=False),
    Column("coverage", Double, nullable=False),
    Column("weighted_fmax", Double),
    Column("smin", Double, nullable=False),
    Column("n_proteins", Integer, nullable=False),
    CheckConstraint(CATEGORY_CHECK, name="category"),
    UniqueConstraint(
        "run_id", "category", "namespace", "predictions_file", name="uq_evaluation_results_row"
    ),
)
