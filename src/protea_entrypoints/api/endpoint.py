"""Turning an `ApiRoute` into a Starlette endpoint: authenticate, validate, call, render."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from protea_entrypoints.api.auth import principal
from protea_entrypoints.api.deps import ApiDeps
from protea_entrypoints.api.problems import RequestValidationError
from protea_entrypoints.api.schemas.common import FieldError
from protea_entrypoints.api.spec import ApiRoute, Call

ROUTE_KEY = "protea.route"


def _validated(model: type[BaseModel], where: str, data: Any) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError.of(where, exc) from None


def query_data(model: type[BaseModel], request: Request) -> dict[str, Any]:
    """Query parameters as a dict; fields typed as lists take every repeated value."""
    params = request.query_params
    data: dict[str, Any] = {}
    for name in params:
        info = model.model_fields.get(name)
        is_list = info is not None and get_origin(info.annotation) is list
        data[name] = params.getlist(name) if is_list else params[name]
    return data


async def _body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        error = FieldError(loc=["body"], msg="malformed JSON", type="json_invalid")
        raise RequestValidationError("body", [error]) from None


def media_type(request: Request) -> str:
    """The request's Content-Type without parameters, lower-cased ('' when absent)."""
    return request.headers.get("content-type", "").partition(";")[0].strip().lower()


async def _text(request: Request) -> str:
    try:
        return (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        error = FieldError(loc=["body"], msg="the body is not UTF-8 text", type="unicode_invalid")
        raise RequestValidationError("body", [error]) from None


TRACE_HEADERS = ("traceparent", "tracestate")


def trace_carrier(call: Call) -> dict[str, str]:
    """The caller's W3C trace context headers, if any."""
    return {name: value for name in TRACE_HEADERS if (value := call.header(name))}


def render(route: ApiRoute, call: Call) -> Response:
    """Run the handler inside a span, child of the caller's trace context when it sent one
    (in the handler's thread, so `tracer.inject()` there sees the span)."""
    name = f"{route.method} {route.template}"
    with call.deps.tracer.span(name, parent=trace_carrier(call) or None):
        reply = route.handler(call)
    if reply.response is not None:
        return reply.response
    if reply.model is None:
        return Response(status_code=reply.status, headers=reply.headers)
    return JSONResponse(
        reply.model.model_dump(mode="json"), status_code=reply.status, headers=reply.headers
    )


def endpoint(route: ApiRoute) -> Callable[[Request], Awaitable[Response]]:
    async def handle(request: Request) -> Response:
        request.scope[ROUTE_KEY] = route.template
        deps: ApiDeps = request.app.state.deps
        call = Call(deps=deps, request=request)
        if route.write and deps.api.require_keys:
            call.principal = await run_in_threadpool(principal, deps, request, route.write)
        if route.path_model is not None:
            call.path = _validated(route.path_model, "path", dict(request.path_params))
        if route.query is not None:
            call.query = _validated(route.query, "query", query_data(route.query, request))
        if route.body is not None and media_type(request) in route.text_body:
            call.text = await _text(request)
        elif route.body is not None:
            call.raw_body = await _body(request)
            call.body = _validated(route.body, "body", call.raw_body)
        return await run_in_threadpool(render, route, call)

    handle.__name__ = route.operation_id
    return handle


def dispatcher(routes: list[ApiRoute]) -> Callable[[Request], Awaitable[Response]]:
    """One endpoint for every method of a path, so that a 405 names them all."""
    by_method = {route.method: endpoint(route) for route in routes}
    if "GET" in by_method:
        by_method.setdefault("HEAD", by_method["GET"])

    async def handle(request: Request) -> Response:
        return await by_method[request.method](request)

    return handle
