"""Experiment runs, support entries and the benchmark matrix through HTTP."""

from __future__ import annotations

from uuid import uuid4

from starlette.testclient import TestClient


class TestExperimentRuns:
    def test_create_read_update_and_link_jobs(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        job = client.post("/v1/jobs", json={"operation": "ping"}, headers=auth).json()
        made = client.post(
            "/v1/experiment-runs",
            json={"name": "knn-k5", "hypothesis": "k=5 beats k=1", "job_ids": [job["id"]]},
            headers=auth,
        )
        assert made.status_code == 201
        run = made.json()
        assert (run["status"], run["job_ids"]) == ("planned", [job["id"]])
        assert client.get(made.headers["location"]).json() == run
        changed = client.patch(
            f"/v1/experiment-runs/{run['id']}",
            json={"status": "done", "findings": "it does", "job_ids": []},
            headers=auth,
        )
        assert changed.status_code == 200
        after = changed.json()
        assert (after["status"], after["findings"], after["job_ids"]) == ("done", "it does", [])
        assert after["hypothesis"] == "k=5 beats k=1"

    def test_names_are_unique(self, client: TestClient, auth: dict[str, str]) -> None:
        assert client.post("/v1/experiment-runs", json={"name": "a"}, headers=auth).is_success
        other = client.post("/v1/experiment-runs", json={"name": "b"}, headers=auth).json()
        again = client.post("/v1/experiment-runs", json={"name": "a"}, headers=auth)
        assert again.status_code == 409
        assert again.json()["code"] == "experiment_name_taken"
        rename = client.patch(
            f"/v1/experiment-runs/{other['id']}", json={"name": "a"}, headers=auth
        )
        assert rename.status_code == 409

    def test_bad_status_unknown_job_and_missing_run(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        bad = client.post(
            "/v1/experiment-runs", json={"name": "x", "status": "paused"}, headers=auth
        )
        assert bad.status_code == 422
        unknown = client.post(
            "/v1/experiment-runs", json={"name": "x", "job_ids": [str(uuid4())]}, headers=auth
        )
        assert unknown.status_code == 422
        assert client.get(f"/v1/experiment-runs/{uuid4()}").status_code == 404
        missing = client.patch(f"/v1/experiment-runs/{uuid4()}", json={}, headers=auth)
        assert missing.status_code == 404

    def test_list_pages_by_name(self, client: TestClient, auth: dict[str, str]) -> None:
        names = ["c", "a", "e", "b", "d"]
        for name in names:
            client.post("/v1/experiment-runs", json={"name": name}, headers=auth)
        seen: list[str] = []
        url: str | None = "/v1/experiment-runs?limit=2"
        while url:
            page = client.get(url).json()
            seen += [run["name"] for run in page["items"]]
            url = page["next"]
        assert seen == sorted(names)


def test_support_counts_thumbs_up_with_optional_comments(
    client: TestClient, auth: dict[str, str]
) -> None:
    assert client.post("/v1/support", json={}, headers=auth).status_code == 201
    made = client.post("/v1/support", json={"comment": "  saved my week  "}, headers=auth)
    assert made.json()["comment"] == "saved my week"
    summary = client.get("/v1/support?limit=1").json()
    assert summary["count"] == 2
    assert [entry["comment"] for entry in summary["latest"]] == ["saved my week"]
    too_long = client.post("/v1/support", json={"comment": "x" * 2001}, headers=auth)
    assert too_long.status_code == 422


def test_benchmark_matrix_comes_from_the_configured_file(client: TestClient) -> None:
    matrix = client.get("/v1/benchmark-matrix").json()
    assert matrix["preferred_default_stages"] == ["composite", "knn"]
    assert matrix["stage_labels"]["composite"] == "Composite score"
    assert matrix["categories"] == ["NK", "LK"]
    assert matrix["aspects"] == ["BPO", "MFO", "CCO"]
