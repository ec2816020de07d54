"""/v1/prediction-sets: stored prediction runs with every input they were made from, one
protein's predictions, and the whole set as a CAFA file (optionally rescored with a stored
scoring config). Read-only: sets are written by prediction jobs."""

from __future__ import annotations

from collections.abc import Generator
from uuid import UUID

from starlette.background import BackgroundTask

from protea_domain.ports.embedding_repository import (
    EmbeddingUnitOfWork,
    EmbeddingUnitOfWorkFactory,
)
from protea_domain.scoring.config import ScoringConfig
from protea_domain.use_cases.evaluation.prediction_inputs import prediction_set_file
from protea_domain.use_cases.prediction_export import export_cafa, rescored
from protea_entrypoints.api.downloads import TSV, text_download
from protea_entrypoints.api.schemas.predictions import (
    CafaQuery,
    PredictionOut,
    PredictionSetListOut,
    PredictionSetOut,
    PredictionSetPath,
    PredictionsOut,
    PredictionsQuery,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def listing(call: Call) -> Reply:
    with call.deps.embedding_uow() as uow:
        sets = uow.predictions.sets()
    return Reply(PredictionSetListOut(items=[PredictionSetOut.of(s) for s in sets]))


def detail(call: Call) -> Reply:
    path: PredictionSetPath = call.path
    with call.deps.embedding_uow() as uow:
        record = uow.predictions.get_set(path.prediction_set_id)
    return Reply(PredictionSetOut.of(record))


def of_proteins(call: Call) -> Reply:
    path: PredictionSetPath = call.path
    query: PredictionsQuery = call.query
    accessions = list(dict.fromkeys(query.accession))
    with call.deps.embedding_uow() as uow:
        rows = uow.predictions.predictions(path.prediction_set_id, accessions)
    items = [PredictionOut.of(row) for row in rows]
    return Reply(PredictionsOut(prediction_set_id=path.prediction_set_id, items=items))


def _scoring(
    uow: EmbeddingUnitOfWork, set_id: UUID, config_id: UUID | None
) -> ScoringConfig | None:
    """The stored config to rescore with (None: the stored scores), once the set is known
    (`NotFoundError` otherwise) and its first row has every signal the config weights
    (`InvalidInputError` otherwise), so that the download fails before its first byte."""
    uow.predictions.get_set(set_id)
    if config_id is None:
        return None
    scoring = uow.scoring.get(config_id).config
    first = next(uow.predictions.stream(set_id), None)
    if first is not None:
        rescored(first, scoring)
    return scoring


def _cafa_lines(
    uow_factory: EmbeddingUnitOfWorkFactory, set_id: UUID, scoring: ScoringConfig | None
) -> Generator[str, None, None]:
    """The set's CAFA lines, read in a unit of work of their own: the body is produced after
    the handler returned, and the unit of work ends with the generator (closed early when the
    client goes away)."""
    with uow_factory() as uow:
        yield from export_cafa(uow, set_id, scoring)


def cafa(call: Call) -> Reply:
    path: PredictionSetPath = call.path
    query: CafaQuery = call.query
    set_id = path.prediction_set_id
    with call.deps.embedding_uow() as uow:
        scoring = _scoring(uow, set_id, query.scoring_config_id)
    lines = _cafa_lines(call.deps.embedding_uow, set_id, scoring)
    # on a client disconnect the stream is cancelled and the task still runs: it ends the
    # unit of work the lines are read in
    download = text_download(
        lines, prediction_set_file(set_id), background=BackgroundTask(lines.close)
    )
    return Reply(response=download)


TAG = "predictions"
SET = "/prediction-sets/{prediction_set_id}"
ROUTES = [
    ApiRoute("GET", "/prediction-sets", listing, "listPredictionSets",
             "Prediction sets, oldest first", TAG, {200: PredictionSetListOut}),
    ApiRoute("GET", SET, detail, "getPredictionSet",
             "One prediction set with every input it was made from", TAG,
             {200: PredictionSetOut}, path_model=PredictionSetPath, problems=(404, 422)),
    ApiRoute("GET", f"{SET}/predictions", of_proteins, "listProteinPredictions",
             "The predictions of some proteins", TAG, {200: PredictionsOut},
             path_model=PredictionSetPath, query=PredictionsQuery, problems=(404, 422),
             description="Every stored row of the named proteins (`accession`, repeatable): "
             "GO term, aspect, score, the neighbour it came from, its signals and evidence "
             "codes. A whole set is downloaded as a CAFA file (`.../cafa`)."),
    ApiRoute("GET", f"{SET}/cafa", cafa, "downloadPredictionSetCafa",
             "The whole set as a CAFA file (TSV)", TAG, {200: None},
             path_model=PredictionSetPath, query=CafaQuery, problems=(404, 422),
             media_type=TSV,
             description="`protein<TAB>GO id<TAB>score` per line, 3 decimals, zero scores "
             "left out, ordered by protein then score (descending) and term: byte for byte "
             "`protea predictions export`. Streamed. With `scoring_config_id` every score is "
             "recomputed from the row's stored signals with that config (404 for an unknown "
             "config; 422 when the set lacks a signal the config weights)."),
]  # fmt: skip
