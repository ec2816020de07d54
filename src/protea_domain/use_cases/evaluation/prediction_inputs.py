"""What a CAFA evaluation reads as predictions: CAFA files in the artifact store (named one by
one, or a folder URI ending in `/`) and stored prediction sets, optionally rescored with a
stored scoring config. Everything is resolved and checked before any evaluation work starts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.ports.artifact_store import ArtifactStore
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.scoring.stored import StoredScoringConfig
from protea_domain.use_cases.evaluation.snapshot_data import required
from protea_domain.use_cases.prediction_export import export_cafa

SET_FILE_PREFIX = "prediction_set_"


def prediction_set_file(set_id: UUID) -> str:
    """The CAFA file name of a stored prediction set (in results and downloads)."""
    return f"{SET_FILE_PREFIX}{set_id}.tsv"


@dataclass(frozen=True, slots=True)
class PredictionInputs:
    """`uris`: artifact URIs of CAFA files, or of folders when ending in `/` (every object
    under it); `prediction_sets`: stored prediction sets (complete ones only);
    `scoring_config_id`: a stored scoring config that rescores the prediction sets from their
    stored signals (artifact files carry only scores, so it cannot apply to them)."""

    uris: Sequence[str] = ()
    prediction_sets: Sequence[UUID] = ()
    scoring_config_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class ResolvedPredictions:
    """The artifact keys (with the index of the URI that named them) and prediction sets to
    evaluate, each under the file name it gets in the results (`predictions_file`), and the
    scoring config to apply to the sets."""

    keys: dict[str, tuple[int, str]] = field(default_factory=dict)
    sets: dict[str, UUID] = field(default_factory=dict)
    scoring: StoredScoringConfig | None = None

    @property
    def names(self) -> list[str]:
        return [*self.keys, *self.sets]


def _artifact_keys(artifacts: ArtifactStore, uris: Sequence[str]) -> list[tuple[int, str]]:
    keys: list[tuple[int, str]] = []
    for i, uri in enumerate(uris):
        location = f"payload.predictions[{i}]"
        try:
            if not uri.endswith("/"):
                key = artifacts.key_for(uri)
                if not artifacts.exists(key):
                    raise InvalidInputError(f"no artifact at {uri}", location=location)
                keys.append((i, key))
                continue
            listed = artifacts.list(artifacts.key_for(uri.rstrip("/")))
        except InvalidInputError as exc:
            raise InvalidInputError(str(exc), location=location) from exc
        if not listed:
            raise InvalidInputError(f"no artifact under {uri}", location=location)
        keys.extend((i, key) for key in listed)
    return keys


def resolve_predictions(
    inputs: PredictionInputs,
    artifacts: ArtifactStore,
    embeddings: EmbeddingUnitOfWorkFactory | None,
) -> ResolvedPredictions:
    """Check every input exists and names are distinct. Raises `InvalidInputError` naming
    the payload field: an unknown, unfinished or missing prediction set or scoring config, an
    empty folder, a URI of another store, two inputs with the same file name, or a scoring
    config without prediction sets."""
    if not inputs.uris and not inputs.prediction_sets:
        raise InvalidInputError("give predictions or prediction_set_ids", location="payload")
    keys: dict[str, tuple[int, str]] = {}
    for i, key in _artifact_keys(artifacts, inputs.uris):
        name = key.rsplit("/", 1)[-1]
        if name in keys:
            raise InvalidInputError(
                f"two prediction files are named {name!r}", location=f"payload.predictions[{i}]"
            )
        keys[name] = (i, key)
    sets: dict[str, UUID] = {}
    scoring = None
    if inputs.scoring_config_id is not None and not inputs.prediction_sets:
        raise InvalidInputError(
            "a scoring config rescores stored prediction sets: give prediction_set_ids",
            location="payload.scoring_config_id",
        )
    if inputs.prediction_sets:
        if embeddings is None:
            raise InvalidInputError(
                "this process has no prediction storage", location="payload.prediction_set_ids"
            )
        with embeddings() as uow:
            for i, set_id in enumerate(inputs.prediction_sets):
                location = f"payload.prediction_set_ids[{i}]"
                record = required(partial(uow.predictions.get_set, set_id), location)
                if record.status != "complete":
                    raise InvalidInputError(
                        f"prediction set {set_id} is {record.status}", location=location
                    )
                name = prediction_set_file(set_id)
                if name in keys or name in sets:
                    raise InvalidInputError(f"{set_id} is given twice", location=location)
                sets[name] = set_id
            if inputs.scoring_config_id is not None:
                config_id = inputs.scoring_config_id
                scoring = required(lambda: uow.scoring.get(config_id), "payload.scoring_config_id")
    return ResolvedPredictions(keys, sets, scoring)


def stage_predictions(
    resolved: ResolvedPredictions,
    artifacts: ArtifactStore,
    embeddings: EmbeddingUnitOfWorkFactory | None,
    folder: Path,
) -> None:
    """Write every input into `folder` as a CAFA file under its name: artifacts downloaded,
    prediction sets exported (rescored when a scoring config is given)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (i, key) in resolved.keys.items():
        location = f"payload.predictions[{i}]"
        required(partial(artifacts.download, key, folder / name), location)
    if not resolved.sets:
        return
    assert embeddings is not None
    config = resolved.scoring.config if resolved.scoring is not None else None
    for name, set_id in resolved.sets.items():
        with embeddings() as uow, (folder / name).open("w", encoding="utf-8") as handle:
            handle.writelines(export_cafa(uow, set_id, config))
