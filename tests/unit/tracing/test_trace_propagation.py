"""One trace from a request-side span, through the outbox and the broker, into the worker;
and a database span from the SQLAlchemy instrumentation on the installed SQLAlchemy."""

from __future__ import annotations

import time
from collections.abc import Generator
from datetime import timedelta
from pathlib import Path

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.testclient import TestClient

from protea_adapters.clock import SystemClock
from protea_adapters.containers import ApiContainer, build_registry
from protea_adapters.queue.inprocess import InProcessBroker
from protea_adapters.settings import ApiSettings, Settings, TelemetrySettings, load_settings
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from protea_adapters.tracing.boot import boot_tracing, describe, instrument_engine
from protea_adapters.tracing.noop import NoopTracer
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.queues import PING
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.job_lifecycle import SubmitJob
from protea_entrypoints.api.app import create_app
from protea_entrypoints.worker.runtime import WorkerRuntime

EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module")
def tracer() -> object:
    return boot_tracing(
        TelemetrySettings(enabled=True, sample_ratio=1.0), "protea-test", exporter=EXPORTER
    )


@pytest.fixture
def runtime(sqlite_url: str, tracer: object) -> Generator[WorkerRuntime, None, None]:
    engine = build_engine(sqlite_url)
    instrument_engine(engine, tracer_enabled=True)
    factory = build_session_factory(engine)
    runtime = WorkerRuntime(
        uow_factory=lambda: SqlUnitOfWork(factory),
        clock=SystemClock(),
        registry=build_registry(load_settings(environ={})),
        broker=InProcessBroker(),
        queues=[PING],
        lease=timedelta(seconds=30),
        grace_seconds=2.0,
        tracer=tracer,  # type: ignore[arg-type]
    )
    runtime.start()
    yield runtime
    runtime.stop()
    engine.dispose()


def test_one_trace_from_submit_to_the_worker(runtime: WorkerRuntime, tracer: object) -> None:
    EXPORTER.clear()
    with tracer.span("POST /v1/jobs"):  # type: ignore[attr-defined]
        headers = tracer.inject()  # type: ignore[attr-defined]
        job = job_lifecycle.submit_job(
            runtime.uow_factory(),
            runtime.clock,
            runtime.registry,
            SubmitJob("ping", trace_headers=headers),
        )
    assert headers["traceparent"].startswith("00-")
    deadline = time.monotonic() + 10
    while job_lifecycle.get_job(runtime.uow_factory(), job.id).status is not JobStatus.SUCCEEDED:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    spans = EXPORTER.get_finished_spans()
    request = next(span for span in spans if span.name == "POST /v1/jobs")
    consume = next(span for span in spans if span.name == f"consume {PING}")
    publish = next(span for span in spans if span.name == f"publish {PING}")
    assert publish.context.trace_id == request.context.trace_id
    assert consume.context.trace_id == request.context.trace_id
    assert consume.parent is not None
    assert consume.parent.span_id == request.context.span_id
    database = [span for span in spans if span.attributes and "db.statement" in span.attributes]
    assert any(span.context.trace_id == request.context.trace_id for span in database)


def test_settings_are_described_without_booting_and_disabled_means_noop() -> None:
    settings = TelemetrySettings(enabled=False, endpoint="http://collector:4318", sample_ratio=0.5)
    assert describe(settings, "protea-api") == {
        "enabled": False,
        "endpoint": "http://collector:4318",
        "service_name": "protea-api",
        "sample_ratio": 0.5,
    }
    assert isinstance(boot_tracing(settings, "protea-api"), NoopTracer)


def test_one_trace_from_an_api_request_to_the_worker(tmp_path: Path, tracer: object) -> None:
    EXPORTER.clear()
    container = ApiContainer(settings=Settings(home=tmp_path))
    with container.tracer.override(tracer):
        app = create_app(container, ApiSettings(require_keys=False, embedded_workers=1))
        with TestClient(app) as client:
            submitted = client.post("/v1/jobs", json={"operation": "ping"})
            assert submitted.status_code == 201
            url = f"/v1/jobs/{submitted.json()['id']}"
            deadline = time.monotonic() + 15
            while client.get(url).json()["status"] != "succeeded":
                assert time.monotonic() < deadline
                time.sleep(0.05)
    container.shutdown_resources()
    spans = EXPORTER.get_finished_spans()
    names = sorted({span.name for span in spans})
    request = next((s for s in spans if s.name.startswith("POST") and "jobs" in s.name), None)
    assert request is not None, names
    consume = next(span for span in spans if span.name == f"consume {PING}")
    assert consume.context.trace_id == request.context.trace_id
    assert any(
        span.context.trace_id == request.context.trace_id and "db.statement" in span.attributes
        for span in spans
        if span.attributes
    )
