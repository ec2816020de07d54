"""`EmbedderFactory` over the built-in embedders, keeping one embedder per recipe."""

from __future__ import annotations

import threading
from typing import Any

from protea_adapters.embedders.kmer import KmerEmbedder
from protea_adapters.embedders.registry import make_embedder
from protea_adapters.embedders.unirep import UniRepEmbedder
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.errors import InvalidInputError
from protea_domain.ports.embedder import Embedder
from protea_domain.ports.embedder_factory import EmbedderFactory

SPEC_FIELDS = {"name", "unirep_units", "tripeptide_buckets", "max_length", "model", "pooling",
               "layers"}  # fmt: skip


class BuiltinEmbedderFactory(EmbedderFactory):
    """Specs are `make_embedder`'s arguments (`name` plus its keyword options); recipes are
    rebuilt by backend (`kmer`, `unirep`, `transformers`). Built embedders are kept by
    recipe hash, so weights load once per process."""

    def __init__(self) -> None:
        self._built: dict[str, Embedder] = {}
        self._lock = threading.Lock()

    def from_spec(self, spec: dict[str, Any]) -> Embedder:
        unknown = sorted(set(spec) - SPEC_FIELDS)
        if unknown or not isinstance(spec.get("name"), str):
            raise InvalidInputError(
                f"an embedder spec needs a name and only {sorted(SPEC_FIELDS)}",
                location="payload.embedder",
            )
        options = {k: v for k, v in spec.items() if k != "name"}
        if "layers" in options:
            options["layers"] = tuple(options["layers"])
        try:
            embedder = make_embedder(spec["name"], **options)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(str(exc), location="payload.embedder") from exc
        with self._lock:
            return self._built.setdefault(embedder.config.content_hash, embedder)

    def from_config(self, config: EmbeddingConfig) -> Embedder:
        with self._lock:
            built = self._built.get(config.content_hash)
        if built is not None:
            return built
        embedder: Embedder
        if config.backend == "kmer":
            embedder = KmerEmbedder(config)
        elif config.backend == "unirep":
            embedder = UniRepEmbedder(config)
        elif config.backend == "transformers":
            from protea_adapters.embedders.transformers_lm import TransformersEmbedder

            embedder = TransformersEmbedder(config)
        else:
            raise InvalidInputError(f"cannot rebuild an embedder of backend {config.backend!r}")
        with self._lock:
            return self._built.setdefault(config.content_hash, embedder)
