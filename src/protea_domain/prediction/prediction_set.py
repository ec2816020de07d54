"""`PredictionSetInfo`: every input a prediction set came from, for reproducibility."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.prediction.transfer import TransferSettings
from protea_domain.scoring.config import ScoringConfig


@dataclass(frozen=True, slots=True)
class PredictionSetInfo:
    """The recipe (and its hash), the reference annotation set (fingerprint and evidence
    filter), the ontology release, the transfer settings and the scoring recipe, plus the
    number of query and reference proteins."""

    recipe: EmbeddingConfig
    annotation_fingerprint: str
    evidence_filter: str
    ontology_version: str | None
    settings: TransferSettings
    scoring: ScoringConfig
    queries: int
    references: int

    def to_json(self) -> str:
        data = {
            "recipe": json.loads(self.recipe.canonical_json()),
            "recipe_hash": self.recipe.content_hash,
            "annotation_fingerprint": self.annotation_fingerprint,
            "evidence_filter": self.evidence_filter,
            "ontology_version": self.ontology_version,
            "settings": asdict(self.settings),
            "scoring": asdict(self.scoring),
            "queries": self.queries,
            "references": self.references,
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"
