"""The OpenAPI 3.1 document, generated from the route table and its pydantic models."""

from __future__ import annotations

import re
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel

from protea_entrypoints.api.schemas.common import Problem
from protea_entrypoints.api.spec import API_PREFIX, ApiRoute

REF = "#/components/schemas/{model}"
PROBLEM_MEDIA = "application/problem+json"
_CONVERTER = re.compile(r"{(\w+):\w+}")


def openapi_path(template: str) -> str:
    """A route template as OpenAPI writes it: `{name:path}` becomes `{name}`."""
    return _CONVERTER.sub(r"{\1}", template)


class _Components:
    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def ref(self, model: type[BaseModel], mode: str = "validation") -> dict[str, Any]:
        schema = model.model_json_schema(ref_template=REF, mode=mode)  # type: ignore[arg-type]
        self.schemas.update(schema.pop("$defs", {}))
        self.schemas[model.__name__] = schema
        return {"$ref": REF.format(model=model.__name__)}

    def fields(self, model: type[BaseModel]) -> dict[str, Any]:
        schema = model.model_json_schema(ref_template=REF)
        self.schemas.update(schema.pop("$defs", {}))
        return schema


def _parameters(route: ApiRoute, components: _Components) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []
    for where, model in (("path", route.path_model), ("query", route.query)):
        if model is None:
            continue
        schema = components.fields(model)
        required = set(schema.get("required", ()))
        for name, field_schema in schema.get("properties", {}).items():
            param: dict[str, Any] = {
                "name": name,
                "in": where,
                "required": where == "path" or name in required,
                "schema": field_schema,
            }
            if field_schema.get("type") == "array":
                param |= {"style": "form", "explode": True}
            params.append(param)
    for header in route.headers:
        params.append(
            {
                "name": header.name,
                "in": "header",
                "required": False,
                "description": header.description,
                "schema": {"type": "string", "minLength": 1, "maxLength": header.max_length},
            }
        )
    return params


def _responses(route: ApiRoute, components: _Components) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, model in sorted(route.responses.items()):
        entry: dict[str, Any] = {"description": HTTPStatus(status).phrase}
        if model is not None:
            schema = components.ref(model, "serialization")
            entry["content"] = {route.media_type: {"schema": schema}}
        elif status != 204:
            raw = {"type": "string"} if route.media_type.startswith("text/") else {"type": "object"}
            entry["content"] = {route.media_type: {"schema": raw}}
        responses[str(status)] = entry
    problem = {"$ref": REF.format(model=Problem.__name__)}
    for status in sorted({*route.problems, 500}):
        responses[str(status)] = {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA: {"schema": problem}},
        }
    return responses


def _operation(route: ApiRoute, components: _Components) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": [route.tag],
        "responses": _responses(route, components),
    }
    if route.description:
        operation["description"] = route.description
    parameters = _parameters(route, components)
    if parameters:
        operation["parameters"] = parameters
    if route.body is not None:
        content: dict[str, Any] = {"application/json": {"schema": components.ref(route.body)}}
        for media_type in route.text_body:
            content[media_type] = {"schema": {"type": "string"}}
        operation["requestBody"] = {"required": True, "content": content}
    operation["security"] = [{"apiKey": []}, {"bearer": []}] if route.write else []
    return operation


def openapi_document(routes: Iterable[ApiRoute], *, title: str, version: str) -> dict[str, Any]:
    components = _Components()
    components.ref(Problem, "serialization")
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        paths.setdefault(openapi_path(route.template), {})[route.method.lower()] = _operation(
            route, components
        )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": "PROTEA's HTTP API. Errors are RFC 9457 problem+json documents. "
            "Writes need an API key (`Authorization: Bearer <key>` or `X-API-Key`).",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(components.schemas.items())),
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
        },
        "x-api-prefix": API_PREFIX,
    }
