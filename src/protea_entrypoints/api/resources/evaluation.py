"""/v1/evaluation-sets and /v1/evaluation-runs: stored CAFA evaluation sets (with their
ground truth and known terms as the TSV files cafaeval reads) and the runs evaluated against
them (with their result rows and output files). Read-only: sets and runs are made by jobs."""

from __future__ import annotations

from uuid import UUID

from protea_domain.artifacts.errors import InvalidArtifactUriError
from protea_domain.errors import NotFoundError
from protea_domain.evaluation_sets.files import (
    KNOWN_FILE,
    ground_truth_file,
    ground_truth_lines,
    known_lines,
)
from protea_domain.evaluation_sets.temporal import Category, Target
from protea_entrypoints.api.downloads import TSV, artifact_download, text_download
from protea_entrypoints.api.schemas.evaluation import (
    EvaluationRunDetailOut,
    EvaluationRunListOut,
    EvaluationRunOut,
    EvaluationRunPath,
    EvaluationSetListOut,
    EvaluationSetOut,
    EvaluationSetPath,
    GroundTruthPath,
    RunArtifactPath,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def _targets(call: Call, evaluation_set_id: UUID, category: Category) -> list[Target]:
    """The set's targets of `category`; `NotFoundError` for an unknown set or, as the file
    builder writes no file for it, a category without targets."""
    with call.deps.evaluation_uow() as uow:
        targets = uow.evaluation.targets(evaluation_set_id, category)
    if not targets:
        raise NotFoundError(f"evaluation set {evaluation_set_id} has no {category.value} targets")
    return targets


def listing(call: Call) -> Reply:
    with call.deps.evaluation_uow() as uow:
        sets = uow.evaluation.sets()
    return Reply(EvaluationSetListOut(items=[EvaluationSetOut.of(s) for s in sets]))


def detail(call: Call) -> Reply:
    path: EvaluationSetPath = call.path
    with call.deps.evaluation_uow() as uow:
        found = uow.evaluation.get_set(path.evaluation_set_id)
    return Reply(EvaluationSetOut.of(found))


def ground_truth(call: Call) -> Reply:
    path: GroundTruthPath = call.path
    targets = _targets(call, path.evaluation_set_id, path.category)
    filename = ground_truth_file(path.category)
    return Reply(response=text_download(ground_truth_lines(targets), filename))


def known_terms(call: Call) -> Reply:
    path: EvaluationSetPath = call.path
    targets = _targets(call, path.evaluation_set_id, Category.PK)
    return Reply(response=text_download(known_lines(targets), KNOWN_FILE))


def runs(call: Call) -> Reply:
    path: EvaluationSetPath = call.path
    with call.deps.evaluation_uow() as uow:
        uow.evaluation.get_set(path.evaluation_set_id)
        found = uow.evaluation.runs(path.evaluation_set_id)
    return Reply(EvaluationRunListOut(items=[EvaluationRunOut.of(run) for run in found]))


def run_detail(call: Call) -> Reply:
    path: EvaluationRunPath = call.path
    with call.deps.evaluation_uow() as uow:
        run = uow.evaluation.get_run(path.run_id)
        rows = uow.evaluation.results(path.run_id)
    return Reply(EvaluationRunDetailOut.with_results(run, rows))


def artifact(call: Call) -> Reply:
    path: RunArtifactPath = call.path
    with call.deps.evaluation_uow() as uow:
        run = uow.evaluation.get_run(path.run_id)
    uri = run.artifacts.get(path.name)
    if uri is None:
        raise NotFoundError(f"evaluation run {path.run_id} has no artifact {path.name!r}")
    store = call.deps.artifact_store()
    try:
        key = store.key_for(uri)
    except InvalidArtifactUriError:
        raise NotFoundError(
            f"artifact {path.name!r} of evaluation run {path.run_id} is not in this API's "
            "artifact store"
        ) from None
    filename = path.name.replace("/", "_")
    return Reply(response=artifact_download(store, key, filename))


TAG = "evaluation"
SET = "/evaluation-sets/{evaluation_set_id}"
RUN = "/evaluation-runs/{run_id}"
ROUTES = [
    ApiRoute("GET", "/evaluation-sets", listing, "listEvaluationSets",
             "Evaluation sets, oldest first", TAG, {200: EvaluationSetListOut}),
    ApiRoute("GET", SET, detail, "getEvaluationSet",
             "One evaluation set with its options and target statistics", TAG,
             {200: EvaluationSetOut}, path_model=EvaluationSetPath, problems=(404, 422)),
    ApiRoute("GET", f"{SET}/ground-truth/{{category}}", ground_truth,
             "downloadEvaluationGroundTruth", "The ground truth of one category (TSV)", TAG,
             {200: None}, path_model=GroundTruthPath, problems=(404, 422), media_type=TSV,
             description="`protein<TAB>GO id` per line, propagated, byte for byte the "
             "`ground_truth_<category>.tsv` that `protea evaluation-set build` writes (cafaeval's "
             "ground truth). 404 for a category without targets (no file is written for it)."),
    ApiRoute("GET", f"{SET}/known-terms", known_terms, "downloadEvaluationKnownTerms",
             "The known terms of the PK targets (TSV)", TAG, {200: None},
             path_model=EvaluationSetPath, problems=(404, 422), media_type=TSV,
             description="The propagated t0 terms of each partial-knowledge target, byte for "
             "byte `known_PK.tsv` (cafaeval-PK's `-known`). 404 without PK targets."),
    ApiRoute("GET", f"{SET}/runs", runs, "listEvaluationRuns",
             "The CAFA runs of an evaluation set, oldest first", TAG,
             {200: EvaluationRunListOut}, path_model=EvaluationSetPath, problems=(404, 422)),
    ApiRoute("GET", RUN, run_detail, "getEvaluationRun", "One CAFA run with its result rows",
             TAG, {200: EvaluationRunDetailOut}, path_model=EvaluationRunPath,
             problems=(404, 422)),
    ApiRoute("GET", f"{RUN}/artifacts/{{name:path}}", artifact, "downloadEvaluationArtifact",
             "One output file of a CAFA run", TAG, {200: None}, path_model=RunArtifactPath,
             problems=(404, 422, 503), media_type=TSV,
             description="The stored file of one of the run's `artifacts` (cafaeval's "
             "`evaluation_all.tsv` and `evaluation_best_<metric>.tsv` per category), streamed."),
]  # fmt: skip
