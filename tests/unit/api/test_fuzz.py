"""Schemathesis fuzzes every operation of the OpenAPI document: no 500s, and responses that
match their documented status codes, content types and schemas. Bounded: a few examples per
operation (positive and negative), the whole module in well under a minute.

(`schemathesis.pytest.from_fixture` breaks on pytest 9, so each operation is driven through
its hypothesis strategy here.)"""

from __future__ import annotations

from typing import Any

import pytest
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

from protea_entrypoints.api.openapi import openapi_path
from protea_entrypoints.api.routes import api_routes

MAX_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CASES = sorted(
    (f"{route.method} {openapi_path(route.template)}", mode)
    for route in api_routes()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    # an operation without any input has no invalid request to generate
    if mode is GenerationMode.POSITIVE
    or route.path_model
    or route.query
    or route.body
    or route.headers
)


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_no_operation_answers_500(
    app: Starlette, auth: dict[str, str], label: str, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_asgi("/v1/openapi.json", app)
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def exercise(case: Any) -> None:
        case.call_and_validate(headers=auth, checks=CHECKS)

    exercise()
