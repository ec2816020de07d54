"""Embedders by name: `kmer` (default), `unirep`, and `esm` / `t5` (the `esm` extra)."""

from __future__ import annotations

from protea_adapters.embedders.kmer import KmerEmbedder, kmer_config
from protea_adapters.embedders.unirep import UniRepEmbedder, unirep_config
from protea_domain.embeddings.config import EmbeddingConfig, Pooling
from protea_domain.errors import InvalidInputError
from protea_domain.ports.embedder import Embedder

EMBEDDERS = ("kmer", "unirep", "esm", "t5")


def make_embedder(
    name: str,
    *,
    unirep_units: int = 64,
    tripeptide_buckets: int = 0,
    max_length: int | None = None,
    model: str | None = None,
    pooling: Pooling = "mean",
    layers: tuple[int, ...] = (),
) -> Embedder:
    """A ready embedder; raises `InvalidInputError` for an unknown name or missing weights.
    `esm` and `t5` need `model` (a local model directory) and the `esm` extra."""
    if name == "kmer":
        return KmerEmbedder(kmer_config(tripeptide_buckets))
    if name == "unirep":
        return UniRepEmbedder(unirep_config(unirep_units, max_length=max_length))
    if name in ("esm", "t5"):
        if not model:
            raise InvalidInputError(f"the {name} embedder needs a model directory")
        from protea_adapters.embedders.transformers_lm import TransformersEmbedder

        config = EmbeddingConfig(
            model, "transformers", layers=layers, pooling=pooling, max_length=max_length,
            options=(("family", name),),
        )  # fmt: skip
        return TransformersEmbedder(config)
    raise InvalidInputError(f"unknown embedder {name!r} (known: {', '.join(EMBEDDERS)})")
