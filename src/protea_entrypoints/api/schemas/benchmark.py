"""The benchmark matrix configuration."""

from __future__ import annotations

from pydantic import BaseModel

from protea_domain.benchmarking.config import BenchmarkConfig


class BenchmarkMatrixOut(BaseModel):
    preferred_default_stages: list[str]
    baseline_scoring_name: str | None
    hidden_stages: list[str]
    stage_labels: dict[str, str]
    evaluation_set_labels: dict[str, str]
    hidden_embeddings: list[str]
    categories: list[str]
    aspects: list[str]

    @classmethod
    def of(cls, config: BenchmarkConfig) -> BenchmarkMatrixOut:
        return cls(
            preferred_default_stages=list(config.preferred_default_stages),
            baseline_scoring_name=config.baseline_scoring_name,
            hidden_stages=sorted(config.hidden_stages),
            stage_labels=dict(config.stage_labels),
            evaluation_set_labels=dict(config.evaluation_set_labels),
            hidden_embeddings=sorted(config.hidden_embeddings),
            categories=list(config.categories),
            aspects=list(config.aspects),
        )
