"""Evaluation sets, information accretion and evaluation runs on SQLAlchemy Core (bulk rows
through COPY on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.annotation_repository import COMPLETE
from protea_adapters.sqlalchemy.biodata.bulk import constraint_errors, copy_insert
from protea_adapters.sqlalchemy.biodata_tables import annotation_sets, ontology_snapshots
from protea_adapters.sqlalchemy.evaluation_tables import (
    evaluation_results,
    evaluation_runs,
    evaluation_sets,
    evaluation_targets,
    information_accretion_sets,
    information_accretion_values,
)
from protea_adapters.sqlalchemy.repository import SqlRepository
from protea_domain.errors import NotFoundError
from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    InformationAccretionSet,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import Category, Target
from protea_domain.ports.evaluation_repository import EvaluationRepository

CATEGORY_ORDER = {Category.NK: 0, Category.LK: 1, Category.PK: 2}
RESULT_FIELDS = (
    "category",
    "namespace",
    "predictions_file",
    "fmax",
    "precision",
    "recall",
    "tau",
    "coverage",
    "weighted_fmax",
    "smin",
    "n_proteins",
)


def _terms(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _joined(terms: frozenset[str]) -> str:
    return " ".join(sorted(terms))


def _set_from_row(row: RowMapping) -> StoredEvaluationSet:
    return StoredEvaluationSet(
        id=row["id"],
        snapshot_id=row["snapshot_id"],
        old_set_id=row["old_annotation_set_id"],
        new_set_id=row["new_annotation_set_id"],
        options=dict(row["options"]),
        created_at=row["created_at"],
        stats=row["stats"],
        target_count=row["target_count"],
    )


def _ia_from_row(row: RowMapping) -> InformationAccretionSet:
    return InformationAccretionSet(
        id=row["id"],
        snapshot_id=row["snapshot_id"],
        annotation_set_id=row["annotation_set_id"],
        created_at=row["created_at"],
        options=dict(row["options"]),
        term_count=row["term_count"],
    )


def _run_from_row(row: RowMapping) -> EvaluationRun:
    return EvaluationRun(
        id=row["id"],
        evaluation_set_id=row["evaluation_set_id"],
        predictions=row["predictions"],
        scoring=row["scoring"],
        created_at=row["created_at"],
        information_accretion_id=row["information_accretion_id"],
        options=dict(row["options"]),
        artifacts=dict(row["artifacts"]),
    )


def _result_from_row(row: RowMapping) -> EvaluationResultRow:
    values: dict[str, Any] = {name: row[name] for name in RESULT_FIELDS}
    values["category"] = Category(values["category"])
    return EvaluationResultRow(run_id=row["run_id"], **values)


class SqlEvaluationRepository(SqlRepository, EvaluationRepository):
    def __init__(self, session: Session) -> None:
        super().__init__(session)

    def _require_complete_set(self, set_id: UUID) -> RowMapping:
        row = (
            self._execute(
                select(annotation_sets).where(
                    annotation_sets.c.id == set_id, annotation_sets.c.status == COMPLETE
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            raise NotFoundError(f"annotation set {set_id} not found")
        return row

    def _require_snapshot(self, snapshot_id: UUID) -> None:
        found = self._execute(
            select(ontology_snapshots.c.id).where(ontology_snapshots.c.id == snapshot_id)
        ).first()
        if found is None:
            raise NotFoundError(f"ontology snapshot {snapshot_id} not found")

    def add_set(self, evaluation_set: StoredEvaluationSet, targets: Sequence[Target]) -> None:
        self._require_snapshot(evaluation_set.snapshot_id)
        self._require_complete_set(evaluation_set.old_set_id)
        self._require_complete_set(evaluation_set.new_set_id)
        with constraint_errors("evaluation_sets"):
            self._session.execute(
                insert(evaluation_sets).values(
                    id=evaluation_set.id,
                    snapshot_id=evaluation_set.snapshot_id,
                    old_annotation_set_id=evaluation_set.old_set_id,
                    new_annotation_set_id=evaluation_set.new_set_id,
                    options=dict(evaluation_set.options),
                    options_key=evaluation_set.options_key,
                    stats=evaluation_set.stats,
                    target_count=evaluation_set.target_count,
                    created_at=evaluation_set.created_at,
                )
            )
        rows = [
            (
                evaluation_set.id,
                t.protein,
                t.namespace,
                t.category.value,
                _joined(t.ground_truth),
                _joined(t.known),
            )
            for t in targets
        ]
        columns = (
            "evaluation_set_id",
            "accession",
            "namespace",
            "category",
            "ground_truth",
            "known",
        )
        copy_insert(self._session, evaluation_targets, columns, rows)

    def find_set(
        self, old_set_id: UUID, new_set_id: UUID, options_key: str
    ) -> StoredEvaluationSet | None:
        c = evaluation_sets.c
        statement = select(evaluation_sets).where(
            c.old_annotation_set_id == old_set_id,
            c.new_annotation_set_id == new_set_id,
            c.options_key == options_key,
        )
        row = self._execute(statement).mappings().first()
        return None if row is None else _set_from_row(row)

    def get_set(self, evaluation_set_id: UUID) -> StoredEvaluationSet:
        statement = select(evaluation_sets).where(evaluation_sets.c.id == evaluation_set_id)
        row = self._execute(statement).mappings().first()
        if row is None:
            raise NotFoundError(f"evaluation set {evaluation_set_id} not found")
        return _set_from_row(row)

    def sets(self) -> list[StoredEvaluationSet]:
        c = evaluation_sets.c
        statement = select(evaluation_sets).order_by(c.created_at, c.id)
        return [_set_from_row(row) for row in self._execute(statement).mappings()]

    def targets(self, evaluation_set_id: UUID, category: Category | None = None) -> list[Target]:
        self.get_set(evaluation_set_id)
        c = evaluation_targets.c
        statement = select(evaluation_targets).where(c.evaluation_set_id == evaluation_set_id)
        if category is not None:
            statement = statement.where(c.category == category.value)
        targets = [
            Target(
                row["accession"],
                row["namespace"],
                Category(row["category"]),
                _terms(row["ground_truth"]),
                _terms(row["known"]),
            )
            for row in self._execute(statement).mappings()
        ]
        # sorted here, not in SQL: PostgreSQL collations need not order like Python strings
        return sorted(targets, key=lambda t: (t.protein, t.namespace))

    def put_information_accretion(
        self, record: InformationAccretionSet, values: Mapping[str, float]
    ) -> None:
        self._require_snapshot(record.snapshot_id)
        self._require_complete_set(record.annotation_set_id)
        with constraint_errors("information_accretion_sets"):
            self._session.execute(
                insert(information_accretion_sets).values(
                    id=record.id,
                    snapshot_id=record.snapshot_id,
                    annotation_set_id=record.annotation_set_id,
                    options=dict(record.options),
                    term_count=record.term_count,
                    created_at=record.created_at,
                )
            )
        rows = [(record.id, term, float(value)) for term, value in sorted(values.items())]
        copy_insert(self._session, information_accretion_values, ("ia_id", "go_id", "value"), rows)

    def find_information_accretion(
        self, snapshot_id: UUID, annotation_set_id: UUID | None = None
    ) -> InformationAccretionSet | None:
        c = information_accretion_sets.c
        statement = select(information_accretion_sets).where(c.snapshot_id == snapshot_id)
        if annotation_set_id is not None:
            statement = statement.where(c.annotation_set_id == annotation_set_id)
        statement = statement.order_by(c.created_at.desc(), c.id.desc())
        row = self._execute(statement).mappings().first()
        return None if row is None else _ia_from_row(row)

    def get_information_accretion(self, ia_id: UUID) -> InformationAccretionSet:
        statement = select(information_accretion_sets).where(
            information_accretion_sets.c.id == ia_id
        )
        row = self._execute(statement).mappings().first()
        if row is None:
            raise NotFoundError(f"information accretion {ia_id} not found")
        return _ia_from_row(row)

    def information_accretion(self, ia_id: UUID) -> dict[str, float]:
        self.get_information_accretion(ia_id)
        c = information_accretion_values.c
        statement = select(c.go_id, c.value).where(c.ia_id == ia_id).order_by(c.go_id)
        return {go_id: float(value) for go_id, value in self._execute(statement)}

    def add_run(self, run: EvaluationRun, rows: Sequence[EvaluationResultRow]) -> None:
        self.get_set(run.evaluation_set_id)
        for row in rows:
            if row.run_id != run.id:
                raise ValueError(f"result row of run {row.run_id} given with run {run.id}")
        with constraint_errors("evaluation_runs"):
            self._session.execute(
                insert(evaluation_runs).values(
                    id=run.id,
                    evaluation_set_id=run.evaluation_set_id,
                    predictions=run.predictions,
                    scoring=run.scoring,
                    information_accretion_id=run.information_accretion_id,
                    options=dict(run.options),
                    artifacts=dict(run.artifacts),
                    created_at=run.created_at,
                )
            )
            if rows:
                self._session.execute(
                    insert(evaluation_results),
                    [
                        {
                            "run_id": run.id,
                            **{name: getattr(row, name) for name in RESULT_FIELDS},
                            "category": row.category.value,
                        }
                        for row in rows
                    ],
                )

    def get_run(self, run_id: UUID) -> EvaluationRun:
        statement = select(evaluation_runs).where(evaluation_runs.c.id == run_id)
        row = self._execute(statement).mappings().first()
        if row is None:
            raise NotFoundError(f"evaluation run {run_id} not found")
        return _run_from_row(row)

    def runs(self, evaluation_set_id: UUID) -> list[EvaluationRun]:
        c = evaluation_runs.c
        statement = (
            select(evaluation_runs)
            .where(c.evaluation_set_id == evaluation_set_id)
            .order_by(c.created_at, c.id)
        )
        return [_run_from_row(row) for row in self._execute(statement).mappings()]

    def results(self, run_id: UUID) -> list[EvaluationResultRow]:
        found = self._execute(select(evaluation_runs.c.id).where(evaluation_runs.c.id == run_id))
        if found.first() is None:
            raise NotFoundError(f"evaluation run {run_id} not found")
        c = evaluation_results.c
        statement = select(evaluation_results).where(c.run_id == run_id)
        rows = [_result_from_row(row) for row in self._execute(statement).mappings()]
        return sorted(
            rows, key=lambda r: (CATEGORY_ORDER[r.category], r.namespace, r.predictions_file)
        )
