"""What PROTEA stores about evaluations: evaluation sets over two annotation sets, information
accretion per snapshot, and the metric rows of each CAFA evaluation run."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from protea_domain.evaluation_sets.temporal import Category


def options_key(options: Mapping[str, Any]) -> str:
    """The canonical text of an options mapping (sorted keys, no spaces): equal options give
    equal keys, which is what the uniqueness of evaluation sets is enforced on."""
    return json.dumps(dict(options), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class StoredEvaluationSet:
    """The NK/LK/PK targets of proteins that gained annotations from `old_set_id` (t0) to
    `new_set_id` (t1), both on `snapshot_id`, built under `options`. One per (old, new,
    options). `stats` is category -> namespace -> {"proteins", "terms"}."""

    id: UUID
    snapshot_id: UUID
    old_set_id: UUID
    new_set_id: UUID
    options: dict[str, Any]
    created_at: datetime
    stats: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    target_count: int = 0

    @property
    def options_key(self) -> str:
        return options_key(self.options)


@dataclass(frozen=True, slots=True)
class InformationAccretionSet:
    """Information accretion of every live term of `snapshot_id`, computed from the
    annotations of `annotation_set_id` (one per pair; `options` records the evidence filter)."""

    id: UUID
    snapshot_id: UUID
    annotation_set_id: UUID
    created_at: datetime
    options: dict[str, Any] = field(default_factory=dict)
    term_count: int = 0


@dataclass(frozen=True, slots=True)
class EvaluationRun:
    """One CAFA evaluation of the predictions `predictions` (an artifact URI, several joined by
    spaces, or a prediction set id) against an evaluation set, labelled `scoring`. `artifacts`
    maps `<category>/<file name>` to the artifact URI of each full TSV output."""

    id: UUID
    evaluation_set_id: UUID
    predictions: str
    scoring: str
    created_at: datetime
    information_accretion_id: UUID | None = None
    options: dict[str, Any] = field(default_factory=dict)
    artifacts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvaluationResultRow:
    """The best-threshold metrics of one prediction file in one category and namespace.
    `fmax`, `precision`, `recall`, `tau`, `coverage` and `n_proteins` come from the row of
    maximum F (cafaeval's `evaluation_best_f.tsv`: `n` is the number of targets with a
    prediction at that threshold); `weighted_fmax` from the best weighted-F row (None without
    information accretion); `smin` from the row of minimum S."""

    run_id: UUID
    category: Category
    namespace: str
    predictions_file: str
    fmax: float
    precision: float
    recall: float
    tau: float
    coverage: float
    smin: float
    n_proteins: int
    weighted_fmax: float | None = None
