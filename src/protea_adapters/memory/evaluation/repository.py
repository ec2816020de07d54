"""In-memory evaluation repository over the biodata store (for referential checks) and the
evaluation store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.evaluation.store import MemoryEvaluationStore
from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    InformationAccretionSet,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import Category, Target
from protea_domain.ports.evaluation_repository import EvaluationRepository

CATEGORY_ORDER = {Category.NK: 0, Category.LK: 1, Category.PK: 2}


class MemoryEvaluationRepository(EvaluationRepository):
    def __init__(self, biodata: MemoryBioDataStore, store: MemoryEvaluationStore) -> None:
        self._biodata = biodata
        self._store = store

    def _require_complete_set(self, set_id: UUID) -> None:
        stored = self._biodata.annotation_sets.get(set_id)
        if stored is None or not stored[1]:
            raise NotFoundError(f"annotation set {set_id} not found")

    def _require_snapshot(self, snapshot_id: UUID) -> None:
        if snapshot_id not in self._biodata.snapshots:
            raise NotFoundError(f"ontology snapshot {snapshot_id} not found")

    def add_set(self, evaluation_set: StoredEvaluationSet, targets: Sequence[Target]) -> None:
        self._require_snapshot(evaluation_set.snapshot_id)
        self._require_complete_set(evaluation_set.old_set_id)
        self._require_complete_set(evaluation_set.new_set_id)
        if evaluation_set.id in self._store.sets:
            raise ConflictError(f"evaluation set {evaluation_set.id} exists")
        found = self.find_set(
            evaluation_set.old_set_id, evaluation_set.new_set_id, evaluation_set.options_key
        )
        if found is not None:
            raise ConflictError(f"evaluation set {found.id} has the same pair and options")
        keys = {(t.protein, t.namespace) for t in targets}
        if len(keys) != len(targets):
            raise ConflictError("two targets share a (protein, namespace)")
        self._store.sets[evaluation_set.id] = evaluation_set
        self._store.targets[evaluation_set.id] = tuple(
            sorted(targets, key=lambda t: (t.protein, t.namespace))
        )

    def find_set(
        self, old_set_id: UUID, new_set_id: UUID, options_key: str
    ) -> StoredEvaluationSet | None:
        for stored in self._store.sets.values():
            if (stored.old_set_id, stored.new_set_id, stored.options_key) == (
                old_set_id,
                new_set_id,
                options_key,
            ):
                return stored
        return None

    def get_set(self, evaluation_set_id: UUID) -> StoredEvaluationSet:
        stored = self._store.sets.get(evaluation_set_id)
        if stored is None:
            raise NotFoundError(f"evaluation set {evaluation_set_id} not found")
        return stored

    def sets(self) -> list[StoredEvaluationSet]:
        return sorted(self._store.sets.values(), key=lambda s: (s.created_at, str(s.id)))

    def targets(self, evaluation_set_id: UUID, category: Category | None = None) -> list[Target]:
        self.get_set(evaluation_set_id)
        return [
            t
            for t in self._store.targets[evaluation_set_id]
            if category is None or t.category is category
        ]

    def put_information_accretion(
        self, record: InformationAccretionSet, values: Mapping[str, float]
    ) -> None:
        self._require_snapshot(record.snapshot_id)
        self._require_complete_set(record.annotation_set_id)
        if record.id in self._store.ia_sets:
            raise ConflictError(f"information accretion {record.id} exists")
        if self.find_information_accretion(record.snapshot_id, record.annotation_set_id):
            raise ConflictError("information accretion of that snapshot and set exists")
        self._store.ia_sets[record.id] = record
        self._store.ia_values[record.id] = tuple(
            (term, float(value)) for term, value in sorted(values.items())
        )

    def find_information_accretion(
        self, snapshot_id: UUID, annotation_set_id: UUID | None = None
    ) -> InformationAccretionSet | None:
        found = [
            r
            for r in self._store.ia_sets.values()
            if r.snapshot_id == snapshot_id
            and (annotation_set_id is None or r.annotation_set_id == annotation_set_id)
        ]
        if not found:
            return None
        return max(found, key=lambda r: (r.created_at, str(r.id)))

    def get_information_accretion(self, ia_id: UUID) -> InformationAccretionSet:
        record = self._store.ia_sets.get(ia_id)
        if record is None:
            raise NotFoundError(f"information accretion {ia_id} not found")
        return record

    def information_accretion(self, ia_id: UUID) -> dict[str, float]:
        values = self._store.ia_values.get(ia_id)
        if values is None:
            raise NotFoundError(f"information accretion {ia_id} not found")
        return dict(values)

    def add_run(self, run: EvaluationRun, rows: Sequence[EvaluationResultRow]) -> None:
        self.get_set(run.evaluation_set_id)
        for row in rows:
            if row.run_id != run.id:
                raise ValueError(f"result row of run {row.run_id} given with run {run.id}")
        if run.id in self._store.runs:
            raise ConflictError(f"evaluation run {run.id} exists")
        keys = {(r.category, r.namespace, r.predictions_file) for r in rows}
        if len(keys) != len(rows):
            raise ConflictError("two result rows share (category, namespace, predictions file)")
        self._store.runs[run.id] = run
        self._store.results[run.id] = tuple(rows)

    def get_run(self, run_id: UUID) -> EvaluationRun:
        run = self._store.runs.get(run_id)
        if run is None:
            raise NotFoundError(f"evaluation run {run_id} not found")
        return run

    def runs(self, evaluation_set_id: UUID) -> list[EvaluationRun]:
        found = [r for r in self._store.runs.values() if r.evaluation_set_id == evaluation_set_id]
        return sorted(found, key=lambda r: (r.created_at, str(r.id)))

    def results(self, run_id: UUID) -> list[EvaluationResultRow]:
        rows = self._store.results.get(run_id)
        if rows is None:
            raise NotFoundError(f"evaluation run {run_id} not found")
        return sorted(
            rows, key=lambda r: (CATEGORY_ORDER[r.category], r.namespace, r.predictions_file)
        )
