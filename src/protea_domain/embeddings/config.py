"""`EmbeddingConfig`: the immutable recipe that names how a vector was made.

Two vectors are comparable only when they come from the same recipe; `content_hash` is the
recipe's stable identity (SHA-256 over a canonical JSON of every field, independent of field
order and of Python's hash seed), used as a cache and storage key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Pooling = Literal["mean", "max", "mean_max", "cls"]
LayerAggregation = Literal["mean", "concat", "last"]
Normalisation = Literal["none", "l2"]

POOLINGS: tuple[Pooling, ...] = ("mean", "max", "mean_max", "cls")
LAYER_AGGREGATIONS: tuple[LayerAggregation, ...] = ("mean", "concat", "last")
NORMALISATIONS: tuple[Normalisation, ...] = ("none", "l2")


@dataclass(frozen=True, slots=True)
class EmbeddingConfig:
    """How to turn a protein sequence into one vector.

    `model` names the weights (e.g. `kmer-2`, `unirep-64`, a model directory); `backend` the
    adapter that runs it (`kmer`, `unirep`, `transformers`, `precomputed`). `layers` are layer
    indices (negative from the end; empty: the adapter's default), combined by
    `layer_aggregation`. `residue_normalisation` applies to per-residue vectors before
    `pooling`, `final_normalisation` to the pooled vector. Sequences longer than `max_length`
    are cut into chunks of `chunk_size` residues overlapping by `chunk_overlap` (0: no
    chunking, the sequence is truncated to `max_length`); chunk vectors are averaged.
    `options` holds backend-specific settings as sorted (name, value) pairs.
    """

    model: str
    backend: str
    layers: tuple[int, ...] = ()
    layer_aggregation: LayerAggregation = "mean"
    pooling: Pooling = "mean"
    residue_normalisation: Normalisation = "none"
    final_normalisation: Normalisation = "none"
    max_length: int | None = None
    chunk_size: int = 0
    chunk_overlap: int = 0
    options: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.model or not self.backend:
            raise ValueError("model and backend are required")
        if self.pooling not in POOLINGS:
            raise ValueError(f"pooling must be one of {POOLINGS}, got {self.pooling!r}")
        if self.layer_aggregation not in LAYER_AGGREGATIONS:
            raise ValueError(f"layer_aggregation must be one of {LAYER_AGGREGATIONS}")
        for name in ("residue_normalisation", "final_normalisation"):
            if getattr(self, name) not in NORMALISATIONS:
                raise ValueError(f"{name} must be one of {NORMALISATIONS}")
        if self.max_length is not None and self.max_length < 1:
            raise ValueError("max_length must be positive")
        if self.chunk_size < 0 or self.chunk_overlap < 0:
            raise ValueError("chunk_size and chunk_overlap must be >= 0")
        if self.chunk_size and self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        object.__setattr__(self, "options", tuple(sorted(self.options)))

    def option(self, name: str, default: str | None = None) -> str | None:
        return dict(self.options).get(name, default)

    def canonical_json(self) -> str:
        data = asdict(self)
        data["layers"] = list(self.layers)
        data["options"] = [list(pair) for pair in self.options]
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    @property
    def content_hash(self) -> str:
        """Hex SHA-256 of `canonical_json()`: equal recipes, equal hashes, on any machine."""
        return hashlib.sha256(self.canonical_json().encode()).hexdigest()
