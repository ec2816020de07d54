"""`FaissIndex`: the `VectorIndex` port over faiss-cpu flat (exact) indices, for large sets.

Cosine uses `IndexFlatIP` on L2-normalised float32 copies (faiss needs float32, so a float16
reference matrix is widened: 2x its memory); L2 uses `IndexFlatL2`, whose squared distances are
returned as distances. Exact, so it agrees with `knn_search` up to float32 rounding; ties may
be returned in a different order. Exclusion searches k + 1 and drops the excluded row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from protea_domain.ports.vector_index import VectorIndex
from protea_domain.prediction.knn import METRICS, Metric, Neighbours

faiss: Any
try:
    import faiss
except ImportError:  # pragma: no cover - exercised only without the extra
    faiss = None

_EPSILON = 1e-12


def faiss_available() -> bool:
    return faiss is not None


def _normalised(matrix: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.ascontiguousarray(matrix / np.maximum(norms, _EPSILON), dtype=np.float32)


class FaissIndex(VectorIndex):
    def __init__(self, references: npt.NDArray[np.floating], *, metric: Metric = "cosine"):
        if faiss is None:
            raise ImportError("FaissIndex needs faiss-cpu (pip install 'protea[faiss]')")
        if metric not in METRICS:
            raise ValueError(f"metric must be one of {METRICS}")
        matrix = np.ascontiguousarray(references, dtype=np.float32)
        self._metric: Metric = metric
        self._size, self._dimension = matrix.shape
        self._index: Any
        if metric == "cosine":
            self._index = faiss.IndexFlatIP(self._dimension)
            self._index.add(_normalised(matrix))
        else:
            self._index = faiss.IndexFlatL2(self._dimension)
            self._index.add(matrix)

    @property
    def metric(self) -> Metric:
        return self._metric

    @property
    def size(self) -> int:
        return int(self._size)

    @property
    def dimension(self) -> int:
        return int(self._dimension)

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        max_distance: float | None = None,
        exclude: npt.NDArray[np.int64] | None = None,
    ) -> Neighbours:
        if k < 1:
            raise ValueError("k must be >= 1")
        matrix = np.ascontiguousarray(queries, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[1] != self._dimension:
            raise ValueError("dimension mismatch")
        extra = 1 if exclude is not None else 0
        wanted = min(k + extra, self._size)
        if self._metric == "cosine":
            scores, indices = self._index.search(_normalised(matrix), wanted)
            distances = np.clip(1.0 - scores, 0.0, 2.0)
        else:
            squared, indices = self._index.search(matrix, wanted)
            distances = np.sqrt(np.maximum(squared, 0.0))
        indices = indices.astype(np.int64)
        empty = indices < 0
        if exclude is not None:
            empty |= indices == np.asarray(exclude, dtype=np.int64)[:, None]
        if max_distance is not None:
            empty |= distances > max_distance
        distances = np.where(empty, np.inf, distances).astype(np.float32)
        indices = np.where(empty, -1, indices)
        order = np.argsort(distances, axis=1, kind="stable")[:, :k]
        out_idx = np.take_along_axis(indices, order, axis=1)
        out_dist = np.take_along_axis(distances, order, axis=1)
        if out_idx.shape[1] < k:
            pad = k - out_idx.shape[1]
            out_idx = np.pad(out_idx, ((0, 0), (0, pad)), constant_values=-1)
            out_dist = np.pad(out_dist, ((0, 0), (0, pad)), constant_values=np.inf)
        return Neighbours(out_idx, out_dist.astype(np.float32))
