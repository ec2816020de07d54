"""Benchmark matrix configuration: stage order, baseline, hidden rows, labels, NK/LK/PK, aspects.

A *stage* is the name of a scoring recipe (or `knn`, the plain neighbour transfer) whose
evaluation results form one layer of the benchmark matrix. The configuration only decides
presentation; it never changes a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from uuid import UUID

from protea_domain.benchmarking.errors import BenchmarkConfigError

KNOWN_CATEGORIES = ("NK", "LK", "PK")
"""No knowledge, limited knowledge, partial knowledge (CAFA)."""
KNOWN_ASPECTS = ("BPO", "MFO", "CCO")
"""Biological process, molecular function, cellular component."""

BASELINE_STAGE = "knn"
DEFAULT_STAGE_LABELS: Mapping[str, str] = MappingProxyType({BASELINE_STAGE: "KNN baseline"})


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class BenchmarkConfig:
    """Validated on construction: `BenchmarkConfigError` names the offending field."""

    preferred_default_stages: tuple[str, ...] = (BASELINE_STAGE,)
    """The matrix opens on the first of these that has results."""
    baseline_scoring_name: str | None = BASELINE_STAGE
    """The stage highlighted as the reference the others are compared with."""
    hidden_stages: frozenset[str] = frozenset()
    """Stages left out of the matrix (their results are kept)."""
    stage_labels: Mapping[str, str] = field(default_factory=lambda: DEFAULT_STAGE_LABELS)
    """Display names; unlisted stages get a title-cased version of their name."""
    evaluation_set_labels: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    """Display names of evaluation sets by id (canonical UUID string)."""
    hidden_embeddings: frozenset[str] = frozenset()
    """Embedding config ids (canonical UUID strings) left out of the matrix."""
    categories: tuple[str, ...] = KNOWN_CATEGORIES
    aspects: tuple[str, ...] = KNOWN_ASPECTS

    def __post_init__(self) -> None:
        _names("preferred_default_stages", self.preferred_default_stages)
        _names("hidden_stages", self.hidden_stages)
        if self.baseline_scoring_name is not None:
            _name("baseline_scoring_name", self.baseline_scoring_name)
            if self.baseline_scoring_name in self.hidden_stages:
                raise BenchmarkConfigError(
                    "baseline_scoring_name",
                    f"the baseline {self.baseline_scoring_name!r} is also hidden",
                )
        _labels("stage_labels", self.stage_labels)
        _labels("evaluation_set_labels", self.evaluation_set_labels)
        object.__setattr__(self, "stage_labels", _frozen(self.stage_labels))
        object.__setattr__(
            self,
            "evaluation_set_labels",
            _frozen(
                {
                    _uuid("evaluation_set_labels", key): label
                    for key, label in self.evaluation_set_labels.items()
                }
            ),
        )
        object.__setattr__(
            self,
            "hidden_embeddings",
            frozenset(_uuid("hidden_embeddings", item) for item in self.hidden_embeddings),
        )
        _subset("categories", self.categories, KNOWN_CATEGORIES)
        _subset("aspects", self.aspects, KNOWN_ASPECTS)

    def stage_label(self, stage: str) -> str:
        """The configured label, else `embedding_plus_vote` -> `Embedding Plus Vote`."""
        return self.stage_labels.get(stage) or stage.replace("_", " ").strip().title()

    def visible_stages(self, stages: Iterable[str]) -> list[str]:
        """`stages` without the hidden ones, order and first occurrences kept."""
        return [s for s in dict.fromkeys(stages) if s not in self.hidden_stages]

    def default_stage(self, stages_with_results: Iterable[str]) -> str | None:
        """The first preferred stage that has results, else the first visible stage with
        results (in the order given), else None."""
        visible = self.visible_stages(stages_with_results)
        for stage in self.preferred_default_stages:
            if stage in visible:
                return stage
        return visible[0] if visible else None

    def evaluation_set_label(self, evaluation_set_id: UUID | str, fallback: str) -> str:
        """The configured label of an evaluation set, else `fallback`."""
        return self.evaluation_set_labels.get(str(UUID(str(evaluation_set_id))), fallback)

    def is_embedding_hidden(self, embedding_config_id: UUID | str) -> bool:
        return str(UUID(str(embedding_config_id))) in self.hidden_embeddings


def _name(key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BenchmarkConfigError(key, f"must be a non-empty string, not {value!r}")
    return value


def _names(key: str, values: Iterable[object]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        name = _name(f"{key}[{index}]", value)
        if name in seen:
            raise BenchmarkConfigError(f"{key}[{index}]", f"{name!r} is listed twice")
        seen.add(name)


def _labels(key: str, mapping: Mapping[str, str]) -> None:
    for name, label in mapping.items():
        _name(f"{key} (a key)", name)
        _name(f"{key}.{name}", label)


def _uuid(key: str, value: object) -> str:
    try:
        return str(UUID(str(value)))
    except ValueError:
        raise BenchmarkConfigError(key, f"{value!r} is not a UUID") from None


def _subset(key: str, values: tuple[str, ...], known: tuple[str, ...]) -> None:
    if not values:
        raise BenchmarkConfigError(key, f"must list at least one of {', '.join(known)}")
    for index, value in enumerate(values):
        if value not in known:
            raise BenchmarkConfigError(
                f"{key}[{index}]", f"{value!r} is not one of {', '.join(known)}"
            )
        if value in values[:index]:
            raise BenchmarkConfigError(f"{key}[{index}]", f"{value!r} is listed twice")
