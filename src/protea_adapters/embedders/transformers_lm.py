"""`TransformersEmbedder`: ESM and ProtT5-style encoders through `transformers` + `torch`
(the optional `esm` extra).

Recipe: `backend` `transformers`; `model` a local directory (or a hub name, fetched only when
`options` has `allow_download=true`); option `family` `esm` or `t5` (default: read from the
model's config). ESM input is the residue string (the tokenizer adds `<cls>` first and
`<eos>` last); T5 input is the residues separated by spaces with U, Z, O, B read as X (the
ProtT5 convention; `</s>` is appended). `layers` index the encoder's layers (hidden_states
without the embedding output; negative from the end; default the last), combined by
`layer_aggregation`. Special tokens and padding never enter pooling, except `cls` pooling,
which takes ESM's `<cls>` position (T5 has none: `cls` raises `InvalidInputError`).
`max_length` (residues) and chunking follow `EmbeddingConfig`; option `device` (`cpu`,
`cuda`), option `batch_residues` bounds padded residues per forward pass (default 8,000).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from protea_domain.embeddings.chunking import embed_chunked
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.pooling import aggregate_layers, normalise, pool
from protea_domain.errors import InvalidInputError
from protea_domain.ports.embedder import Embedder

FloatArray = npt.NDArray[np.float32]
_RARE = re.compile(r"[UZOB]")


class TransformersEmbedder(Embedder):
    def __init__(
        self, config: EmbeddingConfig, *, model: Any = None, tokenizer: Any = None
    ) -> None:
        """`model` and `tokenizer` may be given already built (tests, callers that share
        them); otherwise both are loaded from `config.model`."""
        try:
            import torch
        except ImportError:
            raise InvalidInputError("the transformers embedder needs the 'esm' extra") from None
        self._torch = torch
        self._config = config
        self._device = config.option("device", "cpu") or "cpu"
        if model is None or tokenizer is None:
            model, tokenizer = _load(config)
        self._model = model.to(self._device).eval()
        self._tokenizer = tokenizer
        family = config.option("family") or getattr(model.config, "model_type", "")
        if family not in ("esm", "t5"):
            raise InvalidInputError(f"unsupported model family {family!r} (esm or t5)")
        if family == "t5" and config.pooling == "cls":
            raise InvalidInputError("T5 encoders have no cls token: choose another pooling")
        self._family = family
        count = int(model.config.num_hidden_layers if family == "esm" else model.config.num_layers)
        self._layers = sorted({layer % count for layer in (config.layers or (-1,))})
        self._batch_residues = int(config.option("batch_residues", "8000") or 8000)
        width = int(model.config.hidden_size if family == "esm" else model.config.d_model)
        if config.layer_aggregation == "concat":
            width *= len(self._layers)
        self._dimension = width * (2 if config.pooling == "mean_max" else 1)

    @property
    def config(self) -> EmbeddingConfig:
        return self._config

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed(self, sequences: Sequence[str]) -> FloatArray:
        return embed_chunked(sequences, self._config, self._embed_windows, self.dimension)

    def _embed_windows(self, windows: list[str]) -> FloatArray:
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        result = np.zeros((len(windows), self.dimension), dtype=np.float32)
        start = 0
        while start < len(order):
            stop = start + 1
            while (
                stop < len(order)
                and (stop - start + 1) * (len(windows[order[stop]]) + 2) <= self._batch_residues
            ):
                stop += 1
            chunk = order[start:stop]
            result[chunk] = self._embed_batch([windows[i] for i in chunk])
            start = stop
        return result

    def _embed_batch(self, batch: list[str]) -> FloatArray:
        texts = [s.upper() for s in batch]
        if self._family == "t5":
            texts = [" ".join(_RARE.sub("X", s)) for s in texts]
        encoded = self._tokenizer(texts, return_tensors="pt", padding=True)
        encoded = {k: v.to(self._device) for k, v in encoded.items() if k != "token_type_ids"}
        with self._torch.no_grad():
            output = self._model(**encoded, output_hidden_states=True)
        states = [output.hidden_states[i + 1].float().cpu().numpy() for i in self._layers]
        offset = 1 if self._family == "esm" else 0
        vectors = []
        for row, sequence in enumerate(batch):
            per_layer = [
                normalise(layer[row, offset : offset + len(sequence)].astype(np.float32),
                          self._config.residue_normalisation)
                for layer in states
            ]  # fmt: skip
            residues = aggregate_layers(per_layer, self._config.layer_aggregation)
            if self._config.pooling == "cls":
                cls = [layer[row, 0].astype(np.float32) for layer in states]
                vectors.append(aggregate_layers([c[None] for c in cls],
                                                self._config.layer_aggregation)[0])  # fmt: skip
            else:
                vectors.append(pool(residues, self._config.pooling))
        return np.stack(vectors).astype(np.float32)


def _load(config: EmbeddingConfig) -> tuple[Any, Any]:
    from transformers import AutoConfig, AutoModel, AutoTokenizer, T5EncoderModel

    local_only = config.option("allow_download", "false") != "true"
    try:
        model_config = AutoConfig.from_pretrained(config.model, local_files_only=local_only)
        if model_config.model_type == "t5":
            model = T5EncoderModel.from_pretrained(config.model, local_files_only=local_only)
        else:
            model = AutoModel.from_pretrained(
                config.model, local_files_only=local_only, add_pooling_layer=False
            )
        tokenizer = AutoTokenizer.from_pretrained(config.model, local_files_only=local_only)
    except OSError as error:
        raise InvalidInputError(f"cannot load model {config.model!r}: {error}") from None
    return model, tokenizer
