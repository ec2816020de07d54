"""Every error is RFC 9457 problem+json: 404, 405, 413, 422, 500, never echoing internals."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from protea_entrypoints.api.spec import ApiRoute, Call, Reply

PROBLEM_FIELDS = {"type", "title", "status", "code", "trace_id"}


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert set(body) >= PROBLEM_FIELDS
    assert body["status"] == status
    assert body["trace_id"] == response.headers["x-request-id"]
    return body


def test_404_for_unknown_paths(client: TestClient) -> None:
    body = _problem(client.get("/v1/nowhere"), 404)
    assert body["code"] == "not_found"
    assert body["instance"] == "/v1/nowhere"


def test_405_names_the_allowed_methods(client: TestClient) -> None:
    response = client.put("/v1/jobs")
    assert _problem(response, 405)["code"] == "method_not_allowed"
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}


def test_422_lists_field_errors_without_echoing_input(
    client: TestClient, auth: dict[str, str]
) -> None:
    secret = "s3cr3t-value-" * 3
    response = client.post(
        "/v1/jobs", json={"operation": "ping", "max_attempts": secret}, headers=auth
    )
    body = _problem(response, 422)
    assert body["errors"][0]["loc"] == ["body", "max_attempts"]
    assert secret not in response.text


def test_422_for_malformed_json(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/v1/jobs", content=b"{not json", headers={**auth, "content-type": "application/json"}
    )
    assert _problem(response, 422)["errors"][0]["type"] == "json_invalid"


def test_413_from_content_length(client: TestClient, auth: dict[str, str]) -> None:
    body = {"operation": "ping", "description": "x" * 5000}
    assert _problem(client.post("/v1/jobs", json=body, headers=auth), 413)["code"] == (
        "payload_too_large"
    )


def test_413_while_streaming_a_chunked_body(client: TestClient, auth: dict[str, str]) -> None:
    def chunks() -> Any:
        for _ in range(10):
            yield b"x" * 1000

    response = client.post("/v1/jobs", content=chunks(), headers=auth)
    assert _problem(response, 413)["code"] == "payload_too_large"


def test_500_shows_only_a_trace_id(client: TestClient) -> None:
    from protea_entrypoints.api.resources import jobs

    def explode(call: Call) -> Reply:
        raise RuntimeError("password=hunter2 at /srv/secret/path")

    route: ApiRoute = next(r for r in jobs.ROUTES if r.operation_id == "listJobs")
    object.__setattr__(route, "handler", explode)
    try:
        response = client.get("/v1/jobs", headers={"X-Request-ID": "trace-abcdef12"})
    finally:
        object.__setattr__(route, "handler", jobs.listing)
    body = _problem(response, 500)
    assert body["trace_id"] == "trace-abcdef12"
    assert body["code"] == "internal_error"
    assert "hunter2" not in response.text
    assert "secret" not in response.text
