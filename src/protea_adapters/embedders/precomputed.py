"""Importing precomputed embeddings: `.npz` (ids + matrix) or HDF5 (when h5py is installed).

`.npz`: arrays `ids` (strings, one per row) and `embeddings` (rows x dim); other names can be
given. HDF5: either two datasets `ids` and `embeddings`, or one dataset per protein named by
its id (the layout of bio_embeddings / goPredSim), each a vector. Vectors are returned as
float32, rows in file order. A malformed file raises `InvalidInputError` naming it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from protea_domain.errors import InvalidInputError

FloatArray = npt.NDArray[np.float32]


def load_npz(
    path: Path, *, ids_key: str = "ids", matrix_key: str = "embeddings"
) -> tuple[list[str], FloatArray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            ids = [str(x) for x in data[ids_key].tolist()]
            matrix = np.asarray(data[matrix_key], dtype=np.float32)
    except (OSError, ValueError, KeyError) as error:
        raise InvalidInputError(f"cannot read embeddings: {error}", location=str(path)) from None
    return _checked(path, ids, matrix)


def load_hdf5(path: Path) -> tuple[list[str], FloatArray]:
    try:
        import h5py  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise InvalidInputError("reading HDF5 embeddings needs h5py (pip install h5py)") from None
    try:
        with h5py.File(path, "r") as handle:
            if "ids" in handle and "embeddings" in handle:
                ids = [x.decode() if isinstance(x, bytes) else str(x) for x in handle["ids"][()]]
                matrix = np.asarray(handle["embeddings"][()], dtype=np.float32)
            else:
                ids = list(handle.keys())
                matrix = np.stack([np.asarray(handle[i][()], dtype=np.float32) for i in ids])
    except (OSError, ValueError) as error:
        raise InvalidInputError(f"cannot read embeddings: {error}", location=str(path)) from None
    return _checked(path, ids, matrix)


def load_embeddings(path: Path) -> tuple[list[str], FloatArray]:
    """By extension: `.npz`, or `.h5` / `.hdf5`."""
    suffix = path.suffix.lower()
    if suffix == ".npz":
        return load_npz(path)
    if suffix in (".h5", ".hdf5"):
        return load_hdf5(path)
    raise InvalidInputError("embeddings must be .npz, .h5 or .hdf5", location=str(path))


def _checked(path: Path, ids: list[str], matrix: FloatArray) -> tuple[list[str], FloatArray]:
    if matrix.ndim != 2 or matrix.shape[0] != len(ids):
        raise InvalidInputError(
            f"{len(ids)} ids for a matrix of shape {matrix.shape}", location=str(path)
        )
    if len(set(ids)) != len(ids):
        raise InvalidInputError("duplicate ids", location=str(path))
    return ids, matrix
