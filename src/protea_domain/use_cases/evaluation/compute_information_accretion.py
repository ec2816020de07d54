"""Compute (or find) the information accretion of a snapshot from an annotation set."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from protea_domain.errors import ConflictError, InvalidInputError
from protea_domain.evaluation_sets.information_accretion import information_accretion
from protea_domain.evaluation_sets.stored import InformationAccretionSet
from protea_domain.ports.clock import Clock
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWorkFactory
from protea_domain.use_cases.evaluation.generate_evaluation_set import Progress, _no_progress
from protea_domain.use_cases.evaluation.snapshot_data import (
    evidence_filter,
    positive_annotations,
    required,
    snapshot_dag,
)


@dataclass(frozen=True, slots=True)
class ComputedInformationAccretion:
    record: InformationAccretionSet
    created: bool


def compute_information_accretion(
    uow_factory: EvaluationUnitOfWorkFactory,
    clock: Clock,
    annotation_set_id: UUID,
    *,
    evidence: str = "experimental",
    progress: Progress = _no_progress,
) -> ComputedInformationAccretion:
    """IA(t) = -log2 P(t | parents of t) over the set's annotations (evidence filter as in
    evaluation sets; NOT annotations remove their term and descendants), propagated on the
    set's snapshot, stored for that snapshot. Idempotent: the IA already stored for the
    (snapshot, set) pair is returned. Raises `InvalidInputError` for an unknown set, or when
    the pair's IA was stored under other options."""
    codes = evidence_filter(evidence, "payload.evidence")
    options = {"evidence": evidence}
    progress(0, 3, "reading the ontology snapshot and annotations")
    with uow_factory() as uow:
        annotation_set = required(
            lambda: uow.annotations.get_set(annotation_set_id), "payload.annotation_set_id"
        )
        snapshot_id = annotation_set.snapshot_id
        found = uow.evaluation.find_information_accretion(snapshot_id, annotation_set_id)
        if found is None:
            dag = snapshot_dag(uow.ontology, snapshot_id)
            annotations = positive_annotations(
                uow.annotations.annotation_facts(annotation_set_id), dag, codes
            )
    # Progress is reported between transactions, never inside one (see
    # generate_evaluation_set).
    if found is not None:
        return _existing(found, options, annotation_set_id, progress)
    progress(1, 3, "computing information accretion")
    values = information_accretion(annotations, dag)
    record = InformationAccretionSet(
        id=uuid4(),
        snapshot_id=snapshot_id,
        annotation_set_id=annotation_set_id,
        created_at=clock.now(),
        options=options,
        term_count=len(values),
    )
    progress(2, 3, "storing")
    try:
        with uow_factory() as uow:
            uow.evaluation.put_information_accretion(record, values)
            uow.commit()
    except ConflictError:
        with uow_factory() as uow:
            found = uow.evaluation.find_information_accretion(snapshot_id, annotation_set_id)
        if found is None:
            raise
        return _existing(found, options, annotation_set_id, progress)
    progress(3, 3, "stored")
    return ComputedInformationAccretion(record, True)


def _existing(
    found: InformationAccretionSet,
    options: dict[str, str],
    annotation_set_id: UUID,
    progress: Progress,
) -> ComputedInformationAccretion:
    if found.options != options:
        raise InvalidInputError(
            f"information accretion of set {annotation_set_id} exists with options {found.options}",
            location="payload.evidence",
        )
    progress(1, 1, "information accretion exists")
    return ComputedInformationAccretion(found, False)
