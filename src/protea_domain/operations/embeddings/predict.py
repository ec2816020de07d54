"""`predict_go_terms` (coordinator, protea.jobs) and `predict_batch` (children,
protea.predictions.batch).

The coordinator checks that every query has a vector for the recipe, loads the reference
structures (filling this process's cache), creates the prediction set with every input
(its id is the job's id, so a retried coordinator reuses it) and fans out one child per
`batch_size` queries. A child runs KNN + transfer + features (`protea_domain.prediction`)
for its queries, scores them with the set's scoring recipe and, in one commit, writes its
predictions (only missing rows: idempotent) and marks its batch done; the last batch
completes the set. Writes stay in the child rather than going through
protea.predictions.write, for the reason given in `compute`.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any, cast
from uuid import UUID

from protea_domain.errors import InvalidInputError, NotFoundError
from protea_domain.messaging.queues import JOBS, PREDICTIONS_BATCH
from protea_domain.operations.embeddings.compute import read_accessions, read_spec
from protea_domain.operations.embeddings.references import PredictionCaches
from protea_domain.operations.payload import read_bool, read_float, read_int, reject_unknown
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedder_factory import EmbedderFactory
from protea_domain.ports.embedding_repository import (
    EmbeddingUnitOfWork,
    EmbeddingUnitOfWorkFactory,
)
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.operation import OperationContext
from protea_domain.prediction.features import TermTransfer
from protea_domain.prediction.references import EVIDENCE_FILTERS, EvidenceFilter
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.prediction.transfer import TransferSettings, predict_go_terms
from protea_domain.scoring.config import TRANSFER, VOTE, ScoringConfig

DEFAULT_BATCH_SIZE = 100
SCORINGS = {"transfer": TRANSFER, "vote": VOTE}
FEATURE_FIELDS = (
    "distance", "transfer_score", "vote_score", "vote_count", "k_position", "go_term_frequency",
    "ref_annotation_density", "neighbor_distance_std",
)  # fmt: skip


def read_scoring(value: Any) -> ScoringConfig:
    """A preset name (`transfer`, `vote`) or `{"name", "weights": {signal: w},
    "evidence_weights": {code: w}, "default_evidence_weight"}`."""
    if isinstance(value, str) and value in SCORINGS:
        return SCORINGS[value]
    if not isinstance(value, dict):
        raise InvalidInputError(f"expected one of {sorted(SCORINGS)} or an object",
                                location="payload.scoring")  # fmt: skip
    try:
        return ScoringConfig(
            name=str(value.get("name", "custom")),
            weights=tuple(sorted(dict(value.get("weights", {"transfer_score": 1.0})).items())),
            evidence_weights=tuple(sorted(dict(value.get("evidence_weights", {})).items())),
            default_evidence_weight=float(value.get("default_evidence_weight", 1.0)),
        )
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(str(exc), location="payload.scoring") from exc


def stored_row(item: TermTransfer, scoring: ScoringConfig) -> StoredPrediction:
    features = {name: float(getattr(item, name)) for name in FEATURE_FIELDS}
    return StoredPrediction(
        item.query, item.go_id, item.aspect.value, scoring(item), item.source, features,
        tuple(sorted(item.evidence_codes)),
    )  # fmt: skip


class PredictGoTermsOperation:
    """Payload: `embedder` (spec, default kmer), `annotation_set_id`, `queries`
    (accessions), `k`, `metric`, `mode`, `max_distance`, `exclude_self`,
    `propagate_references` (neighbours vote for every ancestor of their terms), `evidence_filter`,
    `scoring` (a preset name or an object) or `scoring_config_id` (a stored config), and
    `batch_size`."""

    name = "predict_go_terms"
    queue = JOBS

    def __init__(
        self,
        biodata: BioDataUnitOfWorkFactory,
        embeddings: EmbeddingUnitOfWorkFactory,
        embedders: EmbedderFactory,
        clock: Clock,
        caches: PredictionCaches,
    ) -> None:
        self._biodata = biodata
        self._embeddings = embeddings
        self._embedders = embedders
        self._clock = clock
        self._caches = caches

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {
            "embedder", "annotation_set_id", "queries", "k", "metric", "mode", "max_distance",
            "exclude_self", "evidence_filter", "scoring", "scoring_config_id", "batch_size",
            "propagate_references",
        })  # fmt: skip
        config_id = payload.get("scoring_config_id")
        if config_id is not None:
            if "scoring" in payload:
                raise InvalidInputError("give scoring or scoring_config_id, not both",
                                        location="payload.scoring_config_id")  # fmt: skip
            try:
                config_id = str(UUID(str(config_id)))
            except ValueError:
                raise InvalidInputError(
                    "expected a UUID", location="payload.scoring_config_id"
                ) from None
        try:
            set_id = str(UUID(str(payload.get("annotation_set_id"))))
        except ValueError:
            raise InvalidInputError(
                "expected a UUID", location="payload.annotation_set_id"
            ) from None
        evidence = payload.get("evidence_filter", "all")
        if evidence not in EVIDENCE_FILTERS:
            raise InvalidInputError(f"must be one of {EVIDENCE_FILTERS}",
                                    location="payload.evidence_filter")  # fmt: skip
        max_distance = payload.get("max_distance")
        if max_distance is not None:
            max_distance = read_float(payload, "max_distance", 0.0, minimum=0.0, maximum=1e9)
        if payload.get("metric", "cosine") not in ("cosine", "l2"):
            raise InvalidInputError("must be cosine or l2", location="payload.metric")
        if payload.get("mode", "aspect") not in ("aspect", "unified"):
            raise InvalidInputError("must be aspect or unified", location="payload.mode")
        scoring = read_scoring(payload.get("scoring", "transfer"))
        normalised = {
            "embedder": read_spec(payload),
            "annotation_set_id": set_id,
            "queries": read_accessions(payload, "queries", required=True),
            "k": read_int(payload, "k", 5, minimum=1, maximum=1000),
            "metric": payload.get("metric", "cosine"),
            "mode": payload.get("mode", "aspect"),
            "max_distance": max_distance,
            "exclude_self": read_bool(payload, "exclude_self", True),
            "propagate_references": read_bool(payload, "propagate_references", False),
            "evidence_filter": evidence,
            "scoring": {
                "name": scoring.name,
                "weights": dict(scoring.weights),
                "evidence_weights": dict(scoring.evidence_weights),
                "default_evidence_weight": scoring.default_evidence_weight,
            },
            "batch_size": read_int(payload, "batch_size", DEFAULT_BATCH_SIZE, minimum=1,
                                   maximum=100_000),
        }  # fmt: skip
        if config_id is not None:
            del normalised["scoring"]
            normalised["scoring_config_id"] = config_id
        return normalised

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        recipe_hash = self._embedders.from_spec(payload["embedder"]).config.content_hash
        settings = TransferSettings(
            k=payload["k"], metric=payload["metric"], mode=payload["mode"],
            max_distance=payload["max_distance"], exclude_self=payload["exclude_self"],
            propagate_references=payload.get("propagate_references", False),
        )  # fmt: skip
        queries: list[str] = payload["queries"]
        set_id = UUID(payload["annotation_set_id"])
        evidence = cast(EvidenceFilter, payload["evidence_filter"])
        with self._embeddings() as uow:
            try:
                uow.embeddings.get_recipe(recipe_hash)
            except NotFoundError:
                raise InvalidInputError(
                    "no embeddings for this recipe: run compute_embeddings first",
                    location="payload.embedder",
                ) from None
            found, _ = uow.embeddings.vectors_of(recipe_hash, queries)
            scoring = self._scoring(uow, payload)
        lacking = sorted(set(queries) - set(found))
        if lacking:
            raise InvalidInputError(
                f"{len(lacking)} queries have no vector (e.g. {', '.join(lacking[:5])}): run "
                "compute_embeddings on them first", location="payload.queries",
            )  # fmt: skip
        try:
            references = self._caches.references_for(
                self._biodata, self._embeddings, recipe_hash, set_id, evidence,
                settings.propagate_references,
            )  # fmt: skip
            with self._biodata() as bio:
                snapshot_id = bio.annotations.get_set(set_id).snapshot_id
        except NotFoundError as exc:
            raise InvalidInputError(str(exc), location="payload.annotation_set_id") from exc
        size = payload["batch_size"]
        batches = [queries[i : i + size] for i in range(0, len(queries), size)]
        record = PredictionSetRecord(
            id=context.job_id, recipe_hash=recipe_hash, annotation_set_id=set_id,
            snapshot_id=snapshot_id, k=settings.k, evidence_filter=evidence,
            settings=asdict(settings), scoring=scoring,
            queries=len(queries),
            references=len(references.vectors.accessions), created_at=self._clock.now(),
            batches=len(batches),
        )  # fmt: skip
        with self._embeddings() as uow:
            try:
                uow.predictions.get_set(record.id)
            except NotFoundError:
                uow.predictions.add_set(record)
                uow.commit()
        context.event(
            f"prediction set {record.id}: {len(queries)} queries against "
            f"{record.references} references", prediction_set_id=str(record.id),
        )  # fmt: skip
        children = [{"set_id": str(record.id), "batch": i, "queries": b}
                    for i, b in enumerate(batches)]  # fmt: skip
        context.publish_children(PREDICTIONS_BATCH, PredictBatchOperation.name, children)
        return {"prediction_set_id": str(record.id)}

    @staticmethod
    def _scoring(uow: EmbeddingUnitOfWork, payload: dict[str, Any]) -> dict[str, Any]:
        """The set's scoring document: the stored config's (with its `config_id`) or the
        payload's recipe."""
        config_id = payload.get("scoring_config_id")
        if config_id is None:
            return read_scoring(payload["scoring"]).document()
        try:
            stored = uow.scoring.get(UUID(config_id))
        except NotFoundError as exc:
            raise InvalidInputError(str(exc), location="payload.scoring_config_id") from exc
        return {**stored.config.document(), "config_id": config_id}


class PredictBatchOperation:
    """One batch child: `set_id`, `batch` (its index) and the `queries` to predict for."""

    name = "predict_batch"
    queue = PREDICTIONS_BATCH

    def __init__(
        self,
        biodata: BioDataUnitOfWorkFactory,
        embeddings: EmbeddingUnitOfWorkFactory,
        clock: Clock,
        caches: PredictionCaches,
        metrics: MetricsRecorder | None = None,
    ) -> None:
        self._biodata = biodata
        self._embeddings = embeddings
        self._clock = clock
        self._caches = caches
        self._metrics = metrics

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"set_id", "batch", "queries"})
        try:
            set_id = str(UUID(str(payload.get("set_id"))))
        except ValueError:
            raise InvalidInputError("expected a UUID", location="payload.set_id") from None
        return {
            "set_id": set_id,
            "batch": read_int(payload, "batch", 0, minimum=0, maximum=10**9),
            "queries": read_accessions(payload, "queries", required=True),
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        started = time.monotonic()
        set_id = UUID(payload["set_id"])
        with self._embeddings() as uow:
            try:
                record = uow.predictions.get_set(set_id)
            except NotFoundError as exc:
                raise InvalidInputError(str(exc), location="payload.set_id") from exc
            found, vectors = uow.embeddings.vectors_of(record.recipe_hash, payload["queries"])
        settings = TransferSettings(**record.settings)
        references = self._caches.references_for(
            self._biodata, self._embeddings, record.recipe_hash, record.annotation_set_id,
            cast(EvidenceFilter, record.evidence_filter), settings.propagate_references,
        )  # fmt: skip
        context.progress(0)
        scoring = ScoringConfig.from_document(record.scoring)
        transfers = predict_go_terms(
            found, vectors, references.vectors, references.annotations, settings,
            cache=self._caches.indices,
        )  # fmt: skip
        rows = [stored_row(item, scoring) for item in transfers]
        with self._embeddings() as uow:
            written = uow.predictions.add_predictions(set_id, rows)
            uow.predictions.finish_batch(set_id, payload["batch"], self._clock.now())
            uow.commit()
        if self._metrics is not None:
            self._metrics.predictions_batch_finished(time.monotonic() - started)
        return {"predictions": written}
