from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from protea_adapters.embedders.kmer import KmerEmbedder, kmer_config
from protea_domain.embeddings.alphabet import STANDARD_AMINO_ACIDS

RAW = kmer_config().__class__("kmer-raw", "kmer")  # no final normalisation


def test_documented_dimension_and_layout() -> None:
    assert KmerEmbedder().dimension == 420
    assert KmerEmbedder(kmer_config(64)).dimension == 484
    vector = KmerEmbedder(RAW).embed(["AAC"])[0]
    a, c = STANDARD_AMINO_ACIDS.index("A"), STANDARD_AMINO_ACIDS.index("C")
    assert vector[a] == np.float32(2 / 3)
    assert vector[c] == np.float32(1 / 3)
    assert vector[20 + 20 * a + a] == 0.5  # AA
    assert vector[20 + 20 * a + c] == 0.5  # AC
    assert vector.sum() == np.float32(2.0)


def test_nonstandard_residues_break_kmers_and_are_not_counted() -> None:
    vector = KmerEmbedder(RAW).embed(["AXA"])[0]
    a = STANDARD_AMINO_ACIDS.index("A")
    assert vector[a] == 1.0
    assert vector[20:].sum() == 0.0  # no dipeptide without X


def test_default_is_l2_normalised_and_empty_input() -> None:
    embedder = KmerEmbedder()
    matrix = embedder.embed(["MKVLAAGIVALLLAAGCSS", "W"])
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, rtol=1e-6)
    assert embedder.embed([]).shape == (0, 420)


@given(st.lists(st.text(alphabet=STANDARD_AMINO_ACIDS + "XBZU", min_size=1, max_size=60),
                min_size=1, max_size=6))  # fmt: skip
def test_deterministic_and_independent_of_batch(sequences: list[str]) -> None:
    embedder = KmerEmbedder(kmer_config(32))
    together = embedder.embed(sequences)
    alone = np.vstack([embedder.embed([s]) for s in sequences])
    np.testing.assert_array_equal(together, alone)
    assert together.dtype == np.float32
    # the hashed tripeptide block holds the tripeptide frequencies: sums to 1 or 0
    sums = (
        KmerEmbedder(
            kmer_config(32).__class__("raw", "kmer", options=(("tripeptide_buckets", "32"),))
        )
        .embed(sequences)[:, 420:]
        .sum(1)
    )
    assert np.all(np.isclose(sums, 1.0) | (sums == 0.0))
