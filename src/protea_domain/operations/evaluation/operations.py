"""`generate_evaluation_set`, `compute_information_accretion` and `run_cafa_evaluation`."""

from __future__ import annotations

from typing import Any, cast, get_args
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.evaluation.evaluate import EvaluationOptions
from protea_domain.evaluation.propagation import PropagationMode
from protea_domain.evaluation.table import Normalisation
from protea_domain.messaging.queues import JOBS
from protea_domain.operations.biodata.fields import read_text, require_text
from protea_domain.operations.payload import read_bool, read_float, reject_unknown
from protea_domain.ports.artifact_store import ArtifactStore
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWorkFactory
from protea_domain.ports.operation import Operation, OperationContext
from protea_domain.use_cases.evaluation.compute_information_accretion import (
    compute_information_accretion,
)
from protea_domain.use_cases.evaluation.generate_evaluation_set import generate_evaluation_set
from protea_domain.use_cases.evaluation.prediction_inputs import PredictionInputs
from protea_domain.use_cases.evaluation.run_cafa_evaluation import run_cafa_evaluation
from protea_domain.use_cases.evaluation.snapshot_data import EVIDENCE_FILTERS

MAX_PREDICTION_FILES = 100


def read_uuid(payload: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    """A UUID in canonical text form (returned as given, lower-cased), or None when optional."""
    text = read_text(payload, key, required=required)
    if text is None:
        return None
    try:
        return str(UUID(text))
    except ValueError:
        raise InvalidInputError(f"not a UUID: {text!r}", location=f"payload.{key}") from None


def read_choice(payload: dict[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
    value = payload.get(key, default)
    if value not in choices:
        raise InvalidInputError(
            f"expected one of {', '.join(choices)}, got {value!r}", location=f"payload.{key}"
        )
    return cast(str, value)


def _listed(payload: dict[str, Any], key: str, *, uuids: bool = False) -> list[str]:
    """An optional text (or UUID) or list of them; [] when absent."""
    value = payload.get(key)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise InvalidInputError("expected a string or a list of strings", location=f"payload.{key}")
    read = read_uuid if uuids else require_text
    return [cast(str, read({f"{key}[{i}]": item}, f"{key}[{i}]")) for i, item in enumerate(items)]


def _uuid(payload: dict[str, Any], key: str) -> str:
    value = read_uuid(payload, key)
    assert value is not None
    return value


class GenerateEvaluationSetOperation:
    name = "generate_evaluation_set"
    queue = JOBS

    def __init__(self, uow_factory: EvaluationUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"old_annotation_set_id", "new_annotation_set_id", "evidence"})
        old = _uuid(payload, "old_annotation_set_id")
        new = _uuid(payload, "new_annotation_set_id")
        if old == new:
            raise InvalidInputError(
                "must differ from old_annotation_set_id", location="payload.new_annotation_set_id"
            )
        evidence = read_choice(payload, "evidence", tuple(EVIDENCE_FILTERS), "experimental")
        return {"old_annotation_set_id": old, "new_annotation_set_id": new, "evidence": evidence}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        generated = generate_evaluation_set(
            self._uow_factory,
            self._clock,
            UUID(payload["old_annotation_set_id"]),
            UUID(payload["new_annotation_set_id"]),
            evidence=payload["evidence"],
            progress=context.progress,
        )
        stored = generated.evaluation_set
        return {
            "evaluation_set_id": str(stored.id),
            "created": generated.created,
            "snapshot_id": str(stored.snapshot_id),
            "targets": stored.target_count,
            "stats": stored.stats,
        }


class ComputeInformationAccretionOperation:
    name = "compute_information_accretion"
    queue = JOBS

    def __init__(self, uow_factory: EvaluationUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"annotation_set_id", "evidence"})
        return {
            "annotation_set_id": _uuid(payload, "annotation_set_id"),
            "evidence": read_choice(payload, "evidence", tuple(EVIDENCE_FILTERS), "experimental"),
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        computed = compute_information_accretion(
            self._uow_factory,
            self._clock,
            UUID(payload["annotation_set_id"]),
            evidence=payload["evidence"],
            progress=context.progress,
        )
        record = computed.record
        return {
            "information_accretion_id": str(record.id),
            "created": computed.created,
            "snapshot_id": str(record.snapshot_id),
            "terms": record.term_count,
        }


class RunCafaEvaluationOperation:
    name = "run_cafa_evaluation"
    queue = JOBS

    def __init__(
        self,
        uow_factory: EvaluationUnitOfWorkFactory,
        clock: Clock,
        artifacts: ArtifactStore,
        embeddings: EmbeddingUnitOfWorkFactory | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._artifacts = artifacts
        self._embeddings = embeddings

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        allowed = {
            "evaluation_set_id",
            "predictions",
            "prediction_set_ids",
            "scoring_config_id",
            "scoring",
            "use_ia",
            "information_accretion_id",
            "th_step",
            "norm",
            "prop",
            "no_orphans",
        }
        reject_unknown(payload, allowed)
        uris = _listed(payload, "predictions")
        set_ids = _listed(payload, "prediction_set_ids", uuids=True)
        if not uris and not set_ids:
            raise InvalidInputError(
                "give predictions (artifact URIs) or prediction_set_ids", location="payload"
            )
        if len(uris) + len(set_ids) > MAX_PREDICTION_FILES:
            raise InvalidInputError(
                f"at most {MAX_PREDICTION_FILES} prediction files and sets", location="payload"
            )
        return {
            "evaluation_set_id": _uuid(payload, "evaluation_set_id"),
            "predictions": uris,
            "prediction_set_ids": set_ids,
            "scoring_config_id": read_uuid(payload, "scoring_config_id", required=False),
            "scoring": read_text(payload, "scoring", required=False) or "raw",
            "use_ia": read_bool(payload, "use_ia", True),
            "information_accretion_id": read_uuid(
                payload, "information_accretion_id", required=False
            ),
            "th_step": read_float(payload, "th_step", 0.01, minimum=0.001, maximum=0.5),
            "norm": read_choice(payload, "norm", get_args(Normalisation), "cafa"),
            "prop": read_choice(payload, "prop", get_args(PropagationMode), "max"),
            "no_orphans": read_bool(payload, "no_orphans", False),
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        ia_id = payload["information_accretion_id"]
        options = EvaluationOptions(
            norm=cast(Normalisation, payload["norm"]),
            prop=cast(PropagationMode, payload["prop"]),
            th_step=payload["th_step"],
            no_orphans=payload["no_orphans"],
        )
        config_id = payload.get("scoring_config_id")
        inputs = PredictionInputs(
            uris=payload["predictions"],
            prediction_sets=[UUID(text) for text in payload.get("prediction_set_ids", ())],
            scoring_config_id=UUID(config_id) if config_id is not None else None,
        )
        completed = run_cafa_evaluation(
            self._uow_factory,
            self._clock,
            self._artifacts,
            UUID(payload["evaluation_set_id"]),
            inputs,
            embeddings=self._embeddings,
            scoring=payload["scoring"],
            use_ia=payload["use_ia"],
            information_accretion_id=UUID(ia_id) if ia_id is not None else None,
            options=options,
            progress=context.progress,
        )
        return {
            "run_id": str(completed.run.id),
            "rows": len(completed.rows),
            "information_accretion_id": (
                str(completed.run.information_accretion_id)
                if completed.run.information_accretion_id is not None
                else None
            ),
            "artifacts": completed.run.artifacts,
        }


def evaluation_operations(
    uow_factory: EvaluationUnitOfWorkFactory,
    clock: Clock,
    artifacts: ArtifactStore,
    embeddings: EmbeddingUnitOfWorkFactory | None = None,
) -> list[Operation]:
    """Every evaluation operation, built from its dependencies (for `build_registry`);
    without `embeddings`, `run_cafa_evaluation` refuses stored prediction sets."""
    return [
        GenerateEvaluationSetOperation(uow_factory, clock),
        ComputeInformationAccretionOperation(uow_factory, clock),
        RunCafaEvaluationOperation(uow_factory, clock, artifacts, embeddings),
    ]
