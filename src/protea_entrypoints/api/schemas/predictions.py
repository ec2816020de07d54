"""Embedding recipes, prediction sets (with a protein's predictions) and scoring configs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema

from protea_domain.embeddings.config import LayerAggregation, Normalisation, Pooling
from protea_domain.embeddings.stored import EmbeddingRecipe, VectorDtype
from protea_domain.prediction.features import SIGNAL_NAMES
from protea_domain.prediction.stored import (
    PredictionSetRecord,
    PredictionSetStatus,
    StoredPrediction,
)
from protea_domain.scoring.stored import StoredScoringConfig
from protea_domain.use_cases.scoring_configs import MAX_NAME
from protea_entrypoints.api.schemas.biodata import ACCESSION, NAME
from protea_entrypoints.api.schemas.common import Strict

MAX_ACCESSIONS = 100
MAX_EVIDENCE_WEIGHTS = 64
MAX_DESCRIPTION = 4000
SIGNALS_TEXT = ", ".join(f"`{name}`" for name in SIGNAL_NAMES)
EVIDENCE_CODE = r"^[A-Za-z][A-Za-z0-9_-]*$"
NO_NUL = r"^[^\x00]*$"

# --- embedding recipes --------------------------------------------------------------------


class RecipePath(Strict):
    recipe_hash: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="hex SHA-256 of the recipe's canonical JSON"
    )


class EmbeddingRecipeOut(BaseModel):
    recipe_hash: str = Field(description="the recipe's identity (content hash of its config)")
    model: str = Field(description="the weights, e.g. `kmer-2`, `unirep-64`, a model directory")
    backend: str = Field(description="the adapter that runs the model")
    layers: list[int] = Field(description="layer indices (negative from the end; []: default)")
    layer_aggregation: LayerAggregation
    pooling: Pooling
    residue_normalisation: Normalisation
    final_normalisation: Normalisation
    max_length: int | None = Field(description="residues kept; null: no limit")
    chunk_size: int = Field(description="chunk length of long sequences; 0: no chunking")
    chunk_overlap: int
    options: dict[str, str] = Field(description="backend-specific settings")
    dimension: int = Field(description="length of each vector")
    dtype: VectorDtype = Field(description="the precision vectors are stored in")
    vector_count: int = Field(description="stored (sequence, chunk) vectors of the recipe")

    @classmethod
    def of(cls, recipe: EmbeddingRecipe, vector_count: int) -> EmbeddingRecipeOut:
        config = recipe.config
        return cls(
            recipe_hash=recipe.recipe_hash,
            model=config.model,
            backend=config.backend,
            layers=list(config.layers),
            layer_aggregation=config.layer_aggregation,
            pooling=config.pooling,
            residue_normalisation=config.residue_normalisation,
            final_normalisation=config.final_normalisation,
            max_length=config.max_length,
            chunk_size=config.chunk_size,
            chunk_overlap=config.chunk_overlap,
            options=dict(config.options),
            dimension=recipe.dimension,
            dtype=recipe.dtype,
            vector_count=vector_count,
        )


class EmbeddingRecipeListOut(BaseModel):
    items: list[EmbeddingRecipeOut]


# --- prediction sets ----------------------------------------------------------------------


class PredictionSetPath(Strict):
    prediction_set_id: UUID


class PredictionSetOut(BaseModel):
    id: UUID
    recipe_hash: str = Field(description="the embedding recipe of queries and references")
    annotation_set_id: UUID = Field(description="the reference annotations transferred")
    snapshot_id: UUID = Field(description="the ontology snapshot")
    k: int = Field(description="neighbours per query")
    evidence_filter: str = Field(description="which reference annotations were used")
    settings: dict[str, Any] = Field(description="the transfer settings")
    scoring: dict[str, Any] = Field(description="the scoring recipe the stored scores follow")
    queries: int = Field(description="query proteins")
    references: int = Field(description="reference proteins")
    batches: int = Field(description="batches the set is written in")
    batches_done: int
    status: PredictionSetStatus
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, record: PredictionSetRecord) -> PredictionSetOut:
        return cls(
            id=record.id,
            recipe_hash=record.recipe_hash,
            annotation_set_id=record.annotation_set_id,
            snapshot_id=record.snapshot_id,
            k=record.k,
            evidence_filter=record.evidence_filter,
            settings=dict(record.settings),
            scoring=dict(record.scoring),
            queries=record.queries,
            references=record.references,
            batches=record.batches,
            batches_done=record.batches_done,
            status=record.status,
            created_at=record.created_at,
            finished_at=record.finished_at,
        )


class PredictionSetListOut(BaseModel):
    items: list[PredictionSetOut]


Accession = Annotated[str, Field(min_length=1, max_length=128, pattern=ACCESSION)]


class PredictionsQuery(Strict):
    accession: list[Accession] = Field(
        min_length=1,
        max_length=MAX_ACCESSIONS,
        description=f"a protein; repeat the parameter for several (at most {MAX_ACCESSIONS})",
    )


class PredictionOut(BaseModel):
    accession: str
    go_id: str
    aspect: str = Field(description="P, F or C")
    score: float = Field(description="the score under the set's scoring recipe")
    source: str = Field(description="the nearest neighbour carrying the term")
    features: dict[str, float] = Field(description="every signal, plus `distance`")
    evidence_codes: list[str] = Field(description="of the source's annotation")

    @classmethod
    def of(cls, row: StoredPrediction) -> PredictionOut:
        return cls(
            accession=row.accession,
            go_id=row.go_id,
            aspect=row.aspect,
            score=row.score,
            source=row.source,
            features=dict(row.features),
            evidence_codes=list(row.evidence_codes),
        )


class PredictionsOut(BaseModel):
    prediction_set_id: UUID
    items: list[PredictionOut] = Field(
        description="ordered by accession and GO id; proteins without predictions have none"
    )


class CafaQuery(Strict):
    scoring_config_id: UUID | None = Field(
        default=None,
        description="rescore every prediction from its stored signals with this stored "
        "scoring config; absent: the stored scores",
    )


# --- scoring configs ----------------------------------------------------------------------


class ScoringConfigPath(Strict):
    scoring_config_id: UUID


def _known_signal(name: str) -> str:
    if name not in SIGNAL_NAMES:
        raise ValueError(f"unknown signal {name!r}; known: {', '.join(SIGNAL_NAMES)}")
    return name


Signal = Annotated[
    str,
    AfterValidator(_known_signal),
    WithJsonSchema({"type": "string", "enum": list(SIGNAL_NAMES)}),
]
EvidenceCode = Annotated[str, Field(min_length=1, max_length=16, pattern=EVIDENCE_CODE)]
Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class CreateScoringConfigBody(Strict):
    name: str = Field(min_length=1, max_length=MAX_NAME, pattern=NAME,
                      description="unique; surrounding blanks are removed")  # fmt: skip
    weights: dict[Signal, Weight] = Field(
        default_factory=lambda: {"transfer_score": 1.0},
        min_length=1,
        description=f"signal -> weight (>= 0, positive sum); signals: {SIGNALS_TEXT}. "
        'Default: `{"transfer_score": 1}`',
    )
    evidence_weights: dict[EvidenceCode, Weight] = Field(
        default_factory=dict,
        max_length=MAX_EVIDENCE_WEIGHTS,
        description="evidence code -> weight multiplying the score (the highest among the "
        "source annotation's codes)",
    )
    default_evidence_weight: Weight = Field(
        default=1.0, description="the weight of codes without one, and of no code"
    )
    description: str = Field(default="", max_length=MAX_DESCRIPTION, pattern=NO_NUL)


class ScoringConfigOut(BaseModel):
    id: UUID
    name: str
    weights: dict[str, float] = Field(description="signal -> weight")
    evidence_weights: dict[str, float] = Field(description="evidence code -> weight")
    default_evidence_weight: float
    description: str
    created_at: datetime

    @classmethod
    def of(cls, stored: StoredScoringConfig) -> ScoringConfigOut:
        config = stored.config
        return cls(
            id=stored.id,
            name=stored.name,
            weights=dict(config.weights),
            evidence_weights=dict(config.evidence_weights),
            default_evidence_weight=config.default_evidence_weight,
            description=stored.description,
            created_at=stored.created_at,
        )


class ScoringConfigListOut(BaseModel):
    items: list[ScoringConfigOut]
