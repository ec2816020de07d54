"""Schemathesis fuzzes every operation of the OpenAPI document: no 500s, and responses that
match their documented status codes, content types and schemas. Bounded: a few examples per
operation (positive and negative), the whole module in well under a minute."""

from __future__ import annotations

import pytest
from schemathesis import GenerationMode
from starlette.applications import Starlette

from protea_entrypoints.api.openapi import openapi_path
from protea_entrypoints.api.routes import api_routes
from tests.unit.api.fuzzing import fuzz_operation

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
    fuzz_operation(app, label, mode=mode, headers=auth)
