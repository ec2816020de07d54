"""CORS: only the origins in the settings' allow-list get CORS headers."""

from __future__ import annotations

from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.settings import ApiSettings

ALLOWED = "https://protea.example.org"


def _client(container: CoreContainer) -> TestClient:
    api = ApiSettings(cors_origins=(ALLOWED,), embedded_workers=0)
    return TestClient(create_app(container, api))


def test_an_allowed_origin_gets_cors_headers(container: CoreContainer) -> None:
    with _client(container) as client:
        response = client.get("/v1/jobs", headers={"Origin": ALLOWED})
        assert response.headers["access-control-allow-origin"] == ALLOWED
        assert "x-request-id" in response.headers["access-control-expose-headers"].lower()
        preflight = client.options(
            "/v1/jobs",
            headers={
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "Authorization, Idempotency-Key",
            },
        )
        assert preflight.status_code == 200
        assert "POST" in preflight.headers["access-control-allow-methods"]


def test_other_origins_get_none(container: CoreContainer) -> None:
    with _client(container) as client:
        response = client.get("/v1/jobs", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers
        preflight = client.options(
            "/v1/jobs",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 400


def test_no_origins_by_default(client: TestClient) -> None:
    response = client.get("/v1/jobs", headers={"Origin": ALLOWED})
    assert "access-control-allow-origin" not in response.headers


def test_origins_from_a_comma_separated_variable() -> None:
    api = ApiSettings.model_validate({"cors_origins": "https://a.org, https://b.org,"})
    assert api.cors_origins == ("https://a.org", "https://b.org")
