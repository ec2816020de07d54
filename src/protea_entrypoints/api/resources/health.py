"""/livez, /readyz and /v1/metrics."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from sqlalchemy import text
from starlette.responses import Response

from protea_adapters.tracing.boot import describe
from protea_entrypoints.api.deps import ApiDeps
from protea_entrypoints.api.schemas.health import Check, Live, Ready, Tracing
from protea_entrypoints.api.spec import ApiRoute, Call, Reply

PROBE_KEY = "readyz/probe"
_checks_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")


def live(call: Call) -> Reply:
    return Reply(Live())


def _database(deps: ApiDeps) -> None:
    with deps.container.engine().connect() as connection:
        connection.execute(text("SELECT 1"))


def _broker(deps: ApiDeps) -> None:
    broker = deps.broker()
    if broker is not None:
        broker.declare()


def _artifacts(deps: ApiDeps) -> None:
    deps.artifact_store().exists(PROBE_KEY)


CHECKS: dict[str, Callable[[ApiDeps], None]] = {
    "database": _database,
    "broker": _broker,
    "artifact_store": _artifacts,
}


def run_check(name: str, check: Callable[[ApiDeps], None], deps: ApiDeps) -> Check:
    """Run one check in a helper thread, abandoned after `api.readiness_timeout_seconds`.
    The error is reduced to its class name: internals stay in the logs."""
    started = time.perf_counter()
    future = _checks_pool.submit(check, deps)
    try:
        future.result(timeout=deps.api.readiness_timeout_seconds)
        error = None
    except FutureTimeout:
        error = "timeout"
    except Exception as exc:
        error = exc.__class__.__name__
    return Check(name=name, ok=error is None, seconds=time.perf_counter() - started, error=error)


def ready(call: Call) -> Reply:
    checks = [run_check(name, check, call.deps) for name, check in CHECKS.items()]
    failed = [c.name for c in checks if not c.ok]
    settings = call.deps.container.settings()
    tracing = Tracing.model_validate(describe(settings.telemetry, "protea-api"))
    body = Ready(
        status="unavailable" if failed else "ready", failed=failed, checks=checks, tracing=tracing
    )
    return Reply(body, 503 if failed else 200)


def metrics(call: Call) -> Reply:
    body, content_type = call.deps.metrics.render(call.header("accept"))
    return Reply(response=Response(body, media_type=content_type))


ROUTES = [
    ApiRoute("GET", "/livez", live, "livez", "The process is up", "operations", {200: Live},
             versioned=False),
    ApiRoute("GET", "/readyz", ready, "readyz",
             "Database, broker (when configured) and artifact store answer in time",
             "operations", {200: Ready, 503: Ready}, versioned=False),
    ApiRoute("GET", "/metrics", metrics, "metrics", "Prometheus exposition", "operations",
             {200: None}, media_type="text/plain"),
]  # fmt: skip
