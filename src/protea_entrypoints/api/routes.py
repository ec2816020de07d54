"""The route table: every resource module's `ROUTES`, plus the OpenAPI document itself."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from starlette.responses import JSONResponse

from protea_entrypoints.api.openapi import openapi_document
from protea_entrypoints.api.resources import (
    annotation_sets,
    benchmark,
    embedding_recipes,
    evaluation,
    experiments,
    health,
    jobs,
    ontology,
    prediction_sets,
    proteins,
    query_sets,
    scoring_configs,
    support,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply

RESOURCES = (
    jobs,
    proteins,
    query_sets,
    ontology,
    annotation_sets,
    experiments,
    evaluation,
    embedding_recipes,
    prediction_sets,
    scoring_configs,
    support,
    benchmark,
    health,
)
TITLE = "PROTEA"


def _version() -> str:
    try:
        return version("protea")
    except PackageNotFoundError:
        return "0+unknown"


@cache
def document() -> dict[str, Any]:
    return openapi_document(api_routes(), title=TITLE, version=_version())


def openapi(call: Call) -> Reply:
    return Reply(response=JSONResponse(document()))


OPENAPI = ApiRoute("GET", "/openapi.json", openapi, "getOpenApi", "This document",
                   "operations", {200: None})  # fmt: skip


def api_routes() -> list[ApiRoute]:
    return [route for module in RESOURCES for route in module.ROUTES] + [OPENAPI]
