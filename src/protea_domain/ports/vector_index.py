"""Vector index port."""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt

from protea_domain.prediction.knn import Metric, Neighbours


class VectorIndex(Protocol):
    """Nearest-neighbour search over a fixed set of reference vectors (rows 0..size-1).

    Built once from its references, then read-only: `search` has no side effects, is safe
    to call from several threads and returns the same answer for the same input. Exact
    implementations must agree with `protea_domain.prediction.knn.knn_search` (the
    reference) on every distance, up to float32 rounding; approximate ones say so in their
    docstring. Distances follow `metric` (cosine distance in [0, 2], or Euclidean).
    Mismatched dimensions or k < 1 raise `ValueError`.
    """

    @property
    def metric(self) -> Metric:
        """The distance the index answers in."""
        ...

    @property
    def size(self) -> int:
        """The number of reference rows."""
        ...

    @property
    def dimension(self) -> int:
        """The length of every reference vector."""
        ...

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        max_distance: float | None = None,
        exclude: npt.NDArray[np.int64] | None = None,
    ) -> Neighbours:
        """The k nearest reference rows per query row, nearest first, padded with -1/+inf;
        `exclude[q]` is a row never returned for query q (-1: none), `max_distance` an
        inclusive bound."""
        ...
