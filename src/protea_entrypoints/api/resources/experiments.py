"""/v1/experiment-runs: named runs with hypothesis, findings, status and linked jobs."""

from __future__ import annotations

from urllib.parse import urlencode

from protea_domain.api_access.use_cases import experiments
from protea_entrypoints.api.schemas.experiments import (
    CreateRunBody,
    RunListQuery,
    RunOut,
    RunPageOut,
    UpdateRunBody,
)
from protea_entrypoints.api.schemas.paths import RunPath
from protea_entrypoints.api.spec import API_PREFIX, ApiRoute, Call, Reply


def create(call: Call) -> Reply:
    body: CreateRunBody = call.body
    deps = call.deps
    run = experiments.create_run(deps.api_uow(), deps.uow, deps.clock, body.name, body.changes())
    return Reply(RunOut.of(run), 201, {"Location": f"{API_PREFIX}/experiment-runs/{run.id}"})


def listing(call: Call) -> Reply:
    query: RunListQuery = call.query
    runs = experiments.list_runs(call.deps.api_uow(), query.limit + 1, query.after)
    next_url = None
    if len(runs) > query.limit:
        runs = runs[: query.limit]
        params = urlencode({"limit": query.limit, "after": runs[-1].name})
        next_url = str(call.request.url.replace(query=params))
    return Reply(RunPageOut(items=[RunOut.of(run) for run in runs], next=next_url))


def detail(call: Call) -> Reply:
    path: RunPath = call.path
    return Reply(RunOut.of(experiments.get_run(call.deps.api_uow(), path.run_id)))


def update(call: Call) -> Reply:
    path: RunPath = call.path
    body: UpdateRunBody = call.body
    deps = call.deps
    run = experiments.update_run(
        deps.api_uow(), deps.uow, deps.clock, path.run_id, body.changes(body.name)
    )
    return Reply(RunOut.of(run))


TAG = "experiment runs"
ROUTES = [
    ApiRoute("POST", "/experiment-runs", create, "createExperimentRun", "Start an experiment run",
             TAG, {201: RunOut}, body=CreateRunBody, problems=(401, 409, 413, 422), write=True),
    ApiRoute("GET", "/experiment-runs", listing, "listExperimentRuns", "Runs by name", TAG,
             {200: RunPageOut}, query=RunListQuery, problems=(422,)),
    ApiRoute("GET", "/experiment-runs/{run_id}", detail, "getExperimentRun", "One run", TAG,
             {200: RunOut}, path_model=RunPath, problems=(404, 422)),
    ApiRoute("PATCH", "/experiment-runs/{run_id}", update, "updateExperimentRun",
             "Change a run's fields, status or linked jobs", TAG, {200: RunOut},
             path_model=RunPath, body=UpdateRunBody, problems=(401, 404, 409, 413, 422),
             write=True),
]  # fmt: skip
