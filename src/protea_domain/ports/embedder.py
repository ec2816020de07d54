"""Embedder port."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from protea_domain.embeddings.config import EmbeddingConfig


class Embedder(Protocol):
    """Turns protein sequences into fixed-size float32 vectors following one recipe.

    Pure and deterministic: the same sequences under the same `config` give the same matrix
    (up to floating-point reassociation of the backend), whatever the batch they come in, so
    a vector can be stored once per (sequence, recipe) and reused. No state is kept between
    calls; implementations are safe to share between threads. Residues outside the model's
    alphabet are mapped to its unknown token, never rejected. An empty input gives a (0, dim)
    matrix. A missing model (weights not installed) raises `InvalidInputError` at
    construction, not at the first call.
    """

    @property
    def config(self) -> EmbeddingConfig:
        """The recipe whose `content_hash` identifies every vector this embedder makes."""
        ...

    @property
    def dimension(self) -> int:
        """The length of every vector `embed` returns."""
        ...

    def embed(self, sequences: Sequence[str]) -> npt.NDArray[np.float32]:
        """A (len(sequences), dimension) float32 matrix, row i for sequences[i]."""
        ...
