"""API keys: required for writes (missing, malformed, wrong, revoked), stored as digests only."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_domain.api_access.use_cases.api_keys import list_api_keys, revoke_api_key
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.deps import api_uow_factory
from protea_entrypoints.api.settings import ApiSettings

WRITES = [
    ("POST", "/v1/jobs", {"operation": "ping"}),
    ("POST", "/v1/experiment-runs", {"name": "r"}),
    ("POST", "/v1/support", {}),
]


def _assert_401(response: object) -> None:
    assert getattr(response, "status_code", None) == 401
    body = response.json()  # type: ignore[attr-defined]
    assert body["code"] == "unauthenticated"
    assert body["detail"] == "a valid API key is required"
    assert response.headers["www-authenticate"].startswith("Bearer")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_without_a_key_are_refused(
    client: TestClient, method: str, path: str, body: dict[str, object]
) -> None:
    _assert_401(client.request(method, path, json=body))


@pytest.mark.parametrize(
    "header",
    [
        {"Authorization": "Bearer nonsense"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"X-API-Key": "protea_000000000000_" + "A" * 43},
    ],
)
def test_malformed_or_unknown_keys_are_refused(client: TestClient, header: dict[str, str]) -> None:
    _assert_401(client.post("/v1/jobs", json={"operation": "ping"}, headers=header))


def test_a_wrong_secret_with_a_real_prefix_is_refused(client: TestClient, raw_key: str) -> None:
    forged = raw_key[:-4] + ("AAAA" if not raw_key.endswith("AAAA") else "BBBB")
    _assert_401(client.post("/v1/jobs", json={"operation": "ping"}, headers={"X-API-Key": forged}))


def test_a_revoked_key_is_refused_and_kept(
    client: TestClient, raw_key: str, container: CoreContainer
) -> None:
    headers = {"X-API-Key": raw_key}
    assert client.post("/v1/jobs", json={"operation": "ping"}, headers=headers).status_code == 201
    prefix = raw_key.split("_")[1]
    revoke_api_key(api_uow_factory(container)(), container.clock(), prefix)
    _assert_401(client.post("/v1/jobs", json={"operation": "ping"}, headers=headers))
    (key,) = list_api_keys(api_uow_factory(container)())
    assert key.is_revoked
    assert key.last_used_at is not None


def test_reads_need_no_key(client: TestClient) -> None:
    assert client.get("/v1/jobs").status_code == 200


def test_keys_can_be_disabled_for_development(container: CoreContainer) -> None:
    app = create_app(container, ApiSettings(require_keys=False, embedded_workers=0))
    with TestClient(app) as client:
        assert client.post("/v1/jobs", json={"operation": "ping"}).status_code == 201


def test_only_the_digest_is_stored(raw_key: str, container: CoreContainer) -> None:
    with container.engine().connect() as connection:
        rows = [tuple(map(str, row)) for row in connection.execute(text("SELECT * FROM api_keys"))]
    assert len(rows) == 1
    assert hashlib.sha256(raw_key.encode()).hexdigest() in rows[0]
    secret = raw_key.rsplit("_", 1)[1]
    assert not any(secret in value for value in rows[0])
