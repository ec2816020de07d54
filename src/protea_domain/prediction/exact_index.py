"""`ExactIndex`: the numpy reference implementation of the `VectorIndex` port."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from protea_domain.ports.vector_index import VectorIndex
from protea_domain.prediction.knn import (
    DEFAULT_MAX_BLOCK_BYTES,
    METRICS,
    Metric,
    Neighbours,
    knn_search,
)


class ExactIndex(VectorIndex):
    """Exact search by `knn_search`, references kept as given (float16 halves the memory);
    `max_block_bytes` bounds the temporaries of one search."""

    def __init__(
        self,
        references: npt.NDArray[np.floating],
        *,
        metric: Metric = "cosine",
        max_block_bytes: int = DEFAULT_MAX_BLOCK_BYTES,
    ) -> None:
        if references.ndim != 2:
            raise ValueError("references must be 2-D")
        if metric not in METRICS:
            raise ValueError(f"metric must be one of {METRICS}")
        self._references = references
        self._metric: Metric = metric
        self._max_block_bytes = max_block_bytes

    @property
    def metric(self) -> Metric:
        return self._metric

    @property
    def size(self) -> int:
        return int(self._references.shape[0])

    @property
    def dimension(self) -> int:
        return int(self._references.shape[1])

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        max_distance: float | None = None,
        exclude: npt.NDArray[np.int64] | None = None,
    ) -> Neighbours:
        return knn_search(
            queries, self._references, k, metric=self._metric, max_distance=max_distance,
            exclude=exclude, max_block_bytes=self._max_block_bytes,
        )  # fmt: skip
