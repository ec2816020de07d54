"""Blocked exact KNN against a brute-force oracle written from the definitions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from protea_domain.prediction.knn import METRICS, Metric, block_rows, knn_search


def brute_force(queries: np.ndarray, references: np.ndarray, metric: Metric) -> np.ndarray:
    q = queries.astype(np.float64)
    r = references.astype(np.float64)
    if metric == "cosine":
        qn = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-12)
        rn = r / np.maximum(np.linalg.norm(r, axis=1, keepdims=True), 1e-12)
        return np.asarray(np.clip(1 - qn @ rn.T, 0, 2))
    return np.asarray(np.sqrt(((q[:, None, :] - r[None, :, :]) ** 2).sum(axis=2)))


def check(
    queries: np.ndarray,
    references: np.ndarray,
    k: int,
    metric: Metric,
    *,
    max_block_bytes: int,
    max_distance: float | None = None,
    exclude: np.ndarray | None = None,
) -> None:
    found = knn_search(queries, references, k, metric=metric, max_distance=max_distance,
                       exclude=exclude, max_block_bytes=max_block_bytes)  # fmt: skip
    full = brute_force(queries, references, metric)
    atol = 1e-3 if references.dtype == np.float16 else 1e-4
    for q in range(queries.shape[0]):
        allowed = np.ones(references.shape[0], dtype=bool)
        if exclude is not None and exclude[q] >= 0:
            allowed[exclude[q]] = False
        near_bound = np.zeros(references.shape[0], dtype=bool)
        if max_distance is not None:
            near_bound = np.abs(full[q] - max_distance) <= atol  # rounding may go either way
            allowed &= full[q] <= max_distance + atol
        expected = np.sort(full[q][allowed])[:k]
        got = found.distances[q][found.indices[q] >= 0]
        # the same distances, nearest first, padded with -1 / inf
        assert len(expected) - int(near_bound[allowed].sum()) <= len(got) <= len(expected)
        np.testing.assert_allclose(got, expected[: len(got)], atol=atol)
        assert np.all(np.diff(got) >= 0)
        indices = found.indices[q][: len(got)]
        assert len(set(indices.tolist())) == len(got)
        np.testing.assert_allclose(full[q][indices], got, atol=atol)
        assert np.all(found.indices[q][len(got) :] == -1)
        assert np.all(np.isinf(found.distances[q][len(got) :]))
        if exclude is not None:
            assert exclude[q] not in indices.tolist()


matrices = st.integers(1, 6).flatmap(
    lambda dim: st.tuples(
        hnp.arrays(np.float32, st.tuples(st.integers(1, 7), st.just(dim)),
                   elements=st.floats(-4, 4, width=32)),
        hnp.arrays(np.float32, st.tuples(st.integers(1, 40), st.just(dim)),
                   elements=st.integers(-3, 3).map(float)),
    )
)  # small integer references make exact ties common  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    data=matrices,
    k=st.integers(1, 12),
    metric=st.sampled_from(METRICS),
    block_bytes=st.sampled_from([1, 64, 500, 1 << 20]),
    half=st.booleans(),
)
def test_blocked_equals_brute_force(
    data: tuple[np.ndarray, np.ndarray], k: int, metric: Metric, block_bytes: int, half: bool
) -> None:
    queries, references = data
    if half:
        references = references.astype(np.float16)
    check(queries, references, k, metric, max_block_bytes=block_bytes)


@settings(max_examples=100, deadline=None)
@given(
    data=matrices,
    k=st.integers(1, 8),
    metric=st.sampled_from(METRICS),
    threshold=st.floats(0, 3),
    seed=st.integers(0, 2**16),
)
def test_threshold_and_exclusion(
    data: tuple[np.ndarray, np.ndarray], k: int, metric: Metric, threshold: float, seed: int
) -> None:
    queries, references = data
    rng = np.random.default_rng(seed)
    exclude = np.asarray(rng.integers(-1, references.shape[0], size=queries.shape[0]))
    check(queries, references, k, metric, max_distance=threshold, exclude=exclude,
          max_block_bytes=100)  # fmt: skip


def test_ties_are_broken_by_reference_index_within_the_kept_set() -> None:
    references = np.array([[1, 0], [0, 1], [1, 0], [1, 0]], dtype=np.float32)
    found = knn_search(np.array([[1, 0]], dtype=np.float32), references, 3, max_block_bytes=1)
    assert found.indices.tolist() == [[0, 2, 3]]
    assert found.distances.tolist() == [[0.0, 0.0, 0.0]]


def test_self_is_excluded_and_k_larger_than_references() -> None:
    references = np.eye(3, dtype=np.float32)
    found = knn_search(references, references, 5, exclude=np.array([0, 1, 2]))
    assert found.indices[:, :2].tolist() == [[1, 2], [0, 2], [0, 1]]
    assert (found.indices[:, 2:] == -1).all()
    np.testing.assert_allclose(found.distances[:, :2], 1.0)
    assert found.row(0) == [(1, 1.0), (2, 1.0)]


def test_block_sizes_respect_the_memory_setting() -> None:
    queries, refs = block_rows(2000, 1280, 256 * 1024 * 1024)
    temporaries = queries * refs * 12 + refs * 1280 * 4
    assert temporaries <= 256 * 1024 * 1024
    assert queries >= 1
    assert refs >= 1
    with pytest.raises(ValueError, match="positive"):
        block_rows(10, 10, 0)


def test_bad_arguments() -> None:
    refs = np.zeros((2, 3), dtype=np.float32)
    with pytest.raises(ValueError, match="dimension"):
        knn_search(np.zeros((1, 2)), refs, 1)
    with pytest.raises(ValueError, match="k must"):
        knn_search(np.zeros((1, 3)), refs, 0)
    with pytest.raises(ValueError, match="metric"):
        knn_search(np.zeros((1, 3)), refs, 1, metric="dot")  # type: ignore[arg-type]


def test_peak_memory_is_bounded_by_the_setting() -> None:
    import tracemalloc

    rng = np.random.default_rng(0)
    references = rng.standard_normal((20_000, 64)).astype(np.float16)
    queries = rng.standard_normal((500, 64)).astype(np.float32)
    budget = 1 << 20
    full_matrix = 500 * 20_000 * 4
    tracemalloc.start()
    knn_search(queries, references, 10, max_block_bytes=budget)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    inputs_and_outputs = queries.nbytes * 2 + 500 * 10 * 12 * 4
    assert peak < budget * 2 + inputs_and_outputs
    assert peak < full_matrix / 10


def test_the_caller_matrices_are_never_modified() -> None:
    rng = np.random.default_rng(1)
    references = rng.standard_normal((50, 8)).astype(np.float32)
    queries = rng.standard_normal((5, 8)).astype(np.float32)
    before = (references.copy(), queries.copy())
    knn_search(queries, references, 3, max_block_bytes=256)
    np.testing.assert_array_equal(references, before[0])
    np.testing.assert_array_equal(queries, before[1])
