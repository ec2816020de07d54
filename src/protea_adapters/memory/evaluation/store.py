"""The committed state behind the in-memory evaluation repository."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any
from uuid import UUID

from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    InformationAccretionSet,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import Target


@dataclass
class MemoryEvaluationStore:
    """Immutable values in dicts, so a shallow copy of each dict is a consistent snapshot. The
    unit of work serialises access with the biodata store's lock."""

    sets: dict[UUID, StoredEvaluationSet] = field(default_factory=dict)
    targets: dict[UUID, tuple[Target, ...]] = field(default_factory=dict)
    ia_sets: dict[UUID, InformationAccretionSet] = field(default_factory=dict)
    ia_values: dict[UUID, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    runs: dict[UUID, EvaluationRun] = field(default_factory=dict)
    results: dict[UUID, tuple[EvaluationResultRow, ...]] = field(default_factory=dict)

    def snapshot(self) -> MemoryEvaluationStore:
        copies: dict[str, Any] = {f.name: dict(getattr(self, f.name)) for f in fields(self)}
        return replace(self, **copies)

    def restore(self, saved: MemoryEvaluationStore) -> None:
        for f in fields(self):
            setattr(self, f.name, dict(getattr(saved, f.name)))
