"""Embedder factory port: from a job's embedder spec, or from a stored recipe, to an embedder."""

from __future__ import annotations

from typing import Any, Protocol

from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.ports.embedder import Embedder


class EmbedderFactory(Protocol):
    """Builds embedders; may keep built ones (weights are loaded once per recipe).
    Thread-safe. Both methods raise `InvalidInputError` for an unknown embedder or backend,
    a malformed spec, or weights that are not installed."""

    def from_spec(self, spec: dict[str, Any]) -> Embedder:
        """The embedder a job names: `{"name": "kmer" | "unirep" | "esm" | "t5", ...}` with
        the options of that embedder."""
        ...

    def from_config(self, config: EmbeddingConfig) -> Embedder:
        """The embedder of a stored recipe: the same recipe gives the same vectors."""
        ...
