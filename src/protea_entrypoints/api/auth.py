"""Who is calling: the API key of a write request, checked against its stored digest."""

from __future__ import annotations

from starlette.requests import Request

from protea_domain.api_access.use_cases.api_keys import authenticate
from protea_entrypoints.api.deps import ApiDeps

ANONYMOUS = "anonymous"
API_KEY_HEADER = "X-API-Key"


def presented_key(request: Request) -> str | None:
    """`Authorization: Bearer <key>` or `X-API-Key: <key>`."""
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get(API_KEY_HEADER) or None


def principal(deps: ApiDeps, request: Request, write: bool) -> str:
    """The calling key's prefix for a write (raises `AuthenticationError` without a live key);
    `anonymous` for reads and when keys are disabled for development."""
    if not write or not deps.api.require_keys:
        return ANONYMOUS
    return authenticate(deps.api_uow(), deps.clock, presented_key(request)).prefix
