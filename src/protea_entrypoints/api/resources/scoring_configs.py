"""/v1/scoring-configs: named scoring recipes (weights over the prediction signals and the
evidence codes), stored once and never changed, to rescore stored prediction sets."""

from __future__ import annotations

from protea_domain.use_cases.scoring_configs import create_scoring_config, scoring_config_of
from protea_entrypoints.api.schemas.predictions import (
    SIGNALS_TEXT,
    CreateScoringConfigBody,
    ScoringConfigListOut,
    ScoringConfigOut,
    ScoringConfigPath,
)
from protea_entrypoints.api.spec import API_PREFIX, ApiRoute, Call, Reply


def create(call: Call) -> Reply:
    body: CreateScoringConfigBody = call.body
    config = scoring_config_of(body.model_dump(exclude={"description"}), "body")
    deps = call.deps
    stored = create_scoring_config(deps.embedding_uow, deps.clock, config, body.description)
    headers = {"Location": f"{API_PREFIX}/scoring-configs/{stored.id}"}
    return Reply(ScoringConfigOut.of(stored), 201, headers)


def listing(call: Call) -> Reply:
    with call.deps.embedding_uow() as uow:
        configs = uow.scoring.configs()
    return Reply(ScoringConfigListOut(items=[ScoringConfigOut.of(c) for c in configs]))


def detail(call: Call) -> Reply:
    path: ScoringConfigPath = call.path
    with call.deps.embedding_uow() as uow:
        stored = uow.scoring.get(path.scoring_config_id)
    return Reply(ScoringConfigOut.of(stored))


TAG = "scoring"
RULE = ("score = clip(sum(weight x signal) / sum(weight), 0, 1) x evidence weight, the "
        "evidence weight being the highest among the source annotation's codes "
        "(`default_evidence_weight` for a code without one, and for no code). Signals: "
        f"{SIGNALS_TEXT}.")  # fmt: skip
ROUTES = [
    ApiRoute("POST", "/scoring-configs", create, "createScoringConfig",
             "Store a named scoring config", TAG, {201: ScoringConfigOut},
             body=CreateScoringConfigBody, problems=(401, 409, 413, 422), write=True,
             description=f"{RULE} 409 when the name is taken; 422 for an unknown signal, a "
             "negative weight or weights summing to 0."),
    ApiRoute("GET", "/scoring-configs", listing, "listScoringConfigs",
             "Stored scoring configs, oldest first", TAG, {200: ScoringConfigListOut},
             description=RULE),
    ApiRoute("GET", "/scoring-configs/{scoring_config_id}", detail, "getScoringConfig",
             "One scoring config", TAG, {200: ScoringConfigOut}, path_model=ScoringConfigPath,
             problems=(404, 422)),
]  # fmt: skip
