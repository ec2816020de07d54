"""What storage keeps about embeddings: a recipe with its vector shape and storage precision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from protea_domain.embeddings.config import EmbeddingConfig

VectorDtype = Literal["float32", "float16"]
VECTOR_DTYPES: tuple[VectorDtype, ...] = ("float32", "float16")


@dataclass(frozen=True, slots=True)
class EmbeddingRecipe:
    """A stored recipe: `config` (identified by its `content_hash`), the vector `dimension`
    and the precision vectors are stored in (`float16` halves the space; reads give float32)."""

    config: EmbeddingConfig
    dimension: int
    dtype: VectorDtype = "float32"

    def __post_init__(self) -> None:
        if self.dimension < 1:
            raise ValueError("dimension must be positive")
        if self.dtype not in VECTOR_DTYPES:
            raise ValueError(f"dtype must be one of {VECTOR_DTYPES}")

    @property
    def recipe_hash(self) -> str:
        return self.config.content_hash
