"""The plain UniRep recurrence, one sequence and one residue at a time: the reference that the
batched `MlstmStack` is checked against (unit tests) and timed against (`benchmarks/
unirep_speed.py`). Written straight from jax-unirep 3.x's `MLSTMCell`, with the exp-form
sigmoid (input clipped at -88), float32 throughout; not a production code path."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from protea_adapters.embedders.unirep import unirep_codes
from protea_adapters.embedders.unirep_weights import MlstmLayer, UniRepWeights

FloatArray = npt.NDArray[np.float32]


def _sigmoid(x: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.maximum(x, -88.0))), dtype=np.float32)


def run_layer(layer: MlstmLayer, inputs: FloatArray) -> FloatArray:
    """Hidden states (time, units) of one mLSTM layer over (time, in) inputs."""
    units = layer.units
    h = np.zeros(units, dtype=np.float32)
    c = np.zeros(units, dtype=np.float32)
    out = np.empty((inputs.shape[0], units), dtype=np.float32)
    for t, x in enumerate(inputs):
        m = (x @ layer.wmx) * (h @ layer.wmh)
        z = x @ layer.wx + m @ layer.wh + layer.b
        i = _sigmoid(z[:units])
        f = _sigmoid(z[units : 2 * units])
        o = _sigmoid(z[2 * units : 3 * units])
        u = np.tanh(z[3 * units :])
        c = f * c + i * u
        h = o * np.tanh(c)
        out[t] = h
    return out


def hidden_states(weights: UniRepWeights, sequence: str) -> list[FloatArray]:
    """Every layer's hidden states (time, units) for `sequence` (start token included)."""
    activations = weights.embedding[unirep_codes(sequence)]
    layers = []
    for layer in weights.layers:
        activations = run_layer(layer, activations)
        layers.append(activations)
    return layers


def h_avg(weights: UniRepWeights, sequence: str) -> FloatArray:
    """jax-unirep's default vector: the last layer's hidden states averaged over time."""
    return np.asarray(hidden_states(weights, sequence)[-1].mean(axis=0), dtype=np.float32)
