"""The OpenTelemetry tracer: spans, and W3C trace context in message headers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from protea_domain.ports.tracer import Tracer

PROPAGATOR = TraceContextTextMapPropagator()


class OtelTracer(Tracer):
    """Spans on the globally installed tracer provider (see `boot.boot_tracing`)."""

    def __init__(self, instrumentation_name: str = "protea") -> None:
        self._tracer = trace.get_tracer(instrumentation_name)

    def span(self, name: str, parent: dict[str, str] | None = None) -> AbstractContextManager[None]:
        return self._span(name, parent)

    @contextmanager
    def _span(self, name: str, parent: dict[str, str] | None) -> Iterator[None]:
        remote = PROPAGATOR.extract(parent) if parent else None
        token = otel_context.attach(remote) if remote is not None else None
        try:
            kind = trace.SpanKind.CONSUMER if parent else trace.SpanKind.INTERNAL
            with self._tracer.start_as_current_span(name, kind=kind):
                yield
        finally:
            if token is not None:
                otel_context.detach(token)

    def inject(self) -> dict[str, str]:
        carrier: dict[str, str] = {}
        PROPAGATOR.inject(carrier)
        return carrier
