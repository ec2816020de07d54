from __future__ import annotations

import numpy as np
import pytest

from protea_domain.prediction.exact_index import ExactIndex

faiss_index = pytest.importorskip("protea_adapters.vector_index.faiss_index")
if not faiss_index.faiss_available():
    pytest.skip("faiss-cpu is not installed (extra 'faiss')", allow_module_level=True)


@pytest.mark.parametrize("metric", ["cosine", "l2"])
def test_faiss_agrees_with_the_exact_reference(metric: str) -> None:
    rng = np.random.default_rng(7)
    references = rng.standard_normal((500, 16)).astype(np.float16)
    queries = rng.standard_normal((30, 16)).astype(np.float32)
    exclude = rng.integers(-1, 500, size=30)
    exact = ExactIndex(references, metric=metric).search(queries, 7, exclude=exclude)  # type: ignore[arg-type]
    index = faiss_index.FaissIndex(references, metric=metric)
    found = index.search(queries, 7, exclude=exclude)
    assert (index.size, index.dimension, index.metric) == (500, 16, metric)
    np.testing.assert_array_equal(found.indices, exact.indices)
    np.testing.assert_allclose(found.distances, exact.distances, atol=1e-4)


def test_threshold_and_padding() -> None:
    references = np.eye(3, dtype=np.float32)
    found = faiss_index.FaissIndex(references).search(references, 5, max_distance=0.5)
    assert found.indices[:, 0].tolist() == [0, 1, 2]
    assert (found.indices[:, 1:] == -1).all()
    assert np.isinf(found.distances[:, 1:]).all()
