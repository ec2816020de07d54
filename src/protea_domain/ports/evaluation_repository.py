"""Evaluation storage port: evaluation sets and their targets, information accretion, and the
results of CAFA evaluation runs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol
from uuid import UUID

from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    InformationAccretionSet,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import Category, Target


class EvaluationRepository(Protocol):
    """Evaluation data inside the owning unit of work: nothing is durable until it commits."""

    def add_set(self, evaluation_set: StoredEvaluationSet, targets: Sequence[Target]) -> None:
        """Store an evaluation set with its targets (ground truth and known terms per protein
        and namespace). Raises `ConflictError` when a set with the same (old, new, options)
        exists or the id is taken, `NotFoundError` for an unknown snapshot or annotation set."""
        ...

    def find_set(
        self, old_set_id: UUID, new_set_id: UUID, options_key: str
    ) -> StoredEvaluationSet | None:
        """The set of that (old, new) pair built under options of that key, or None."""
        ...

    def get_set(self, evaluation_set_id: UUID) -> StoredEvaluationSet:
        """Raises `NotFoundError`."""
        ...

    def sets(self) -> list[StoredEvaluationSet]:
        """Every evaluation set, oldest first."""
        ...

    def targets(self, evaluation_set_id: UUID, category: Category | None = None) -> list[Target]:
        """The set's targets (of one category when given), ordered by (protein, namespace):
        the order `build_evaluation_set` produced them in. Raises `NotFoundError` for an
        unknown set."""
        ...

    def put_information_accretion(
        self, record: InformationAccretionSet, values: Mapping[str, float]
    ) -> None:
        """Store IA values (GO id -> IA, floats kept exactly) for a snapshot, computed from an
        annotation set. Raises `ConflictError` if the (snapshot, annotation set) pair or the
        id already has IA, `NotFoundError` for an unknown snapshot or annotation set."""
        ...

    def find_information_accretion(
        self, snapshot_id: UUID, annotation_set_id: UUID | None = None
    ) -> InformationAccretionSet | None:
        """The IA of the snapshot computed from that annotation set, or, when None, the most
        recently stored IA of the snapshot; None when there is none."""
        ...

    def get_information_accretion(self, ia_id: UUID) -> InformationAccretionSet:
        """The record of a stored IA set. Raises `NotFoundError`."""
        ...

    def information_accretion(self, ia_id: UUID) -> dict[str, float]:
        """GO id -> IA of a stored IA set. Raises `NotFoundError`."""
        ...

    def add_run(self, run: EvaluationRun, rows: Sequence[EvaluationResultRow]) -> None:
        """Store an evaluation run with its metric rows (each row's `run_id` must be the
        run's). Raises `NotFoundError` for an unknown evaluation set, `ConflictError` for a
        taken run id or two rows with the same (category, namespace, predictions file)."""
        ...

    def get_run(self, run_id: UUID) -> EvaluationRun:
        """The stored run of that id (with its options and artifact map). Raises
        `NotFoundError` for an unknown run."""
        ...

    def runs(self, evaluation_set_id: UUID) -> list[EvaluationRun]:
        """The runs of an evaluation set, oldest first (empty when none)."""
        ...

    def results(self, run_id: UUID) -> list[EvaluationResultRow]:
        """The run's rows ordered by (category NK, LK, PK; namespace; predictions file).
        Raises `NotFoundError` for an unknown run."""
        ...
