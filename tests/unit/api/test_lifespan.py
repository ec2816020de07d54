"""The app's lifespan runs embedded workers on the default settings (no broker)."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.settings import ApiSettings


def test_embedded_workers_run_submitted_jobs(
    container: CoreContainer, auth: dict[str, str]
) -> None:
    app = create_app(container, ApiSettings(embedded_workers=1))
    with TestClient(app) as client:
        job = client.post(
            "/v1/jobs", json={"operation": "ping", "payload": {"sleep_seconds": 0}}, headers=auth
        ).json()
        deadline = time.monotonic() + 20
        status = job["status"]
        while status != "succeeded" and time.monotonic() < deadline:
            time.sleep(0.05)
            status = client.get(f"/v1/jobs/{job['id']}").json()["status"]
    assert status == "succeeded"


def test_no_workers_without_the_lifespan_or_when_disabled(
    container: CoreContainer, auth: dict[str, str]
) -> None:
    app = create_app(container, ApiSettings(embedded_workers=0))
    with TestClient(app) as client:
        job = client.post("/v1/jobs", json={"operation": "ping"}, headers=auth).json()
        time.sleep(0.3)
        assert client.get(f"/v1/jobs/{job['id']}").json()["status"] == "queued"
