"""Tracing settings resolved without side effects, and an idempotent boot."""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import Engine

from protea_adapters.settings import TelemetrySettings
from protea_adapters.tracing.noop import NoopTracer
from protea_domain.ports.tracer import Tracer

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_booted: dict[str, Any] = {}


def describe(settings: TelemetrySettings, service_name: str) -> dict[str, object]:
    """What tracing would do, for health output; boots nothing."""
    return {
        "enabled": settings.enabled,
        "endpoint": settings.endpoint,
        "service_name": settings.service_name or service_name,
        "sample_ratio": settings.sample_ratio,
    }


def boot_tracing(settings: TelemetrySettings, service_name: str, *, exporter: Any = None) -> Tracer:
    """Install one tracer provider per process (later calls return the same tracer) and
    return the tracer. Disabled settings give the no-op tracer. A missing SDK or exporter
    package gives the no-op tracer and one warning. `exporter` overrides the OTLP exporter
    (tests pass an in-memory one)."""
    if not settings.enabled:
        return NoopTracer()
    with _lock:
        if "tracer" in _booted:
            return _booted["tracer"]  # type: ignore[no-any-return]
        try:
            from opentelemetry import trace
            from opentelemetry.sdk.resources import Resource
            from opentelemetry.sdk.trace import TracerProvider
            from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
            from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

            from protea_adapters.tracing.otel import OtelTracer
        except ImportError as exc:
            logger.warning("tracing disabled: %s (install protea[observability])", exc)
            return NoopTracer()
        provider = TracerProvider(
            resource=Resource.create({"service.name": service_name}),
            sampler=ParentBased(TraceIdRatioBased(settings.sample_ratio)),
        )
        if exporter is not None:
            provider.add_span_processor(SimpleSpanProcessor(exporter))
        else:
            try:
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
                    OTLPSpanExporter,
                )
            except ImportError as exc:
                logger.warning("no OTLP exporter (%s): spans are not exported", exc)
            else:
                endpoint = settings.endpoint
                provider.add_span_processor(
                    BatchSpanProcessor(
                        OTLPSpanExporter(endpoint=endpoint) if endpoint else OTLPSpanExporter()
                    )
                )
        trace.set_tracer_provider(provider)
        tracer = OtelTracer()
        _booted["tracer"] = tracer
        _booted["provider"] = provider
        return tracer


def instrument_engine(engine: Engine, tracer_enabled: bool) -> None:
    """Emit a span per SQL statement on `engine` when tracing is on and the SQLAlchemy
    instrumentation is installed (one warning otherwise)."""
    if not tracer_enabled:
        return
    try:
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
    except ImportError as exc:
        logger.warning("SQL spans disabled: %s", exc)
        return
    instrumentor = SQLAlchemyInstrumentor()
    if instrumentor.is_instrumented_by_opentelemetry:
        instrumentor._instrument(engine=engine)  # type: ignore[no-untyped-call]  # 2nd engine
    else:
        instrumentor.instrument(engine=engine, skip_dep_check=True)
