"""Embedding recipes, prediction sets and scoring configs through HTTP: listings and details
with every stored input, a protein's predictions, the CAFA download byte for byte as
`export_cafa` writes it (rescored with a stored config too), and storing scoring configs."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, replace
from datetime import timedelta
from types import TracebackType
from typing import Any
from uuid import UUID, uuid4

import anyio
import numpy as np
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_domain.annotations.annotation_set import AnnotationSet
from protea_domain.ontology.terms import OntologySnapshot
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork
from protea_domain.prediction.features import SIGNAL_NAMES
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.scoring.config import ScoringConfig
from protea_domain.use_cases.prediction_export import export_cafa
from protea_entrypoints.api.openapi import openapi_path
from protea_entrypoints.api.resources import embedding_recipes, prediction_sets, scoring_configs
from tests.contract.embeddings.embedding_repository_contract import (
    HALF,
    RECIPE,
    SEQ_A,
    SEQ_B,
    T0,
    seed,
)
from tests.unit.api.fuzzing import fuzz_operation
from tests.unit.api.test_auth import _assert_401
from tests.unit.api.test_biodata_resources import assert_problem

TSV = "text/tab-separated-values"
VOTES = {
    "name": "votes",
    "weights": {"vote_score": 3.0, "transfer_score": 1.0},
    "evidence_weights": {"IEA": 0.5, "EXP": 1.0},
    "default_evidence_weight": 0.75,
    "description": "neighbour votes, electronic annotations halved",
}


def _row(
    accession: str, go_id: str, aspect: str, transfer: float, vote: float, *codes: str
) -> StoredPrediction:
    features = {name: 0.0 for name in SIGNAL_NAMES}
    features |= {"transfer_score": transfer, "vote_score": vote, "vote_count": 2.0,
                 "k_position": 1.0, "distance": 2 * (1 - transfer)}  # fmt: skip
    return StoredPrediction(accession, go_id, aspect, transfer, "P2", features, codes)


ROWS = [
    _row("P1", "GO:0005737", "C", 0.9, 0.3, "EXP"),
    _row("P1", "GO:0005622", "C", 0.6, 0.6, "IEA"),
    _row("P1", "GO:0003674", "F", 0.5, 0.1),
    _row("P3", "GO:0008150", "P", 0.8, 0.8, "IDA", "IEA"),
    _row("P4", "GO:0005737", "C", 0.4, 0.2),
]
# rows of a set written without the neighbour-vote signals
BARE_ROWS = [
    StoredPrediction("P1", "GO:0005737", "C", 0.7, "P3", {"transfer_score": 0.7, "distance": 0.6})
]


@dataclass(frozen=True)
class PredictionData:
    complete: PredictionSetRecord
    running: PredictionSetRecord


def _record(recipe_hash: str, annotation_set: AnnotationSet, **changes: Any) -> PredictionSetRecord:
    record = PredictionSetRecord(
        uuid4(), recipe_hash, annotation_set.id, annotation_set.snapshot_id, 5, "experimental",
        {"k": 5, "metric": "cosine", "mode": "aspect"}, {"name": "transfer"}, 3, 12, T0,
        batches=1,
    )  # fmt: skip
    return replace(record, **changes)


@pytest.fixture
def prediction_data(container: CoreContainer) -> PredictionData:
    """Proteins P1..P4, both contract recipes (two vectors of RECIPE), a complete prediction
    set on RECIPE with `ROWS` and a later running one on HALF with `BARE_ROWS`."""
    biodata, embeddings = container.biodata_unit_of_work, container.embedding_unit_of_work
    seed((biodata, embeddings))
    snapshot = OntologySnapshot(uuid4(), "releases/2022-07-01", T0)
    annotation_set = AnnotationSet(uuid4(), "goa", "220", snapshot.id, T0)
    with biodata() as uow:
        uow.ontology.add_snapshot(snapshot, [], [])
        uow.annotations.begin_set(annotation_set)
        uow.annotations.complete_set(annotation_set.id, 0, {})
        uow.commit()
    complete = _record(RECIPE.recipe_hash, annotation_set)
    running = _record(
        HALF.recipe_hash, annotation_set, created_at=T0 + timedelta(hours=1), k=3,
        evidence_filter="all", settings={"k": 3}, scoring={"name": "vote"}, batches=4,
    )  # fmt: skip
    vectors = [(SEQ_A.md5, 0, np.ones(4, np.float32)), (SEQ_B.md5, 0, np.zeros(4, np.float32))]
    with embeddings() as uow:
        uow.embeddings.add_recipe(RECIPE)
        uow.embeddings.add_recipe(HALF)
        uow.embeddings.add_vectors(RECIPE.recipe_hash, vectors)
        uow.predictions.add_set(running)
        uow.predictions.add_set(complete)
        uow.predictions.add_predictions(complete.id, ROWS)
        uow.predictions.add_predictions(running.id, BARE_ROWS)
        finished = uow.predictions.finish_batch(complete.id, 0, T0 + timedelta(minutes=5))
        uow.commit()
    return PredictionData(finished, running)


def expected_cafa(container: CoreContainer, set_id: UUID, scoring: ScoringConfig | None) -> bytes:
    with container.embedding_unit_of_work() as uow:
        return "".join(export_cafa(uow, set_id, scoring)).encode()


def assert_download(response: Any, set_id: UUID) -> bytes:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(TSV)
    disposition = f'attachment; filename="prediction_set_{set_id}.tsv"'
    assert response.headers["content-disposition"] == disposition
    content: bytes = response.content
    return content


class TestEmbeddingRecipes:
    def test_listed_by_hash_with_config_and_vector_count(
        self, client: TestClient, prediction_data: PredictionData
    ) -> None:
        items = client.get("/v1/embedding-recipes").json()["items"]
        assert [r["recipe_hash"] for r in items] == sorted([RECIPE.recipe_hash, HALF.recipe_hash])
        by_hash = {r["recipe_hash"]: r for r in items}
        assert by_hash[RECIPE.recipe_hash] == {
            "recipe_hash": RECIPE.recipe_hash,
            "model": "kmer-2",
            "backend": "kmer",
            "layers": [],
            "layer_aggregation": "mean",
            "pooling": "mean",
            "residue_normalisation": "none",
            "final_normalisation": "none",
            "max_length": None,
            "chunk_size": 0,
            "chunk_overlap": 0,
            "options": {"k": "2"},
            "dimension": 4,
            "dtype": "float32",
            "vector_count": 2,
        }
        half = by_hash[HALF.recipe_hash]
        assert (half["pooling"], half["dtype"], half["vector_count"]) == ("max", "float16", 0)
        for recipe in items:
            one = client.get(f"/v1/embedding-recipes/{recipe['recipe_hash']}")
            assert one.json() == recipe

    def test_unknown_or_malformed_hashes(self, client: TestClient) -> None:
        assert client.get("/v1/embedding-recipes").json() == {"items": []}
        body = assert_problem(client.get(f"/v1/embedding-recipes/{'0' * 64}"), 404, "not_found")
        assert "0" * 64 in body["detail"]
        bad = assert_problem(client.get("/v1/embedding-recipes/ABC"), 422, "invalid_request")
        assert bad["errors"][0]["loc"] == ["path", "recipe_hash"]


class TestPredictionSets:
    def test_listed_oldest_first_with_every_input(
        self, client: TestClient, prediction_data: PredictionData
    ) -> None:
        items = client.get("/v1/prediction-sets").json()["items"]
        assert [s["id"] for s in items] == [
            str(prediction_data.complete.id),
            str(prediction_data.running.id),
        ]
        record = prediction_data.complete
        assert items[0] == {
            "id": str(record.id),
            "recipe_hash": RECIPE.recipe_hash,
            "annotation_set_id": str(record.annotation_set_id),
            "snapshot_id": str(record.snapshot_id),
            "k": 5,
            "evidence_filter": "experimental",
            "settings": {"k": 5, "metric": "cosine", "mode": "aspect"},
            "scoring": {"name": "transfer"},
            "queries": 3,
            "references": 12,
            "batches": 1,
            "batches_done": 1,
            "status": "complete",
            "created_at": "2026-11-28T07:00:00Z",
            "finished_at": "2026-11-28T07:05:00Z",
        }
        running = items[1]
        assert (running["status"], running["batches"], running["finished_at"]) == (
            "running",
            4,
            None,
        )
        for item in items:
            assert client.get(f"/v1/prediction-sets/{item['id']}").json() == item

    def test_unknown_or_malformed_ids(
        self, client: TestClient, prediction_data: PredictionData
    ) -> None:
        for suffix in ("", "/predictions?accession=P1", "/cafa"):
            assert_problem(client.get(f"/v1/prediction-sets/{uuid4()}{suffix}"), 404, "not_found")
            bad = assert_problem(client.get(f"/v1/prediction-sets/nope{suffix}"), 422)
            assert bad["errors"][0]["loc"] == ["path", "prediction_set_id"]


class TestProteinPredictions:
    def test_the_rows_of_one_protein(
        self, client: TestClient, prediction_data: PredictionData
    ) -> None:
        base = f"/v1/prediction-sets/{prediction_data.complete.id}/predictions"
        got = client.get(base, params={"accession": "P1"})
        assert got.status_code == 200, got.text
        body = got.json()
        assert body["prediction_set_id"] == str(prediction_data.complete.id)
        assert [(r["accession"], r["go_id"]) for r in body["items"]] == [
            ("P1", "GO:0003674"),
            ("P1", "GO:0005622"),
            ("P1", "GO:0005737"),
        ]
        row = ROWS[0]
        assert body["items"][2] == {
            "accession": "P1",
            "go_id": "GO:0005737",
            "aspect": "C",
            "score": 0.9,
            "source": "P2",
            "features": row.features,
            "evidence_codes": ["EXP"],
        }

    def test_several_proteins_at_once(
        self, client: TestClient, prediction_data: PredictionData
    ) -> None:
        base = f"/v1/prediction-sets/{prediction_data.complete.id}/predictions"
        params = {"accession": ["P4", "P3", "P4", "P2", "NOPE"]}
        items = client.get(base, params=params).json()["items"]
        assert [(r["accession"], r["go_id"]) for r in items] == [
            ("P3", "GO:0008150"),
            ("P4", "GO:0005737"),
        ]
        assert items[0]["evidence_codes"] == ["IDA", "IEA"]
        running = f"/v1/prediction-sets/{prediction_data.running.id}/predictions?accession=P3"
        assert client.get(running).json()["items"] == []

    def test_accessions_are_required_and_bounded(
        self, client: TestClient, prediction_data: PredictionData
    ) -> None:
        base = f"/v1/prediction-sets/{prediction_data.complete.id}/predictions"
        missing = assert_problem(client.get(base), 422, "invalid_request")
        assert missing["errors"][0]["loc"] == ["query", "accession"]
        many = [f"P{n}" for n in range(101)]
        too_many = assert_problem(client.get(base, params={"accession": many}), 422)
        assert too_many["errors"][0]["loc"] == ["query", "accession"]
        assert client.get(base, params={"accession": many[:100]}).status_code == 200
        bad = assert_problem(client.get(base, params={"accession": "a b"}), 422)
        assert bad["errors"][0]["loc"] == ["query", "accession", 0]


class TestCafaDownload:
    def test_equals_export_cafa(
        self, client: TestClient, container: CoreContainer, prediction_data: PredictionData
    ) -> None:
        set_id = prediction_data.complete.id
        got = assert_download(client.get(f"/v1/prediction-sets/{set_id}/cafa"), set_id)
        assert got == expected_cafa(container, set_id, None)
        assert got.decode().splitlines() == [
            "P1\tGO:0005737\t0.900",
            "P1\tGO:0005622\t0.600",
            "P1\tGO:0003674\t0.500",
            "P3\tGO:0008150\t0.800",
            "P4\tGO:0005737\t0.400",
        ]
        running = client.get(f"/v1/prediction-sets/{prediction_data.running.id}/cafa")
        assert assert_download(running, prediction_data.running.id) == b"P1\tGO:0005737\t0.700\n"

    def test_rescored_with_a_stored_config(
        self,
        client: TestClient,
        container: CoreContainer,
        prediction_data: PredictionData,
        auth: dict[str, str],
    ) -> None:
        made = client.post("/v1/scoring-configs", json=VOTES, headers=auth).json()
        url = f"/v1/prediction-sets/{prediction_data.complete.id}/cafa"
        got = assert_download(
            client.get(url, params={"scoring_config_id": made["id"]}), prediction_data.complete.id
        )
        with container.embedding_unit_of_work() as uow:
            config = uow.scoring.get(UUID(made["id"])).config
        assert got == expected_cafa(container, prediction_data.complete.id, config)
        assert got != client.get(url).content
        # P1 GO:0005622: (3 * 0.6 + 0.6) / 4 = 0.6, halved for IEA
        assert "P1\tGO:0005622\t0.300\n" in got.decode()

    def test_unknown_config_or_missing_signals_fail_before_streaming(
        self, client: TestClient, prediction_data: PredictionData, auth: dict[str, str]
    ) -> None:
        url = f"/v1/prediction-sets/{prediction_data.complete.id}/cafa"
        unknown = client.get(url, params={"scoring_config_id": str(uuid4())})
        assert_problem(unknown, 404, "not_found")
        bad = assert_problem(client.get(url, params={"scoring_config_id": "x"}), 422)
        assert bad["errors"][0]["loc"] == ["query", "scoring_config_id"]
        made = client.post("/v1/scoring-configs", json=VOTES, headers=auth).json()
        bare = f"/v1/prediction-sets/{prediction_data.running.id}/cafa"
        lacking = assert_problem(
            client.get(bare, params={"scoring_config_id": made["id"]}), 422, "invalid_input"
        )
        assert "vote_score" in lacking["detail"]


class _SpyUnitOfWork:
    """An embedding unit of work that records when it is entered and left."""

    def __init__(self, inner: EmbeddingUnitOfWork, events: list[str]) -> None:
        self.inner = inner
        self.events = events

    def __enter__(self) -> EmbeddingUnitOfWork:
        self.events.append("enter")
        return self.inner.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.inner.__exit__(exc_type, exc, tb)
        self.events.append("exit")


async def _get_until_first_chunk(app: Starlette, path: str) -> list[MutableMapping[str, Any]]:
    """GET `path` as an ASGI server would, the client going away once the first chunk of the
    body arrived; the messages sent."""
    sent: list[MutableMapping[str, Any]] = []
    first_chunk = anyio.Event()
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await first_chunk.wait()
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and message.get("body"):
            first_chunk.set()

    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
        "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    return sent


def test_the_download_reads_in_its_own_unit_of_work_ended_when_the_client_leaves(
    app: Starlette,
    container: CoreContainer,
    prediction_data: PredictionData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A set of several chunks: the client leaves after the first one; the stream's unit of
    work has ended by the time the server is done with the request."""
    rows = [
        StoredPrediction(accession, f"GO:{n:07d}", "F", 0.5, "P2", {"transfer_score": 0.5})
        for accession in ("P1", "P2", "P3", "P4")
        for n in range(1500)
    ]
    with container.embedding_unit_of_work() as uow:
        uow.predictions.add_predictions(prediction_data.running.id, rows)
        uow.commit()
    events: list[str] = []
    deps = app.state.deps
    monkeypatch.setattr(
        deps, "embedding_uow", lambda: _SpyUnitOfWork(container.embedding_unit_of_work(), events)
    )
    sent = anyio.run(
        _get_until_first_chunk, app, f"/v1/prediction-sets/{prediction_data.running.id}/cafa"
    )
    assert sent[0]["status"] == 200
    bodies = [m for m in sent if m["type"] == "http.response.body"]
    assert bodies
    assert all(m.get("more_body") for m in bodies), "the stream was cut"
    assert sum(len(m["body"]) for m in bodies) < len(rows) * len("P1\tGO:0000001\t0.500\n")
    assert events == ["enter", "exit", "enter", "exit"]


class TestScoringConfigs:
    def test_created_listed_and_read_back(self, client: TestClient, auth: dict[str, str]) -> None:
        assert client.get("/v1/scoring-configs").json() == {"items": []}
        made = client.post("/v1/scoring-configs", json=VOTES, headers=auth)
        assert made.status_code == 201, made.text
        body = made.json()
        assert made.headers["location"] == f"/v1/scoring-configs/{body['id']}"
        assert {k: v for k, v in body.items() if k not in ("id", "created_at")} == VOTES
        assert client.get(made.headers["location"]).json() == body
        plain = client.post("/v1/scoring-configs", json={"name": " plain "}, headers=auth).json()
        assert (plain["name"], plain["weights"], plain["evidence_weights"]) == (
            "plain",
            {"transfer_score": 1.0},
            {},
        )
        assert (plain["default_evidence_weight"], plain["description"]) == (1.0, "")
        items = client.get("/v1/scoring-configs").json()["items"]
        assert [c["name"] for c in items] == ["votes", "plain"]
        assert items[0] == body

    def test_a_taken_name_is_a_conflict(self, client: TestClient, auth: dict[str, str]) -> None:
        assert client.post("/v1/scoring-configs", json=VOTES, headers=auth).status_code == 201
        again = {**VOTES, "weights": {"transfer_score": 1.0}}
        body = assert_problem(client.post("/v1/scoring-configs", json=again, headers=auth), 409)
        assert "votes" in body["detail"]
        assert len(client.get("/v1/scoring-configs").json()["items"]) == 1

    @pytest.mark.parametrize(
        ("changes", "loc"),
        [
            ({"weights": {"nope": 1.0}}, ["body", "weights", "nope", "[key]"]),
            ({"weights": {"vote_score": -0.5}}, ["body", "weights", "vote_score"]),
            ({"weights": {}}, ["body", "weights"]),
            ({"evidence_weights": {"IEA": -1}}, ["body", "evidence_weights", "IEA"]),
            ({"default_evidence_weight": -0.1}, ["body", "default_evidence_weight"]),
            ({"name": ""}, ["body", "name"]),
            ({"name": "a\x00b"}, ["body", "name"]),
            ({"colour": "red"}, ["body", "colour"]),
        ],
    )
    def test_bad_bodies_name_the_field(
        self, client: TestClient, auth: dict[str, str], changes: dict[str, Any], loc: list[str]
    ) -> None:
        got = client.post("/v1/scoring-configs", json={**VOTES, **changes}, headers=auth)
        body = assert_problem(got, 422, "invalid_request")
        assert [e["loc"] for e in body["errors"]] == [loc]
        assert client.get("/v1/scoring-configs").json() == {"items": []}

    def test_rules_of_the_recipe_itself(self, client: TestClient, auth: dict[str, str]) -> None:
        zero = {**VOTES, "weights": {"vote_score": 0.0}}
        body = assert_problem(client.post("/v1/scoring-configs", json=zero, headers=auth), 422)
        assert (body["code"], body["detail"]) == (
            "invalid_input",
            "body: weights must be non-empty with a positive sum",
        )
        blank = {**VOTES, "name": "   "}
        body = assert_problem(client.post("/v1/scoring-configs", json=blank, headers=auth), 422)
        assert body["detail"].startswith("body.name: ")

    def test_writes_need_a_valid_key(self, client: TestClient, raw_key: str) -> None:
        _assert_401(client.post("/v1/scoring-configs", json=VOTES))
        forged = raw_key[:-4] + ("AAAA" if not raw_key.endswith("AAAA") else "BBBB")
        _assert_401(client.post("/v1/scoring-configs", json=VOTES, headers={"X-API-Key": forged}))
        assert client.get("/v1/scoring-configs").json() == {"items": []}

    def test_unknown_or_malformed_ids(self, client: TestClient) -> None:
        assert_problem(client.get(f"/v1/scoring-configs/{uuid4()}"), 404, "not_found")
        bad = assert_problem(client.get("/v1/scoring-configs/nope"), 422)
        assert bad["errors"][0]["loc"] == ["path", "scoring_config_id"]

    def test_the_signals_are_documented(self, client: TestClient) -> None:
        document = client.get("/v1/openapi.json").json()
        post = document["paths"]["/v1/scoring-configs"]["post"]
        for name in SIGNAL_NAMES:
            assert f"`{name}`" in post["description"]
        schema = document["components"]["schemas"]["CreateScoringConfigBody"]
        assert schema["properties"]["weights"]["propertyNames"]["enum"] == list(SIGNAL_NAMES)


READS = sorted(
    f"{route.method} {openapi_path(route.template)}"
    for module in (embedding_recipes, prediction_sets, scoring_configs)
    for route in module.ROUTES
    if route.method == "GET"
)


@pytest.mark.parametrize("label", READS)
def test_reads_on_stored_predictions_never_answer_500(
    app: Starlette, prediction_data: PredictionData, label: str
) -> None:
    """The generic fuzz runs on empty storage; this one on stored recipes and sets."""
    path_values = {
        "prediction_set_id": str(prediction_data.complete.id),
        "recipe_hash": RECIPE.recipe_hash,
    }
    fuzz_operation(app, label, path_values=path_values)
