"""/livez, /readyz (each dependency checked with a timeout) and /v1/metrics."""

from __future__ import annotations

import threading

import pytest
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_entrypoints.api.resources import health


def test_livez(client: TestClient) -> None:
    assert client.get("/livez").json() == {"status": "ok"}


def test_readyz_when_everything_answers(client: TestClient) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert {check["name"] for check in body["checks"]} == {"database", "broker", "artifact_store"}
    assert body["tracing"] == {
        "enabled": False,
        "endpoint": None,
        "service_name": "protea-api",
        "sample_ratio": 1.0,
    }


def test_readyz_names_the_failed_and_the_slow_checks(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def broken(deps: object) -> None:
        raise ConnectionRefusedError("10.0.0.7:5432 password=x")

    def hanging(deps: object) -> None:
        release.wait(5)

    monkeypatch.setitem(health.CHECKS, "database", broken)
    monkeypatch.setitem(health.CHECKS, "artifact_store", hanging)
    client.app.state.deps.api = client.app.state.deps.api.model_copy(  # type: ignore[attr-defined]
        update={"readiness_timeout_seconds": 0.2}
    )
    try:
        response = client.get("/readyz")
    finally:
        release.set()
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["database", "artifact_store"]
    errors = {check["name"]: check["error"] for check in body["checks"]}
    assert errors == {"database": "ConnectionRefusedError", "broker": None,
                      "artifact_store": "timeout"}  # fmt: skip
    assert "10.0.0.7" not in response.text


def test_metrics_count_requests_by_route_template(client: TestClient, auth: dict[str, str]) -> None:
    job = client.post("/v1/jobs", json={"operation": "ping"}, headers=auth).json()
    client.get(f"/v1/jobs/{job['id']}")
    response = client.get("/v1/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert (
        'protea_http_requests_total{method="GET",route="/v1/jobs/{job_id}",status="200"} 1.0'
        in (text)
    )
    assert 'route="/v1/jobs",status="201"' in text
    assert job["id"] not in text


def test_metrics_negotiate_openmetrics(client: TestClient) -> None:
    response = client.get("/v1/metrics", headers={"Accept": "application/openmetrics-text"})
    assert response.headers["content-type"].startswith("application/openmetrics-text")


def test_broker_checked_only_when_configured(container: CoreContainer) -> None:
    from protea_entrypoints.api.deps import build_deps

    deps = build_deps(container)
    assert deps.broker() is None
    check = health.run_check("broker", health.CHECKS["broker"], deps)
    assert check.ok
