"""Generate (or find) the evaluation set of two annotation sets on one snapshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID, uuid4

from protea_domain.errors import ConflictError, InvalidInputError
from protea_domain.evaluation_sets.stored import StoredEvaluationSet, options_key
from protea_domain.evaluation_sets.temporal import build_evaluation_set
from protea_domain.ports.clock import Clock
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWorkFactory
from protea_domain.use_cases.evaluation.snapshot_data import (
    evidence_filter,
    required,
    snapshot_dag,
)

Progress = Callable[[int, int | None, str | None], None]


@dataclass(frozen=True, slots=True)
class GeneratedEvaluationSet:
    evaluation_set: StoredEvaluationSet
    created: bool


def _no_progress(current: int, total: int | None = None, message: str | None = None) -> None:
    return None


def generate_evaluation_set(
    uow_factory: EvaluationUnitOfWorkFactory,
    clock: Clock,
    old_set_id: UUID,
    new_set_id: UUID,
    *,
    evidence: str = "experimental",
    progress: Progress = _no_progress,
) -> GeneratedEvaluationSet:
    """NK/LK/PK targets of what proteins gained from `old_set_id` to `new_set_id` (both complete
    and on one snapshot), under an evidence filter (`experimental` by default, or `any`)
    applied to both releases; NOT annotations remove their term and its descendants.
    An unknown or incomplete annotation set raises `InvalidInputError` naming the payload
    field. Idempotent: the stored set of the same pair and options is returned (`created` False),
    also when a concurrent run stored it first."""
    codes = evidence_filter(evidence, "payload.evidence")
    options = {"evidence": evidence}
    key = options_key(options)
    if old_set_id == new_set_id:
        raise InvalidInputError("must differ from old_annotation_set_id", location="payload")
    try:
        progress(0, 3, "reading the snapshot and both annotation sets")
        with uow_factory() as uow:
            old = required(
                lambda: uow.annotations.get_set(old_set_id), "payload.old_annotation_set_id"
            )
            new = required(
                lambda: uow.annotations.get_set(new_set_id), "payload.new_annotation_set_id"
            )
            if old.snapshot_id != new.snapshot_id:
                raise InvalidInputError(
                    f"annotation sets are on different snapshots ({old.snapshot_id}, "
                    f"{new.snapshot_id})",
                    location="payload.new_annotation_set_id",
                )
            found = uow.evaluation.find_set(old_set_id, new_set_id, key)
            if found is None:
                dag = snapshot_dag(uow.ontology, old.snapshot_id)
                old_facts = list(uow.annotations.annotation_facts(old_set_id))
                new_facts = list(uow.annotations.annotation_facts(new_set_id))
        # Progress is reported between transactions, never inside one: on SQLite a progress
        # write waiting on this process's own open write transaction would deadlock.
        if found is not None:
            progress(1, 1, "evaluation set exists")
            return GeneratedEvaluationSet(found, False)
        progress(1, 3, "building targets")
        built = build_evaluation_set(old_facts, new_facts, dag, evidence=codes, old_evidence=codes)
        stored = StoredEvaluationSet(
            id=uuid4(),
            snapshot_id=old.snapshot_id,
            old_set_id=old_set_id,
            new_set_id=new_set_id,
            options=options,
            created_at=clock.now(),
            stats=built.stats(),
            target_count=len(built.targets),
        )
        progress(2, 3, "storing targets")
        with uow_factory() as uow:
            uow.evaluation.add_set(stored, built.targets)
            uow.commit()
        progress(3, 3, "stored")
        return GeneratedEvaluationSet(stored, True)
    except ConflictError:
        with uow_factory() as uow:
            found = uow.evaluation.find_set(old_set_id, new_set_id, key)
        if found is None:
            raise
        progress(1, 1, "evaluation set stored concurrently")
        return GeneratedEvaluationSet(found, False)
