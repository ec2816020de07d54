"""Per-residue normalisation, layer aggregation and pooling: the numeric steps of a recipe."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from protea_domain.embeddings.config import LayerAggregation, Normalisation, Pooling

FloatArray = npt.NDArray[np.float32]
_EPSILON = 1e-12


def normalise(vectors: FloatArray, how: Normalisation) -> FloatArray:
    """L2-normalise the last axis (`l2`; a zero vector stays zero) or return `vectors`."""
    if how == "none":
        return vectors
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    result: FloatArray = (vectors / np.maximum(norms, _EPSILON)).astype(np.float32, copy=False)
    return result


def aggregate_layers(layers: list[FloatArray], how: LayerAggregation) -> FloatArray:
    """Combine per-layer (length, dim) matrices into one (length, dim') matrix."""
    if not layers:
        raise ValueError("no layer to aggregate")
    if how == "last":
        return layers[-1]
    if how == "concat":
        return np.concatenate(layers, axis=-1).astype(np.float32, copy=False)
    return np.asarray(np.mean(np.stack(layers), axis=0), dtype=np.float32)


def pool(residues: FloatArray, how: Pooling) -> FloatArray:
    """One vector from a (length, dim) matrix: mean, max, their concatenation, or row 0 (cls)."""
    if residues.shape[0] == 0:
        raise ValueError("cannot pool an empty sequence")
    if how == "mean":
        return np.asarray(residues.mean(axis=0), dtype=np.float32)
    if how == "max":
        return np.asarray(residues.max(axis=0), dtype=np.float32)
    if how == "mean_max":
        both = np.concatenate([residues.mean(axis=0), residues.max(axis=0)])
        return np.asarray(both, dtype=np.float32)
    return np.asarray(residues[0], dtype=np.float32)
