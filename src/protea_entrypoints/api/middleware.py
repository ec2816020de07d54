"""Pure ASGI middleware: request ids, metrics, body size limits and visitor analytics."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from protea_domain.api_access.use_cases.support import record_visit
from protea_entrypoints.api.deps import ApiDeps
from protea_entrypoints.api.endpoint import ROUTE_KEY
from protea_entrypoints.api.problems import (
    PROBLEM_TYPE,
    REQUEST_ID,
    REQUEST_ID_HEADER,
    PayloadTooLargeError,
)
from protea_entrypoints.api.spec import API_PREFIX

logger = logging.getLogger(__name__)

_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
ASSET_SUFFIXES = (".css", ".js", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico",
                  ".webp", ".woff", ".woff2", ".ttf", ".txt")  # fmt: skip
UNCOUNTED_PATHS = frozenset({"/livez", "/readyz", f"{API_PREFIX}/metrics"})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class RequestIdMiddleware:
    """Every request gets an id (a sane incoming `X-Request-ID`, else a new one), stored in
    the scope for problem documents and echoed in the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        rid = incoming if incoming and _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})[REQUEST_ID] = rid

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] != b"x-request-id"]
                headers.append((REQUEST_ID_HEADER.lower().encode(), rid.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_id)


class MetricsMiddleware:
    """protea_http_requests_* by method, route template and status (500 when it raised)."""

    def __init__(self, app: ASGIApp, deps: ApiDeps) -> None:
        self.app = app
        self.deps = deps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        metrics = self.deps.metrics
        status = 500
        started = time.perf_counter()

        async def observe(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        metrics.http_request_started()
        try:
            await self.app(scope, receive, observe)
        finally:
            route = scope.get(ROUTE_KEY, "unmatched")
            seconds = time.perf_counter() - started
            metrics.http_request_finished(scope["method"], route, status, seconds)


class BodyLimitMiddleware:
    """Refuse bodies over `limit` bytes with 413: at once from Content-Length, or while
    reading (chunked uploads) by raising `PayloadTooLargeError` into the handlers."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise PayloadTooLargeError(self.limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        rid = scope.get("state", {}).get(REQUEST_ID)
        body: dict[str, Any] = {
            "type": "urn:protea:problem:payload_too_large",
            "title": "Request Entity Too Large",
            "status": 413,
            "detail": f"the request body exceeds {self.limit} bytes",
            "instance": scope["path"],
            "code": "payload_too_large",
        }
        if rid:
            body["trace_id"] = rid
        raw = json.dumps(body).encode()
        headers = [
            (b"content-type", PROBLEM_TYPE.encode()),
            (b"content-length", str(len(raw)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": raw})


class VisitorMiddleware:
    """After a GET to a non-asset path is answered, count it as sha256(daily salt || client
    address)[:16], the address as `TrustedProxies` gives it (the TCP peer unless that is a
    trusted proxy). The address itself is never stored or logged; failures never reach the
    client."""

    def __init__(self, app: ASGIApp, deps: ApiDeps) -> None:
        self.app = app
        self.deps = deps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] != "http" or scope["method"] != "GET":
            return
        path: str = scope["path"]
        if path in UNCOUNTED_PATHS or path.lower().endswith(ASSET_SUFFIXES):
            return
        deps = self.deps
        address = deps.proxies.of_scope(scope)
        try:
            await run_in_threadpool(
                record_visit, deps.api_uow(), deps.clock, deps.salts, address, path
            )
        except Exception as exc:
            logger.warning("visitor not counted: %s", exc.__class__.__name__)
