"""ESM and T5 encoders on tiny randomly initialised models built from a config (no download)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from protea_domain.embeddings import EmbeddingConfig
from protea_domain.errors import InvalidInputError

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from protea_adapters.embedders.transformers_lm import TransformersEmbedder  # noqa: E402

ESM_VOCAB = ["<cls>", "<pad>", "<eos>", "<unk>", *"LAGVSERTIDPKQNFYMHWCXBUZO", ".", "-",
             "<null_1>", "<mask>"]  # fmt: skip
SEQUENCES = ["MKVLAAGIVALLLAAGCSS", "W", "MKVUZOBX", "ACDEFGHIKLMNPQRSTVWY" * 3]


def _esm(tmp_path: Path) -> tuple[Any, Any]:
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(ESM_VOCAB) + "\n")
    tokenizer = transformers.EsmTokenizer(str(vocab))
    config = transformers.EsmConfig(
        vocab_size=len(ESM_VOCAB), hidden_size=16, num_hidden_layers=3, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=256, pad_token_id=1, mask_token_id=32,
        position_embedding_type="rotary", token_dropout=False,
    )  # fmt: skip
    torch.manual_seed(0)
    return transformers.EsmModel(config, add_pooling_layer=False), tokenizer


def _t5() -> tuple[Any, Any]:
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    vocab = {
        "<pad>": 0,
        "</s>": 1,
        "<unk>": 2,
        **{a: 3 + i for i, a in enumerate("ACDEFGHIKLMNPQRSTVWYX")},
    }
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    core.post_processor = processors.TemplateProcessing(
        single="$A </s>", special_tokens=[("</s>", 1)]
    )
    tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=core, pad_token="<pad>", eos_token="</s>", unk_token="<unk>"
    )
    config = transformers.T5Config(vocab_size=len(vocab), d_model=16, d_kv=8, d_ff=32, num_layers=2,
                                   num_heads=2, pad_token_id=0, eos_token_id=1)  # fmt: skip
    torch.manual_seed(0)
    return transformers.T5EncoderModel(config), tokenizer


def _config(family: str, **changes: Any) -> EmbeddingConfig:
    return EmbeddingConfig("tiny", "transformers", options=(("family", family),), **changes)


@pytest.mark.parametrize("family", ["esm", "t5"])
def test_batch_independent_and_special_tokens_excluded(family: str, tmp_path: Path) -> None:
    model, tokenizer = _esm(tmp_path) if family == "esm" else _t5()
    embedder = TransformersEmbedder(_config(family), model=model, tokenizer=tokenizer)
    together = embedder.embed(SEQUENCES)
    alone = np.vstack([embedder.embed([s]) for s in SEQUENCES])
    assert together.shape == (4, 16) == (len(SEQUENCES), embedder.dimension)
    np.testing.assert_allclose(together, alone, atol=1e-5)
    # mean pooling equals the mean of the last layer over residue positions only
    encoded = tokenizer([SEQUENCES[0] if family == "esm" else " ".join(SEQUENCES[0])],
                        return_tensors="pt")  # fmt: skip
    encoded.pop("token_type_ids", None)
    with torch.no_grad():
        states = model(**encoded, output_hidden_states=True).hidden_states[-1][0].numpy()
    offset = 1 if family == "esm" else 0
    expected = states[offset : offset + len(SEQUENCES[0])].mean(axis=0)
    np.testing.assert_allclose(together[0], expected, atol=1e-5)


def test_layers_pooling_normalisation_and_chunking(tmp_path: Path) -> None:
    model, tokenizer = _esm(tmp_path)

    def make(**changes: Any) -> TransformersEmbedder:
        return TransformersEmbedder(_config("esm", **changes), model=model, tokenizer=tokenizer)

    assert make(layers=(0, -1), layer_aggregation="concat").embed(["MKV"]).shape == (1, 32)
    assert make(pooling="mean_max").embed(["MKV"]).shape == (1, 32)
    first, last = make(layers=(0,)).embed(["MKVL"]), make().embed(["MKVL"])
    assert not np.allclose(first, last)
    unit = make(final_normalisation="l2").embed(SEQUENCES)
    np.testing.assert_allclose(np.linalg.norm(unit, axis=1), 1.0, rtol=1e-5)
    cls = make(pooling="cls").embed(["MKVL", "MKVLW"])
    assert cls.shape == (2, 16)
    assert not np.allclose(cls[0], cls[1])
    chunked = make(max_length=8, chunk_size=8, chunk_overlap=4)
    long = SEQUENCES[0]  # 19 residues: windows at 0, 4, 8, then 11 (flush right)
    windows = make().embed([long[0:8], long[4:12], long[8:16], long[11:19]])
    np.testing.assert_allclose(chunked.embed([long])[0], windows.mean(axis=0), atol=1e-5)
    truncated = make(max_length=5).embed([long])
    np.testing.assert_allclose(truncated, make().embed([long[:5]]), atol=1e-6)


def test_t5_has_no_cls_and_missing_models_are_input_errors(tmp_path: Path) -> None:
    model, tokenizer = _t5()
    with pytest.raises(InvalidInputError, match="cls"):
        TransformersEmbedder(_config("t5", pooling="cls"), model=model, tokenizer=tokenizer)
    with pytest.raises(InvalidInputError, match="cannot load"):
        TransformersEmbedder(EmbeddingConfig(str(tmp_path / "absent"), "transformers"))
