"""The OpenAPI 3.1 document: valid, complete, and built from the models that validate."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate
from starlette.routing import Route
from starlette.testclient import TestClient

from protea_entrypoints.api.openapi import openapi_path
from protea_entrypoints.api.routes import api_routes


def test_the_document_is_valid_openapi_3_1(client: TestClient) -> None:
    document: dict[str, Any] = client.get("/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_route_is_documented_and_served(client: TestClient) -> None:
    document = client.get("/v1/openapi.json").json()
    documented = {(path, method.upper()) for path, ops in document["paths"].items()
                  for method in ops}  # fmt: skip
    served = {
        (openapi_path(route.path), method)
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert documented == served
    assert {(openapi_path(r.template), r.method) for r in api_routes()} == served


def test_writes_declare_security_and_every_operation_a_problem_500(client: TestClient) -> None:
    document = client.get("/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "500" in operation["responses"], (path, method)
            problem = operation["responses"]["500"]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}
            writes = method in {"post", "patch", "delete"}
            assert bool(operation["security"]) == writes, (path, method)


def test_request_schemas_are_the_validating_models(client: TestClient) -> None:
    from protea_entrypoints.api.schemas.jobs import SubmitJobBody

    document = client.get("/v1/openapi.json").json()
    submit = document["paths"]["/v1/jobs"]["post"]
    ref = submit["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert schema["properties"].keys() == SubmitJobBody.model_json_schema()["properties"].keys()
    assert schema["additionalProperties"] is False
    names = {p["name"] for p in submit["parameters"]}
    assert "Idempotency-Key" in names
