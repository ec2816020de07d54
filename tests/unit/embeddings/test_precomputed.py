from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from protea_adapters.embedders.precomputed import load_embeddings, load_npz
from protea_domain.errors import InvalidInputError


def test_npz_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "e.npz"
    matrix = np.arange(6, dtype=np.float64).reshape(3, 2)
    np.savez(path, ids=np.array(["P1", "P2", "P3"]), embeddings=matrix)
    ids, loaded = load_embeddings(path)
    assert ids == ["P1", "P2", "P3"]
    assert loaded.dtype == np.float32
    np.testing.assert_array_equal(loaded, matrix)


@pytest.mark.parametrize(
    ("ids", "matrix", "message"),
    [
        (["P1", "P2"], np.zeros((3, 2)), "2 ids"),
        (["P1", "P1"], np.zeros((2, 2)), "duplicate"),
    ],
)
def test_bad_npz(tmp_path: Path, ids: list[str], matrix: np.ndarray, message: str) -> None:
    path = tmp_path / "e.npz"
    np.savez(path, ids=np.array(ids), embeddings=matrix)
    with pytest.raises(InvalidInputError, match=message):
        load_npz(path)


def test_missing_key_and_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "e.npz"
    np.savez(path, names=np.array(["P1"]), embeddings=np.zeros((1, 2)))
    with pytest.raises(InvalidInputError, match="ids"):
        load_npz(path)
    with pytest.raises(InvalidInputError, match="npz"):
        load_embeddings(tmp_path / "e.csv")


def test_hdf5_both_layouts(tmp_path: Path) -> None:
    h5py = pytest.importorskip("h5py")
    per_protein = tmp_path / "a.h5"
    with h5py.File(per_protein, "w") as handle:
        handle["P1"] = np.array([1.0, 2.0])
        handle["P2"] = np.array([3.0, 4.0])
    ids, matrix = load_embeddings(per_protein)
    assert ids == ["P1", "P2"]
    np.testing.assert_array_equal(matrix, [[1, 2], [3, 4]])
