"""Loading the benchmark matrix configuration from YAML into the domain's `BenchmarkConfig`.

File shape (every key optional; a missing key keeps its default, an unknown key is an error):

    stages:
      preferred_default: [composite, knn]   # the matrix opens on the first with results
      baseline_scoring_name: knn            # or null
      hidden: [evidence_veto]
      labels: {knn: "KNN baseline"}
    eval_set_labels: {<evaluation set UUID>: "label"}
    hidden_embeddings: [<embedding config UUID>, ...]
    categories: [NK, LK, PK]
    aspects: [BPO, MFO, CCO]
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from protea_domain.benchmarking.config import BenchmarkConfig
from protea_domain.benchmarking.errors import BenchmarkConfigError

logger = logging.getLogger(__name__)

TOP_LEVEL_KEYS = ("stages", "eval_set_labels", "hidden_embeddings", "categories", "aspects")
STAGES_KEYS = ("preferred_default", "baseline_scoring_name", "hidden", "labels")

# BenchmarkConfig field -> YAML key, to report domain validation errors by the file's names.
FIELD_KEYS = {
    "preferred_default_stages": "stages.preferred_default",
    "baseline_scoring_name": "stages.baseline_scoring_name",
    "hidden_stages": "stages.hidden",
    "stage_labels": "stages.labels",
    "evaluation_set_labels": "eval_set_labels",
    "hidden_embeddings": "hidden_embeddings",
    "categories": "categories",
    "aspects": "aspects",
}


def load_benchmark_config(path: Path | None) -> BenchmarkConfig:
    """The configuration in `path`; the defaults when `path` is None, missing or empty.
    Raises `BenchmarkConfigError` naming the file and the key for anything malformed."""
    if path is None or not path.exists():
        logger.debug("benchmark config %s not found: using defaults", path)
        return BenchmarkConfig()
    source = str(path)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BenchmarkConfigError("(file)", f"cannot read: {exc.strerror}", source=source) from exc
    except yaml.YAMLError as exc:
        raise BenchmarkConfigError("(file)", f"invalid YAML: {exc}", source=source) from exc
    return parse_benchmark_config(loaded, source=source)


def parse_benchmark_config(data: object, *, source: str | None = None) -> BenchmarkConfig:
    """Build the configuration from already-parsed YAML (None means all defaults)."""
    if data is None:
        return BenchmarkConfig()
    top = _mapping(data, "(top level)", source)
    _known_keys(top, TOP_LEVEL_KEYS, "", source)
    fields: dict[str, Any] = {}
    if "stages" in top and top["stages"] is not None:
        stages = _mapping(top["stages"], "stages", source)
        _known_keys(stages, STAGES_KEYS, "stages.", source)
        if "preferred_default" in stages:
            fields["preferred_default_stages"] = tuple(
                _strings(stages["preferred_default"], "stages.preferred_default", source)
            )
        if "baseline_scoring_name" in stages:
            fields["baseline_scoring_name"] = _optional_string(
                stages["baseline_scoring_name"], "stages.baseline_scoring_name", source
            )
        if "hidden" in stages:
            hidden = _strings(stages["hidden"], "stages.hidden", source)
            _no_duplicates(hidden, "stages.hidden", source)
            fields["hidden_stages"] = frozenset(hidden)
        if "labels" in stages:
            fields["stage_labels"] = _labels(stages["labels"], "stages.labels", source)
    if "eval_set_labels" in top:
        fields["evaluation_set_labels"] = _labels(top["eval_set_labels"], "eval_set_labels", source)
    if "hidden_embeddings" in top:
        fields["hidden_embeddings"] = frozenset(
            _strings(top["hidden_embeddings"], "hidden_embeddings", source)
        )
    for key in ("categories", "aspects"):
        if key in top:
            fields[key] = tuple(_strings(top[key], key, source))
    try:
        return BenchmarkConfig(**fields)
    except BenchmarkConfigError as exc:
        raise BenchmarkConfigError(_file_key(exc.key), exc.detail, source=source) from None


def _file_key(field_key: str) -> str:
    """`preferred_default_stages[2]` -> `stages.preferred_default[2]`."""
    for field, key in FIELD_KEYS.items():
        if field_key.startswith(field):
            return key + field_key[len(field) :]
    return field_key


def _mapping(value: object, key: str, source: str | None) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise BenchmarkConfigError(key, f"must be a mapping, not {_kind(value)}", source=source)
    return value


def _known_keys(
    mapping: Mapping[object, object], known: tuple[str, ...], prefix: str, source: str | None
) -> None:
    for name in mapping:
        if name not in known:
            raise BenchmarkConfigError(
                f"{prefix}{name}",
                f"unknown key (expected one of {', '.join(known)})",
                source=source,
            )


def _strings(value: object, key: str, source: str | None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BenchmarkConfigError(key, f"must be a list, not {_kind(value)}", source=source)
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise BenchmarkConfigError(
                f"{key}[{index}]", f"must be a string, not {_kind(item)}", source=source
            )
    return value


def _optional_string(value: object, key: str, source: str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BenchmarkConfigError(key, f"must be a string or null, not {_kind(value)}", source=source)


def _labels(value: object, key: str, source: str | None) -> dict[str, str]:
    if value is None:
        return {}
    mapping = _mapping(value, key, source)
    labels: dict[str, str] = {}
    for name, label in mapping.items():
        text = str(name)  # YAML may read an unquoted id as a number
        if not isinstance(label, str):
            raise BenchmarkConfigError(
                f"{key}.{text}", f"must be a string, not {_kind(label)}", source=source
            )
        labels[text] = label
    return labels


def _no_duplicates(values: list[str], key: str, source: str | None) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise BenchmarkConfigError(
                f"{key}[{index}]", f"{value!r} is listed twice", source=source
            )


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__
