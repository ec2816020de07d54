"""/v1/jobs through HTTP: submit (idempotent), list with filters and pages, detail, events,
comments, cancel, delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from dependency_injector import providers
from sqlalchemy import text
from starlette.testclient import TestClient

from protea_adapters.clock import ManualClock
from protea_adapters.containers import CoreContainer
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.settings import ApiSettings


def submit(client: TestClient, auth: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post("/v1/jobs", json={"operation": "ping", **body}, headers=auth)
    assert response.status_code == 201, response.text
    job: dict[str, Any] = response.json()
    return job


class TestJobs:
    def test_submit_answers_201_with_location_and_the_queued_job(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        response = client.post(
            "/v1/jobs",
            json={"operation": "ping", "payload": {"sleep_seconds": 0}, "tags": ["a", "b"]},
            headers=auth,
        )
        assert response.status_code == 201
        job = response.json()
        assert response.headers["location"] == f"/v1/jobs/{job['id']}"
        assert job["status"] == "queued"
        assert job["operation"] == "ping"
        assert job["tags"] == ["a", "b"]
        assert client.get(response.headers["location"]).json()["id"] == job["id"]

    def test_unknown_operation_or_parent_is_a_422_problem(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        response = client.post("/v1/jobs", json={"operation": "nope"}, headers=auth)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "unknown_operation"
        orphan = {"operation": "ping", "parent_id": str(uuid4())}
        response = client.post("/v1/jobs", json=orphan, headers=auth)
        assert response.status_code == 422
        assert response.json()["detail"].startswith("parent_id:")
        assert client.get("/v1/jobs").json()["items"] == []

    def test_same_key_and_body_replays_the_original_job(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        headers = {**auth, "Idempotency-Key": "k-1"}
        first = client.post("/v1/jobs", json={"operation": "ping", "tags": ["x"]}, headers=headers)
        again = client.post("/v1/jobs", json={"tags": ["x"], "operation": "ping"}, headers=headers)
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json()["id"] == first.json()["id"]
        assert again.headers["idempotent-replayed"] == "true"
        assert len(client.get("/v1/jobs").json()["items"]) == 1

    def test_same_key_with_another_body_is_a_422_problem(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        headers = {**auth, "Idempotency-Key": "k-2"}
        assert client.post("/v1/jobs", json={"operation": "ping"}, headers=headers).is_success
        response = client.post(
            "/v1/jobs", json={"operation": "ping", "tags": ["other"]}, headers=headers
        )
        assert response.status_code == 422
        assert response.json()["code"] == "idempotency_key_reused"
        assert len(client.get("/v1/jobs").json()["items"]) == 1

    def test_a_failed_submit_frees_its_idempotency_key(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        headers = {**auth, "Idempotency-Key": "k-3"}
        body = {"operation": "ping", "payload": {"sleep_seconds": -1}}
        assert client.post("/v1/jobs", json=body, headers=headers).status_code == 422
        body["payload"] = {"sleep_seconds": 0}
        assert client.post("/v1/jobs", json=body, headers=headers).status_code == 201

    def test_an_idempotency_key_expires_after_the_ttl(
        self, container: CoreContainer, raw_key: str
    ) -> None:
        clock = ManualClock(datetime.now(UTC))
        api = ApiSettings(max_body_bytes=4096, embedded_workers=0, idempotency_ttl_seconds=60)
        auth = {"Authorization": f"Bearer {raw_key}"}

        def post(client: TestClient, key: str) -> Any:
            headers = {**auth, "Idempotency-Key": key}
            return client.post("/v1/jobs", json={"operation": "ping"}, headers=headers)

        with (
            container.clock.override(providers.Object(clock)),
            TestClient(create_app(container, api)) as client,
        ):
            first = post(client, "a")
            clock.advance(timedelta(seconds=60))
            replayed = post(client, "a")
            assert (first.status_code, replayed.status_code) == (201, 200)
            assert replayed.json()["id"] == first.json()["id"]
            clock.advance(timedelta(seconds=1))
            other = post(client, "b")
            assert other.status_code == 201
            with container.engine().connect() as connection:
                keys = connection.execute(text("SELECT key FROM idempotency_keys")).scalars()
                assert list(keys) == ["b"], "the expired record is purged by the next write"
            again = post(client, "a")
            assert again.status_code == 201
            assert "idempotent-replayed" not in again.headers
            assert again.json()["id"] != first.json()["id"]
            assert len(client.get("/v1/jobs").json()["items"]) == 3

    def test_keys_are_scoped_per_api_key(
        self, client: TestClient, auth: dict[str, str], container: CoreContainer
    ) -> None:
        from protea_domain.api_access.use_cases.api_keys import create_api_key
        from protea_entrypoints.api.deps import api_uow_factory

        other = create_api_key(api_uow_factory(container)(), container.clock(), "other").raw
        first = client.post(
            "/v1/jobs", json={"operation": "ping"}, headers={**auth, "Idempotency-Key": "same"}
        )
        second = client.post(
            "/v1/jobs",
            json={"operation": "ping"},
            headers={"X-API-Key": other, "Idempotency-Key": "same"},
        )
        assert (first.status_code, second.status_code) == (201, 201)
        assert first.json()["id"] != second.json()["id"]

    def test_list_filters_and_pages_with_next_links(
        self, client: TestClient, auth: dict[str, str], container: CoreContainer
    ) -> None:
        tagged = [submit(client, auth, tags=["t"])["id"] for _ in range(5)]
        other = submit(client, auth, operation="ping_batch", payload={"children": 1})
        job_lifecycle.cancel_job(container.unit_of_work(), container.clock(), UUID(tagged[0]))
        seen: list[str] = []
        url: str | None = "/v1/jobs?tag=t&limit=2&status=queued&status=cancelled"
        while url:
            page = client.get(url).json()
            assert len(page["items"]) <= 2
            seen += [job["id"] for job in page["items"]]
            url = page["next"]
            assert (url is None) == (page["next_cursor"] is None)
        assert sorted(seen) == sorted(tagged)
        assert len(seen) == len(set(seen))
        cancelled = client.get("/v1/jobs?status=cancelled").json()["items"]
        assert [job["id"] for job in cancelled] == [tagged[0]]
        batches = client.get("/v1/jobs", params={"operation": "ping_batch"}).json()["items"]
        assert [job["id"] for job in batches] == [other["id"]]

    def test_list_by_parent(self, client: TestClient, auth: dict[str, str]) -> None:
        parent = submit(client, auth)
        child = submit(client, auth, parent_id=parent["id"])
        items = client.get(f"/v1/jobs?parent={parent['id']}").json()["items"]
        assert [job["id"] for job in items] == [child["id"]]

    def test_bad_list_parameters_are_422_problems(self, client: TestClient) -> None:
        for query in ("limit=0", "limit=abc", "status=sleeping", "cursor=%25%25", "bogus=1"):
            response = client.get(f"/v1/jobs?{query}")
            assert response.status_code == 422, query
            assert response.headers["content-type"] == "application/problem+json"

    def test_detail_events_and_missing_jobs(self, client: TestClient, auth: dict[str, str]) -> None:
        job = submit(client, auth)
        assert client.get(f"/v1/jobs/{job['id']}").json() == job
        events = client.get(f"/v1/jobs/{job['id']}/events").json()["items"]
        assert [event["kind"] for event in events] == ["created"]
        missing = uuid4()
        for path in (f"/v1/jobs/{missing}", f"/v1/jobs/{missing}/events"):
            response = client.get(path)
            assert response.status_code == 404
            assert response.json()["code"] == "job_not_found"

    def test_comments(self, client: TestClient, auth: dict[str, str]) -> None:
        job = submit(client, auth)
        url = f"/v1/jobs/{job['id']}/comments"
        made = client.post(url, json={"author": "ana", "body": "looks fine"}, headers=auth)
        assert made.status_code == 201
        items = client.get(url).json()["items"]
        assert [(c["author"], c["body"]) for c in items] == [("ana", "looks fine")]
        blank = client.post(url, json={"author": "ana", "body": "   "}, headers=auth)
        assert blank.status_code == 422
        gone = client.post(
            f"/v1/jobs/{uuid4()}/comments", json={"author": "a", "body": "b"}, headers=auth
        )
        assert gone.status_code == 404

    def test_cancel_then_cancel_again_is_a_409(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        job = submit(client, auth)
        url = f"/v1/jobs/{job['id']}/cancel"
        first = client.post(url, json={"reason": "not needed"}, headers=auth)
        assert first.status_code == 200
        assert first.json()["status"] == "cancelled"
        again = client.post(url, json={}, headers=auth)
        assert again.status_code == 409
        assert again.json()["code"] == "illegal_transition"

    def test_only_finished_jobs_are_deleted(self, client: TestClient, auth: dict[str, str]) -> None:
        job = submit(client, auth)
        url = f"/v1/jobs/{job['id']}"
        refused = client.delete(url, headers=auth)
        assert refused.status_code == 409
        assert refused.json()["code"] == "job_not_finished"
        assert client.post(f"{url}/comments", json={"author": "a", "body": "b"}, headers=auth)
        assert client.post(f"{url}/cancel", json={}, headers=auth).is_success
        assert client.delete(url, headers=auth).status_code == 204
        assert client.get(url).status_code == 404
        assert client.delete(url, headers=auth).status_code == 404
        assert client.delete(f"/v1/jobs/{uuid4()}", headers=auth).status_code == 404


def test_the_callers_trace_context_travels_with_the_wake_up(
    client: TestClient, auth: dict[str, str], container: CoreContainer
) -> None:
    traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    response = client.post(
        "/v1/jobs", json={"operation": "ping"}, headers={**auth, "traceparent": traceparent}
    )
    assert response.status_code == 201
    with container.unit_of_work() as uow:
        (entry,) = uow.outbox.claim_due(container.clock().now(), 10)
    assert entry.message.headers["traceparent"] == traceparent
