"""Cutting long sequences into overlapping windows, as an `EmbeddingConfig` says."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.pooling import normalise


def chunk_sequence(sequence: str, config: EmbeddingConfig) -> list[str]:
    """The windows to embed for `sequence`.

    Without `max_length`, or when the sequence fits, the whole sequence. With chunking
    (`chunk_size > 0`), windows of `chunk_size` starting every `chunk_size - chunk_overlap`
    residues, the last one ending at the sequence's end. Without chunking, the first
    `max_length` residues.
    """
    limit = config.max_length
    if limit is None or len(sequence) <= limit:
        return [sequence]
    if config.chunk_size == 0:
        return [sequence[:limit]]
    size = config.chunk_size
    step = size - config.chunk_overlap
    starts = list(range(0, len(sequence) - size + 1, step))
    if starts[-1] + size < len(sequence):
        starts.append(len(sequence) - size)
    return [sequence[start : start + size] for start in starts]


def embed_chunked(
    sequences: Sequence[str],
    config: EmbeddingConfig,
    embed_windows: Callable[[list[str]], npt.NDArray[np.float32]],
    dimension: int,
) -> npt.NDArray[np.float32]:
    """Embed `sequences` through `embed_windows` (one pooled vector per window), averaging
    the windows of each sequence and applying the recipe's final normalisation."""
    windows: list[str] = []
    owners: list[int] = []
    for i, sequence in enumerate(sequences):
        for window in chunk_sequence(sequence, config):
            windows.append(window)
            owners.append(i)
    if not windows:
        return np.zeros((0, dimension), dtype=np.float32)
    vectors = embed_windows(windows)
    owner = np.asarray(owners, dtype=np.int64)
    sums = np.zeros((len(sequences), vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, owner, vectors)
    counts = np.bincount(owner, minlength=len(sequences))[:, None]
    pooled = (sums / counts).astype(np.float32)
    return normalise(pooled, config.final_normalisation)
