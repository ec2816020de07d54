"""POST /v1/query-sets with the FASTA file itself as the body (`text/x-fasta` or `text/plain`)
and the name in the query: the same query set, limits and errors as the JSON upload."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.unit.api.test_biodata_resources import FASTA, assert_problem


def upload(
    client: TestClient,
    auth: dict[str, str],
    body: str | bytes,
    name: str | None = "raw",
    content_type: str = "text/x-fasta",
) -> Any:
    params = {"name": name} if name is not None else {}
    headers = {**auth, "Content-Type": content_type}
    return client.post("/v1/query-sets", params=params, content=body, headers=headers)


def _entries(client: TestClient, location: str) -> list[tuple[int, str, str]]:
    detail = client.get(location).json()
    return [(e["position"], e["identifier"], e["sequence_md5"]) for e in detail["entries"]]


class TestRawFastaUpload:
    @pytest.mark.parametrize("content_type", ["text/x-fasta", "text/plain; charset=utf-8"])
    def test_a_raw_body_makes_the_same_query_set_as_json(
        self, client: TestClient, auth: dict[str, str], content_type: str
    ) -> None:
        raw = upload(client, auth, FASTA, "from-raw", content_type)
        assert raw.status_code == 201, raw.text
        assert raw.json()["name"] == "from-raw"
        assert raw.json()["entry_count"] == 2
        made = client.post(
            "/v1/query-sets", json={"name": "from-json", "fasta": FASTA}, headers=auth
        )
        assert made.status_code == 201
        assert _entries(client, raw.headers["location"]) == _entries(
            client, made.headers["location"]
        )

    def test_parse_errors_name_the_same_line(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        bad = ">q1\nMKT\n>q2\nMK7Z!\n"
        raw = assert_problem(upload(client, auth, bad), 422)
        as_json = assert_problem(
            client.post("/v1/query-sets", json={"name": "x", "fasta": bad}, headers=auth), 422
        )
        assert "upload.fasta:4" in raw["detail"]
        assert raw["detail"] == as_json["detail"]
        assert client.get("/v1/query-sets").json()["items"] == []

    def test_empty_binary_or_nul_bodies_are_422(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        empty = assert_problem(upload(client, auth, ""), 422)
        assert empty["detail"] == "body: no FASTA record"
        nul = assert_problem(upload(client, auth, ">q\nMK\x00T\n"), 422)
        assert nul["detail"].startswith("body:")
        latin1 = assert_problem(upload(client, auth, ">q \xe9\nMKT\n".encode("latin-1")), 422)
        assert latin1["errors"][0]["loc"] == ["body"]
        assert client.get("/v1/query-sets").json()["items"] == []

    def test_the_name_comes_from_the_query_with_a_raw_body_only(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        missing = assert_problem(upload(client, auth, FASTA, name=None), 422, "invalid_request")
        assert missing["errors"][0]["loc"] == ["query", "name"]
        bad = assert_problem(upload(client, auth, FASTA, name="a\tb"), 422, "invalid_request")
        assert bad["errors"][0]["loc"] == ["query", "name"]
        both = client.post(
            "/v1/query-sets",
            params={"name": "q"},
            json={"name": "q", "fasta": FASTA},
            headers=auth,
        )
        assert assert_problem(both, 422)["errors"][0]["loc"] == ["query", "name"]
        assert client.get("/v1/query-sets").json()["items"] == []

    def test_limits_keys_and_name_conflicts_as_for_json(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        huge = ">big\n" + "M" * 5000 + "\n"  # over the fixture's 4096-byte body limit
        assert_problem(upload(client, auth, huge), 413, "payload_too_large")
        assert_problem(upload(client, {}, FASTA), 401)
        assert upload(client, auth, FASTA, "q").status_code == 201
        assert_problem(upload(client, auth, FASTA, "q"), 409)


def test_the_operation_documents_both_bodies(client: TestClient) -> None:
    operation = client.get("/v1/openapi.json").json()["paths"]["/v1/query-sets"]["post"]
    content = operation["requestBody"]["content"]
    assert set(content) == {"application/json", "text/x-fasta", "text/plain"}
    assert content["text/x-fasta"]["schema"] == {"type": "string"}
    assert [p["name"] for p in operation["parameters"]] == ["name"]
