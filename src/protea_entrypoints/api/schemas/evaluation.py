"""Evaluation requests and responses: stored evaluation sets, their CAFA runs and result rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import Category
from protea_entrypoints.api.schemas.common import Strict

_SEGMENT = r"[A-Za-z0-9_\-=+@,~][A-Za-z0-9._\-=+@,~]*"
ARTIFACT_NAME = rf"^{_SEGMENT}(/{_SEGMENT})*$"
"""`<category>/<file name>`: the artifact key alphabet, no segment starting with a dot."""


class EvaluationSetPath(Strict):
    evaluation_set_id: UUID


class GroundTruthPath(Strict):
    evaluation_set_id: UUID
    category: Category


class EvaluationRunPath(Strict):
    run_id: UUID


class RunArtifactPath(Strict):
    run_id: UUID
    name: str = Field(
        min_length=1,
        max_length=1024,
        pattern=ARTIFACT_NAME,
        description="one of the run's `artifacts`, e.g. `NK/evaluation_all.tsv`",
    )


class NamespaceStatsOut(BaseModel):
    proteins: int = Field(description="targets (proteins) in the category and namespace")
    terms: int = Field(description="ground-truth terms, counted with propagation")


class EvaluationSetOut(BaseModel):
    id: UUID
    snapshot_id: UUID = Field(description="the ontology snapshot both annotation sets are on")
    old_annotation_set_id: UUID = Field(description="t0: the annotations already known")
    new_annotation_set_id: UUID = Field(description="t1: the annotations gained since t0")
    options: dict[str, Any] = Field(description="the options the set was built under")
    created_at: datetime
    target_count: int = Field(description="(protein, namespace) targets in every category")
    category_counts: dict[Category, int] = Field(
        description="targets per category (NK, LK, PK); a category without targets is absent"
    )
    stats: dict[Category, dict[str, NamespaceStatsOut]] = Field(
        description="category -> namespace -> counts"
    )

    @classmethod
    def of(cls, stored: StoredEvaluationSet) -> EvaluationSetOut:
        stats = {
            Category(category): {
                namespace: NamespaceStatsOut(proteins=cell["proteins"], terms=cell["terms"])
                for namespace, cell in sorted(by_namespace.items())
            }
            for category, by_namespace in stored.stats.items()
        }
        return cls(
            id=stored.id,
            snapshot_id=stored.snapshot_id,
            old_annotation_set_id=stored.old_set_id,
            new_annotation_set_id=stored.new_set_id,
            options=dict(stored.options),
            created_at=stored.created_at,
            target_count=stored.target_count,
            category_counts={
                category: sum(cell.proteins for cell in cells.values())
                for category, cells in stats.items()
            },
            stats=stats,
        )


class EvaluationSetListOut(BaseModel):
    items: list[EvaluationSetOut]


class EvaluationRunOut(BaseModel):
    id: UUID
    evaluation_set_id: UUID
    scoring: str = Field(description="the label the run was given")
    predictions: str = Field(description="the evaluated predictions (artifact URIs, spaced)")
    information_accretion_id: UUID | None = Field(
        description="the IA set the weighted metrics used; null: none"
    )
    options: dict[str, Any] = Field(description="the evaluator's options")
    artifacts: list[str] = Field(
        description="names of the stored output files, for `.../artifacts/{name}`"
    )
    created_at: datetime

    @classmethod
    def of(cls, run: EvaluationRun) -> EvaluationRunOut:
        return cls(
            id=run.id,
            evaluation_set_id=run.evaluation_set_id,
            scoring=run.scoring,
            predictions=run.predictions,
            information_accretion_id=run.information_accretion_id,
            options=dict(run.options),
            artifacts=sorted(run.artifacts),
            created_at=run.created_at,
        )


class EvaluationRunListOut(BaseModel):
    items: list[EvaluationRunOut]


class ResultRowOut(BaseModel):
    """The best-threshold metrics of one predictions file in one category and namespace."""

    category: Category
    namespace: str
    predictions_file: str
    fmax: float = Field(description="maximum F over thresholds")
    precision: float = Field(description="precision at the maximum F")
    recall: float = Field(description="recall at the maximum F")
    tau: float = Field(description="the threshold of the maximum F")
    coverage: float = Field(description="share of targets with a prediction at tau")
    weighted_fmax: float | None = Field(description="maximum IA-weighted F; null without IA")
    smin: float = Field(description="minimum semantic distance S")
    n_proteins: int = Field(description="targets with a prediction at tau")

    @classmethod
    def of(cls, row: EvaluationResultRow) -> ResultRowOut:
        return cls(
            category=row.category,
            namespace=row.namespace,
            predictions_file=row.predictions_file,
            fmax=row.fmax,
            precision=row.precision,
            recall=row.recall,
            tau=row.tau,
            coverage=row.coverage,
            weighted_fmax=row.weighted_fmax,
            smin=row.smin,
            n_proteins=row.n_proteins,
        )


class EvaluationRunDetailOut(EvaluationRunOut):
    results: list[ResultRowOut] = Field(
        description="ordered by category (NK, LK, PK), namespace and predictions file"
    )

    @classmethod
    def with_results(
        cls, run: EvaluationRun, rows: list[EvaluationResultRow]
    ) -> EvaluationRunDetailOut:
        return cls(
            **EvaluationRunOut.of(run).model_dump(), results=[ResultRowOut.of(r) for r in rows]
        )
