"""Embedding recipes and the numeric steps they name (chunking, normalisation, pooling)."""

from protea_domain.embeddings.chunking import chunk_sequence
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.pooling import aggregate_layers, normalise, pool

__all__ = ["EmbeddingConfig", "aggregate_layers", "chunk_sequence", "normalise", "pool"]
