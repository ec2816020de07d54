"""Benchmark matrix configuration: YAML loading, defaults, errors naming the key."""

from __future__ import annotations

import textwrap
from pathlib import Path
from uuid import UUID

import pytest

from protea_adapters.benchmark_config import load_benchmark_config, parse_benchmark_config
from protea_domain.benchmarking.config import BenchmarkConfig
from protea_domain.benchmarking.errors import BenchmarkConfigError
from protea_domain.errors import InvalidInputError

EVAL_SET = "0b7c4d2e-1111-4a4a-8b8b-123456789abc"
EMBEDDING = "c85d1afe-3f49-4ead-82d9-faaa6efe7a2c"

FULL = f"""
stages:
  preferred_default: [composite, embedding_only, knn]
  baseline_scoring_name: embedding_only
  hidden: [evidence_veto]
  labels:
    knn: "KNN baseline"
    composite: "Composite"
eval_set_labels:
  {EVAL_SET.upper()}: "2024-01 -> 2025-01"
hidden_embeddings:
  - {EMBEDDING}
categories: [LK, NK]
aspects: [MFO, BPO, CCO]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "benchmark.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_full_file_is_read_into_the_typed_config(tmp_path: Path) -> None:
    config = load_benchmark_config(write(tmp_path, FULL))
    assert config.preferred_default_stages == ("composite", "embedding_only", "knn")
    assert config.baseline_scoring_name == "embedding_only"
    assert config.hidden_stages == frozenset({"evidence_veto"})
    assert dict(config.stage_labels) == {"knn": "KNN baseline", "composite": "Composite"}
    assert dict(config.evaluation_set_labels) == {EVAL_SET: "2024-01 -> 2025-01"}
    assert config.hidden_embeddings == frozenset({EMBEDDING})
    assert config.categories == ("LK", "NK")
    assert config.aspects == ("MFO", "BPO", "CCO")


def test_the_config_answers_the_matrix_questions(tmp_path: Path) -> None:
    config = load_benchmark_config(write(tmp_path, FULL))
    assert config.stage_label("composite") == "Composite"
    assert config.stage_label("embedding_plus_vote") == "Embedding Plus Vote"
    with_results = ["vote_fraction", "evidence_veto", "knn", "embedding_only", "knn"]
    assert config.visible_stages(with_results) == ["vote_fraction", "knn", "embedding_only"]
    assert config.default_stage(with_results) == "embedding_only"
    assert config.default_stage(["evidence_veto", "vote_fraction"]) == "vote_fraction"
    assert config.default_stage(["evidence_veto"]) is None
    assert config.evaluation_set_label(UUID(EVAL_SET), "auto") == "2024-01 -> 2025-01"
    assert config.evaluation_set_label(EVAL_SET.upper(), "auto") == "2024-01 -> 2025-01"
    assert config.evaluation_set_label(EMBEDDING, "auto") == "auto"
    assert config.is_embedding_hidden(EMBEDDING.upper())
    assert not config.is_embedding_hidden(EVAL_SET)


@pytest.mark.parametrize("text", [None, "", "# only a comment\n", "stages:\n"])
def test_missing_or_empty_files_give_the_defaults(tmp_path: Path, text: str | None) -> None:
    path = tmp_path / "absent.yaml" if text is None else write(tmp_path, text)
    config = load_benchmark_config(path)
    assert config == BenchmarkConfig()
    assert config.categories == ("NK", "LK", "PK")
    assert config.aspects == ("BPO", "MFO", "CCO")
    assert config.baseline_scoring_name == "knn"
    assert config.default_stage(["other", "knn"]) == "knn"
    assert config.stage_label("knn") == "KNN baseline"
    assert load_benchmark_config(None) == BenchmarkConfig()


def test_keys_left_out_keep_their_defaults(tmp_path: Path) -> None:
    config = load_benchmark_config(write(tmp_path, "aspects: [CCO]\nstages: {hidden: [x]}\n"))
    assert config.aspects == ("CCO",)
    assert config.hidden_stages == frozenset({"x"})
    assert config.categories == BenchmarkConfig().categories
    assert config.preferred_default_stages == BenchmarkConfig().preferred_default_stages


def test_a_null_baseline_is_allowed(tmp_path: Path) -> None:
    config = load_benchmark_config(write(tmp_path, "stages: {baseline_scoring_name: null}\n"))
    assert config.baseline_scoring_name is None


@pytest.mark.parametrize(
    ("text", "key", "detail"),
    [
        ("- a\n- b\n", "(top level)", "must be a mapping"),
        ("colour: red\n", "colour", "unknown key"),
        ("stages: [a]\n", "stages", "must be a mapping"),
        ("stages: {lables: {}}\n", "stages.lables", "unknown key"),
        ("stages: {preferred_default: knn}\n", "stages.preferred_default", "must be a list"),
        ("stages: {preferred_default: [a, 3]}\n", "stages.preferred_default[1]", "string"),
        ("stages: {preferred_default: [a, a]}\n", "stages.preferred_default[1]", "twice"),
        ("stages: {preferred_default: [a, ' ']}\n", "stages.preferred_default[1]", "non-empty"),
        ("stages: {hidden: [x, x]}\n", "stages.hidden[1]", "twice"),
        ("stages: {baseline_scoring_name: [a]}\n", "stages.baseline_scoring_name", "string"),
        ("stages: {hidden: [knn]}\n", "stages.baseline_scoring_name", "also hidden"),
        ("stages: {labels: {knn: 3}}\n", "stages.labels.knn", "must be a string"),
        ("stages: {labels: {knn: ''}}\n", "stages.labels.knn", "non-empty"),
        ("eval_set_labels: {not-a-uuid: x}\n", "eval_set_labels", "not a UUID"),
        ("eval_set_labels: [x]\n", "eval_set_labels", "must be a mapping"),
        ("hidden_embeddings: [nope]\n", "hidden_embeddings", "not a UUID"),
        ("categories: [NK, XK]\n", "categories[1]", "not one of NK, LK, PK"),
        ("categories: [NK, NK]\n", "categories[1]", "twice"),
        ("aspects: []\n", "aspects", "at least one"),
        ("aspects: BPO\n", "aspects", "must be a list"),
        ("stages: [\n", "(file)", "invalid YAML"),
    ],
)
def test_malformed_files_fail_naming_the_file_and_the_key(
    tmp_path: Path, text: str, key: str, detail: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BenchmarkConfigError) as caught:
        load_benchmark_config(path)
    error = caught.value
    assert isinstance(error, InvalidInputError)
    assert error.key == key
    assert detail in error.detail
    assert str(error).startswith(f"{path}: {key}: ")


def test_an_unreadable_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkConfigError, match="cannot read"):
        load_benchmark_config(tmp_path)  # a directory


def test_the_domain_object_validates_itself() -> None:
    with pytest.raises(BenchmarkConfigError) as caught:
        BenchmarkConfig(aspects=("BPO", "XYZ"))
    assert caught.value.key == "aspects[1]"
    with pytest.raises(BenchmarkConfigError) as caught:
        BenchmarkConfig(hidden_embeddings=frozenset({"nope"}))
    assert caught.value.key == "hidden_embeddings"
    config = BenchmarkConfig(stage_labels={"a": "A"})
    with pytest.raises(TypeError):
        config.stage_labels["b"] = "B"  # type: ignore[index]


def test_parse_accepts_already_loaded_data() -> None:
    config = parse_benchmark_config({"categories": ["PK"]}, source="inline")
    assert config.categories == ("PK",)
    with pytest.raises(BenchmarkConfigError, match=r"^inline: categories\[0\]: "):
        parse_benchmark_config({"categories": ["XX"]}, source="inline")
