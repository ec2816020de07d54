"""The built-in embedder factory: specs, stored recipes, one embedder per recipe."""

from __future__ import annotations

import numpy as np
import pytest

from protea_adapters.embedders.factory import BuiltinEmbedderFactory
from protea_adapters.embedders.kmer import KmerEmbedder, kmer_config
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.errors import InvalidInputError


def test_a_spec_and_its_stored_recipe_give_the_same_embedder() -> None:
    factory = BuiltinEmbedderFactory()
    built = factory.from_spec({"name": "kmer", "tripeptide_buckets": 64})
    assert built.config == kmer_config(64)
    assert factory.from_config(kmer_config(64)) is built
    fresh = BuiltinEmbedderFactory().from_config(kmer_config(64))
    np.testing.assert_array_equal(
        fresh.embed(["MKV"]), KmerEmbedder(kmer_config(64)).embed(["MKV"])
    )


@pytest.mark.parametrize(
    "spec",
    [{"name": "word2vec"}, {"name": "kmer", "colour": "red"}, {"units": 64}, {"name": "esm"}],
)
def test_bad_specs_are_invalid_input(spec: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError):
        BuiltinEmbedderFactory().from_spec(spec)


def test_a_recipe_of_an_unknown_backend_is_invalid_input() -> None:
    with pytest.raises(InvalidInputError):
        BuiltinEmbedderFactory().from_config(EmbeddingConfig("vectors.npz", "precomputed"))
