"""`create_app(container)`: declarative routes, middleware, exception handlers, lifespan."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from protea_adapters.containers import CoreContainer
from protea_entrypoints.api.deps import build_deps
from protea_entrypoints.api.endpoint import dispatcher
from protea_entrypoints.api.lifespan import lifespan_for
from protea_entrypoints.api.middleware import (
    BodyLimitMiddleware,
    MetricsMiddleware,
    RequestIdMiddleware,
    VisitorMiddleware,
)
from protea_entrypoints.api.problems import EXCEPTION_HANDLERS, REQUEST_ID_HEADER
from protea_entrypoints.api.routes import api_routes
from protea_entrypoints.api.settings import ApiSettings
from protea_entrypoints.api.spec import ApiRoute

ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "X-API-Key",
                   REQUEST_ID_HEADER]  # fmt: skip
EXPOSED_HEADERS = [REQUEST_ID_HEADER, "Location", "Idempotent-Replayed"]


def create_app(container: CoreContainer, api: ApiSettings | None = None) -> Starlette:
    """The API over `container`'s adapters; `api` overrides the settings' `api` section."""
    deps = build_deps(container, api)
    by_path: dict[str, list[ApiRoute]] = {}
    for route in api_routes():
        by_path.setdefault(route.template, []).append(route)
    routes = [
        Route(path, dispatcher(group), methods=[route.method for route in group])
        for path, group in by_path.items()
    ]
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(MetricsMiddleware, deps=deps),
        Middleware(
            CORSMiddleware,
            allow_origins=list(deps.api.cors_origins),
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=ALLOWED_HEADERS,
            expose_headers=EXPOSED_HEADERS,
        ),
        Middleware(BodyLimitMiddleware, limit=deps.api.max_body_bytes),
    ]
    if deps.api.analytics:
        middleware.append(Middleware(VisitorMiddleware, deps=deps))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan_for(deps),
    )
    app.state.deps = deps
    return app
