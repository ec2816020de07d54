"""Driving one OpenAPI operation through schemathesis' hypothesis strategy (no 500s, and
responses that match their documented status codes, content types and schemas).

(`schemathesis.pytest.from_fixture` breaks on pytest 9, so each operation is driven here.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.applications import Starlette

MAX_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def fuzz_operation(
    app: Starlette,
    label: str,
    *,
    mode: GenerationMode = GenerationMode.POSITIVE,
    path_values: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Run `MAX_EXAMPLES` generated requests of the operation `label` ("GET /v1/x/{id}"),
    with the path parameters named in `path_values` pinned to stored ids."""
    schema = schemathesis.openapi.from_asgi("/v1/openapi.json", app)
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    pinned = dict(path_values or {})

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def exercise(case: Any) -> None:
        params = case.path_parameters or {}
        for name, value in pinned.items():
            if name in params:
                params[name] = value
        case.call_and_validate(headers=dict(headers or {}), checks=CHECKS)

    exercise()
