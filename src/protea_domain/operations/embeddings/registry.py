"""Every embedding and prediction operation over given storage and embedders."""

from __future__ import annotations

from protea_domain.operations.embeddings.compute import (
    ComputeEmbeddingsOperation,
    EmbedBatchOperation,
)
from protea_domain.operations.embeddings.predict import (
    PredictBatchOperation,
    PredictGoTermsOperation,
)
from protea_domain.operations.embeddings.references import PredictionCaches
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedder_factory import EmbedderFactory
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.operation import Operation


def embedding_operations(
    biodata: BioDataUnitOfWorkFactory,
    embeddings: EmbeddingUnitOfWorkFactory,
    embedders: EmbedderFactory,
    clock: Clock,
    metrics: MetricsRecorder | None = None,
) -> list[Operation]:
    """`compute_embeddings`, `embed_batch`, `predict_go_terms`, `predict_batch`; the two
    prediction operations share one reference cache."""
    caches = PredictionCaches()
    return [
        ComputeEmbeddingsOperation(embeddings, embedders),
        EmbedBatchOperation(embeddings, embedders, metrics),
        PredictGoTermsOperation(biodata, embeddings, embedders, clock, caches),
        PredictBatchOperation(biodata, embeddings, clock, caches, metrics),
    ]
