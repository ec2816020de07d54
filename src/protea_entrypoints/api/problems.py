"""RFC 9457 problem+json for every error: domain errors, routing errors, validation, 413 and
500. A 500 never shows the exception: only a trace id to quote."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from protea_domain.api_access.errors import AuthenticationError
from protea_domain.errors import (
    ConflictError,
    DomainError,
    InvalidInputError,
    NotFoundError,
    StorageError,
)
from protea_entrypoints.api.schemas.common import FieldError, Problem

logger = logging.getLogger(__name__)

PROBLEM_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:protea:problem:"
REQUEST_ID = "request_id"
REQUEST_ID_HEADER = "X-Request-ID"


class PayloadTooLargeError(Exception):
    """The request body is larger than `api.max_body_bytes`."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body exceeds {limit} bytes")
        self.limit = limit


class RequestValidationError(Exception):
    """A request that does not match its schema (path, query, headers or body)."""

    def __init__(self, where: str, errors: Sequence[FieldError]) -> None:
        super().__init__(f"invalid {where}")
        self.where = where
        self.errors = list(errors)

    @classmethod
    def of(cls, where: str, error: ValidationError) -> RequestValidationError:
        """Field locations, messages and types only: the rejected input is not echoed."""
        return cls(
            where,
            [
                FieldError(
                    loc=[where, *error_loc["loc"]], msg=error_loc["msg"], type=error_loc["type"]
                )
                for error_loc in error.errors(include_url=False, include_input=False)
            ],
        )


def request_id(request: Request) -> str | None:
    value = request.scope.get("state", {}).get(REQUEST_ID)
    return value if isinstance(value, str) else None


def problem(
    status: int,
    code: str,
    detail: str | None,
    *,
    instance: str | None = None,
    trace_id: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    body = Problem(
        type=f"{TYPE_PREFIX}{code}",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=instance,
        code=code,
        trace_id=trace_id,
        **extra,
    )
    all_headers = dict(headers or {})
    if trace_id:
        all_headers[REQUEST_ID_HEADER] = trace_id
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status,
        headers=all_headers,
        media_type=PROBLEM_TYPE,
    )


def _for(request: Request, status: int, code: str, detail: str | None, **extra: Any) -> Response:
    return problem(
        status, code, detail, instance=request.url.path, trace_id=request_id(request), **extra
    )


def status_of(error: DomainError) -> int:
    if isinstance(error, AuthenticationError):
        return 401
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, InvalidInputError):
        return 422
    if isinstance(error, StorageError):
        return 503
    return 400


async def domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    status = status_of(exc)
    if status == 503:
        logger.warning("storage unavailable: %s", exc)
        return _for(request, status, exc.code, "storage is unavailable; retry later")
    headers = {"WWW-Authenticate": 'Bearer realm="protea"'} if status == 401 else None
    response = _for(request, status, exc.code, str(exc))
    if headers:
        response.headers.update(headers)
    return response


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    response = _for(request, exc.status_code, code, HTTPStatus(exc.status_code).description)
    response.headers.update(exc.headers or {})
    return response


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return _for(
        request,
        422,
        "invalid_request",
        str(exc),
        errors=[error.model_dump() for error in exc.errors],
    )


async def too_large(request: Request, exc: Exception) -> Response:
    return _for(request, 413, "payload_too_large", str(exc))


async def server_error(request: Request, exc: Exception) -> Response:
    trace_id = request_id(request)
    logger.error("unhandled error (trace id %s)", trace_id, exc_info=exc)
    return _for(request, 500, "internal_error", "an internal error occurred")


EXCEPTION_HANDLERS = {
    DomainError: domain_error,
    HTTPException: http_error,
    RequestValidationError: validation_error,
    PayloadTooLargeError: too_large,
    Exception: server_error,
}
