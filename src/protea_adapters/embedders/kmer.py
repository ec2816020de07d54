"""`KmerEmbedder`: alignment-free composition vectors, numpy only (the embedded default).

Layout (dimension 20 + 400 + buckets): amino-acid composition (20, order
`STANDARD_AMINO_ACIDS`), dipeptide composition (400, index 20*a + b), then, when the recipe's
option `tripeptide_buckets` is > 0, tripeptide counts hashed into that many buckets
(bucket = (400*a + 20*b + c) * 2654435761 mod 2**32 mod buckets, a fixed hash). Each block is
a frequency (counts over the number of k-mers of that size made only of the 20 standard
amino acids; k-mers with any other letter are skipped; an empty block stays zero). The
final normalisation of the recipe (default `l2`) is applied to the whole vector. Chunking
does not apply (composition has no length limit).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from protea_domain.embeddings.alphabet import STANDARD_AMINO_ACIDS, residue_codes
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.pooling import normalise
from protea_domain.ports.embedder import Embedder

_N = len(STANDARD_AMINO_ACIDS)
_HASH_MULTIPLIER = 2654435761


def kmer_config(tripeptide_buckets: int = 0) -> EmbeddingConfig:
    """The default composition recipe (`tripeptide_buckets` 0: none)."""
    return EmbeddingConfig(
        model=f"kmer-aa-di-tri{tripeptide_buckets}", backend="kmer",
        final_normalisation="l2", options=(("tripeptide_buckets", str(tripeptide_buckets)),),
    )  # fmt: skip


class KmerEmbedder(Embedder):
    def __init__(self, config: EmbeddingConfig | None = None) -> None:
        self._config = config or kmer_config()
        buckets = int(self._config.option("tripeptide_buckets", "0") or 0)
        if buckets < 0:
            raise ValueError("tripeptide_buckets must be >= 0")
        self._buckets = buckets

    @property
    def config(self) -> EmbeddingConfig:
        return self._config

    @property
    def dimension(self) -> int:
        return _N + _N * _N + self._buckets

    def embed(self, sequences: Sequence[str]) -> npt.NDArray[np.float32]:
        matrix = np.zeros((len(sequences), self.dimension), dtype=np.float32)
        for row, sequence in enumerate(sequences):
            matrix[row] = self._vector(sequence)
        return normalise(matrix, self._config.final_normalisation)

    def _vector(self, sequence: str) -> npt.NDArray[np.float32]:
        codes = residue_codes(sequence)
        blocks = [_frequency(codes[codes >= 0], _N)]
        pairs = _kmer_codes(codes, 2)
        blocks.append(_frequency(pairs, _N * _N))
        if self._buckets:
            triples = _kmer_codes(codes, 3)
            hashed = (triples * _HASH_MULTIPLIER) % (1 << 32) % self._buckets
            blocks.append(_frequency(hashed, self._buckets))
        return np.concatenate(blocks).astype(np.float32)


def _kmer_codes(codes: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int64]:
    """Base-20 codes of every k-mer of standard residues."""
    if codes.shape[0] < size:
        return np.zeros(0, dtype=np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(codes, size)
    valid = windows[(windows >= 0).all(axis=1)]
    weights = _N ** np.arange(size - 1, -1, -1, dtype=np.int64)
    return np.asarray(valid @ weights, dtype=np.int64)


def _frequency(values: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.float64]:
    counts = np.bincount(values, minlength=size).astype(np.float64)
    total = counts.sum()
    return counts / total if total else counts
