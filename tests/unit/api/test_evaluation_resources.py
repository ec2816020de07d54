"""Evaluation sets and CAFA runs through HTTP: listings, details, the ground truth and known
terms as the files the file-based builder writes (byte for byte), and the runs' result rows
and stored output files."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_domain.evaluation_sets.files import read_release, write_evaluation_set
from protea_domain.evaluation_sets.from_obo import term_dag_from_obo
from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import (
    Category,
    EvaluationSet,
    Target,
    build_evaluation_set,
)
from protea_domain.ontology.obo_parser import parse_obo
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.use_cases.evaluation.generate_evaluation_set import generate_evaluation_set
from protea_domain.use_cases.evaluation.run_cafa_evaluation import run_cafa_evaluation
from protea_entrypoints.api.openapi import openapi_path
from protea_entrypoints.api.resources import evaluation
from tests.contract.biodata.records import T0
from tests.contract.evaluation.evaluation_repository_contract import (
    BP,
    CC,
    TARGETS,
    evaluation_set,
    row_of,
    run_of,
    store_annotation_pair,
)
from tests.unit.api.fuzzing import fuzz_operation
from tests.unit.api.test_biodata_resources import (
    ANNOTATIONS,
    GO_SLICE,
    Loaded,
    _annotations,
    assert_problem,
    loaded,
)

__all__ = ["loaded"]

TSV = "text/tab-separated-values"
MF = "molecular_function"
# one more target per category, so that each file has several proteins and lines to order
MORE_TARGETS = (
    Target("P62258", MF, Category.NK, frozenset({"GO:0003674", "GO:0003824"}), frozenset()),
    Target("P62258", BP, Category.LK, frozenset({"GO:0008150", "GO:0008152"}), frozenset()),
    Target("P31946-2", BP, Category.PK, frozenset({"GO:0044237"}), frozenset({"GO:0008150"})),
)
ALL_FILE = b"filename\tns\ttau\tn\tpr\trc\tf\n"
BEST_FILE = b"filename\tns\ttau\tf\n"


@dataclass(frozen=True)
class Stored:
    full: StoredEvaluationSet
    nk_only: StoredEvaluationSet
    targets: tuple[Target, ...]
    run: EvaluationRun
    rows: list[EvaluationResultRow]
    later_run: EvaluationRun


def _ordered(targets: tuple[Target, ...]) -> EvaluationSet:
    """The set as `build_evaluation_set` orders it: by (protein, namespace)."""
    return EvaluationSet(tuple(sorted(targets, key=lambda t: (t.protein, t.namespace))))


@pytest.fixture
def stored(container: CoreContainer) -> Stored:
    """Two evaluation sets of one annotation pair (one with targets in every category, a later
    one with NK targets only) and two runs of the first; the earlier run's artifacts are in
    the container's store, except one whose object is missing and one of another store."""
    uow_factory = container.evaluation_unit_of_work
    pair = store_annotation_pair(uow_factory)
    targets = TARGETS + MORE_TARGETS
    full = replace(evaluation_set(pair), stats=_ordered(targets).stats(), target_count=len(targets))
    nk_targets = tuple(t for t in targets if t.category is Category.NK)
    nk_only = replace(
        evaluation_set(pair, evidence="any"),
        created_at=T0 + timedelta(hours=1),
        stats=_ordered(nk_targets).stats(),
        target_count=len(nk_targets),
    )
    store = container.artifact_store()
    run_id = uuid4()
    prefix = f"evaluations/{full.id}/{run_id}"
    artifacts = {
        "NK/evaluation_all.tsv": store.put_bytes(f"{prefix}/NK/evaluation_all.tsv", ALL_FILE),
        "PK/evaluation_best_f.tsv": store.put_bytes(
            f"{prefix}/PK/evaluation_best_f.tsv", BEST_FILE
        ),
        "LK/evaluation_all.tsv": store.uri(f"{prefix}/LK/evaluation_all.tsv"),
        "LK/evaluation_best_f.tsv": "s3://elsewhere/evaluations/LK/evaluation_best_f.tsv",
    }
    run = run_of(full.id, id=run_id, artifacts=artifacts, information_accretion_id=None)
    rows = [
        row_of(run.id, Category.PK, BP),
        row_of(run.id, Category.NK, CC, "b.tsv"),
        row_of(run.id, Category.LK, CC),
        row_of(run.id, Category.NK, CC, "a.tsv"),
    ]
    later_run = run_of(full.id, created_at=T0 + timedelta(days=1), scoring="knn", artifacts={})
    with uow_factory() as uow:
        uow.evaluation.add_set(nk_only, nk_targets)
        uow.evaluation.add_set(full, targets)
        uow.evaluation.add_run(later_run, [])
        uow.evaluation.add_run(run, rows)
        uow.commit()
    return Stored(full, nk_only, targets, run, rows, later_run)


def assert_download(response: Any, filename: str) -> bytes:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(TSV)
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    content: bytes = response.content
    return content


class TestEvaluationSets:
    def test_listed_oldest_first_with_everything_stored(
        self, client: TestClient, stored: Stored
    ) -> None:
        items = client.get("/v1/evaluation-sets").json()["items"]
        assert [s["id"] for s in items] == [str(stored.full.id), str(stored.nk_only.id)]
        detail = client.get(f"/v1/evaluation-sets/{stored.full.id}").json()
        assert detail == items[0]
        full = stored.full
        assert detail["snapshot_id"] == str(full.snapshot_id)
        assert detail["old_annotation_set_id"] == str(full.old_set_id)
        assert detail["new_annotation_set_id"] == str(full.new_set_id)
        assert detail["options"] == {"evidence": "experimental"}
        assert detail["target_count"] == 6
        assert detail["category_counts"] == {"NK": 2, "LK": 2, "PK": 2}
        assert detail["stats"] == {
            "NK": {CC: {"proteins": 1, "terms": 3}, MF: {"proteins": 1, "terms": 2}},
            "LK": {BP: {"proteins": 1, "terms": 2}, CC: {"proteins": 1, "terms": 1}},
            "PK": {BP: {"proteins": 2, "terms": 2}},
        }
        nk_only = client.get(f"/v1/evaluation-sets/{stored.nk_only.id}").json()
        assert (nk_only["options"], nk_only["category_counts"]) == (
            {"evidence": "any"},
            {"NK": 2},
        )

    def test_unknown_or_malformed_ids(self, client: TestClient, stored: Stored) -> None:
        for suffix in ("", "/runs", "/known-terms", "/ground-truth/NK"):
            assert_problem(client.get(f"/v1/evaluation-sets/{uuid4()}{suffix}"), 404, "not_found")
            assert_problem(client.get(f"/v1/evaluation-sets/nope{suffix}"), 422)
        bad = client.get(f"/v1/evaluation-sets/{stored.full.id}/ground-truth/XK")
        assert assert_problem(bad, 422)["errors"][0]["loc"] == ["path", "category"]

    def test_downloads_equal_the_file_builder_output(
        self, client: TestClient, stored: Stored, tmp_path: Path
    ) -> None:
        files = tmp_path / "files"
        written = write_evaluation_set(_ordered(stored.targets), files)
        assert len(written) == 4
        base = f"/v1/evaluation-sets/{stored.full.id}"
        for category in Category:
            name = f"ground_truth_{category.value}.tsv"
            got = client.get(f"{base}/ground-truth/{category.value}")
            assert assert_download(got, name) == (files / name).read_bytes()
        known = assert_download(client.get(f"{base}/known-terms"), "known_PK.tsv")
        assert known == (files / "known_PK.tsv").read_bytes()
        assert known == b"O95832\tGO:0008150\nO95832\tGO:0009987\nP31946-2\tGO:0008150\n"

    def test_a_category_without_targets_has_no_file(
        self, client: TestClient, stored: Stored, tmp_path: Path
    ) -> None:
        base = f"/v1/evaluation-sets/{stored.nk_only.id}"
        nk_targets = tuple(t for t in stored.targets if t.category is Category.NK)
        files = tmp_path / "files"
        write_evaluation_set(_ordered(nk_targets), files)
        assert sorted(p.name for p in files.iterdir()) == ["ground_truth_NK.tsv"]
        got = assert_download(client.get(f"{base}/ground-truth/NK"), "ground_truth_NK.tsv")
        assert got == (files / "ground_truth_NK.tsv").read_bytes()
        for path in ("/ground-truth/LK", "/ground-truth/PK", "/known-terms"):
            body = assert_problem(client.get(base + path), 404, "not_found")
            assert "targets" in body["detail"]


class TestEvaluationRuns:
    def test_runs_of_a_set_oldest_first(self, client: TestClient, stored: Stored) -> None:
        items = client.get(f"/v1/evaluation-sets/{stored.full.id}/runs").json()["items"]
        assert [r["id"] for r in items] == [str(stored.run.id), str(stored.later_run.id)]
        assert items[0] == {
            "id": str(stored.run.id),
            "evaluation_set_id": str(stored.full.id),
            "scoring": "raw",
            "predictions": stored.run.predictions,
            "information_accretion_id": None,
            "options": {"th_step": 0.01},
            "artifacts": sorted(stored.run.artifacts),
            "created_at": items[0]["created_at"],
        }
        assert items[1]["scoring"] == "knn"
        assert client.get(f"/v1/evaluation-sets/{stored.nk_only.id}/runs").json()["items"] == []

    def test_a_run_with_its_result_rows(self, client: TestClient, stored: Stored) -> None:
        detail = client.get(f"/v1/evaluation-runs/{stored.run.id}").json()
        listed = client.get(f"/v1/evaluation-sets/{stored.full.id}/runs").json()["items"][0]
        assert {k: v for k, v in detail.items() if k != "results"} == listed
        rows = detail["results"]
        assert [(r["category"], r["namespace"], r["predictions_file"]) for r in rows] == [
            ("NK", CC, "a.tsv"),
            ("NK", CC, "b.tsv"),
            ("LK", CC, "a.tsv"),
            ("PK", BP, "a.tsv"),
        ]
        expected = stored.rows[3]
        assert rows[0] == {
            "category": "NK",
            "namespace": CC,
            "predictions_file": "a.tsv",
            "fmax": expected.fmax,
            "precision": expected.precision,
            "recall": expected.recall,
            "tau": expected.tau,
            "coverage": expected.coverage,
            "weighted_fmax": expected.weighted_fmax,
            "smin": expected.smin,
            "n_proteins": expected.n_proteins,
        }
        assert rows[2]["weighted_fmax"] is None
        later = client.get(f"/v1/evaluation-runs/{stored.later_run.id}").json()
        assert (later["results"], later["artifacts"]) == ([], [])
        assert_problem(client.get(f"/v1/evaluation-runs/{uuid4()}"), 404, "not_found")
        assert_problem(client.get("/v1/evaluation-runs/nope"), 422)

    def test_artifacts_stream_the_stored_files(self, client: TestClient, stored: Stored) -> None:
        base = f"/v1/evaluation-runs/{stored.run.id}/artifacts"
        got = client.get(f"{base}/NK/evaluation_all.tsv")
        assert assert_download(got, "NK_evaluation_all.tsv") == ALL_FILE
        got = client.get(f"{base}/PK/evaluation_best_f.tsv")
        assert assert_download(got, "PK_evaluation_best_f.tsv") == BEST_FILE

    def test_only_the_runs_stored_artifacts(self, client: TestClient, stored: Stored) -> None:
        base = f"/v1/evaluation-runs/{stored.run.id}/artifacts"
        for name in ("NK/evaluation_best_f.tsv", "evaluation_all.tsv"):
            body = assert_problem(client.get(f"{base}/{name}"), 404, "not_found")
            assert f"has no artifact '{name}'" in body["detail"]
        missing_object = client.get(f"{base}/LK/evaluation_all.tsv")
        assert_problem(missing_object, 404, "artifact_not_found")
        other_store = assert_problem(client.get(f"{base}/LK/evaluation_best_f.tsv"), 404)
        assert "not in this API's artifact store" in other_store["detail"]
        assert "s3://" not in other_store["detail"]
        outside = client.get(f"{base}/NK/..%2F..%2F{stored.run.id}/NK/evaluation_all.tsv")
        assert assert_problem(outside, 422)["errors"][0]["loc"] == ["path", "name"]
        assert_problem(client.get(f"/v1/evaluation-runs/{uuid4()}/artifacts/NK/x.tsv"), 404)
        assert_problem(client.get(f"{base}/NK/.hidden"), 422, "invalid_request")


def _t0_release(new: Path, out: Path) -> Path:
    """A deterministic earlier release of `new`: a third of the proteins absent (NK), a third
    with their cellular component terms only (LK elsewhere), a third with every other row
    (PK)."""
    header, *rows = new.read_text().splitlines(keepends=True)
    proteins = sorted({row.split("\t", 1)[0] for row in rows})
    rank = {accession: i for i, accession in enumerate(proteins)}
    kept = []
    for n, row in enumerate(rows):
        accession, _go_id, aspect = row.rstrip("\n").split("\t")
        group = rank[accession] % 3
        if (group == 1 and aspect == "C") or (group == 2 and n % 2 == 0):
            kept.append(row)
    out.write_text(header + "".join(kept))
    return out


def _predictions(new: Path, live: list[str]) -> bytes:
    rng = random.Random(11)
    lines = []
    for row in new.read_text().splitlines()[1:]:
        accession, go_id, _aspect = row.split("\t")
        for term in (go_id, rng.choice(live)):
            if rng.random() < 0.7:
                lines.append(f"{accession}\t{term}\t{rng.randint(1, 100) / 100:.2f}\n")
    return "".join(lines).encode()


def test_a_generated_set_and_its_run_through_http(
    client: TestClient, container: CoreContainer, loaded: Loaded, tmp_path: Path
) -> None:
    """The use cases store a set from two loaded releases and evaluate predictions against
    it; HTTP serves the set's files byte for byte as `write_evaluation_set` writes them from
    the same release files, and the run's rows and outputs as stored."""
    old_path = _t0_release(ANNOTATIONS, tmp_path / "t0.tsv")
    old_id = _annotations(container, old_path, "tsv", "reference-t0")
    uow_factory = container.evaluation_unit_of_work
    generated = generate_evaluation_set(
        uow_factory, container.clock(), old_id, loaded.reference_set_id, evidence="any"
    ).evaluation_set

    dag, resolver = term_dag_from_obo(parse_obo(read_lines(GO_SLICE), source_name(GO_SLICE)))
    old_facts, _ = read_release(old_path, resolver)
    new_facts, _ = read_release(ANNOTATIONS, resolver)
    expected = build_evaluation_set(old_facts, new_facts, dag, evidence=None, old_evidence=None)
    files = tmp_path / "files"
    written = write_evaluation_set(expected, files)
    assert len(written) == 4, "every category has targets"

    detail = client.get(f"/v1/evaluation-sets/{generated.id}").json()
    assert detail["stats"] == expected.stats()
    assert detail["target_count"] == len(expected.targets)
    base = f"/v1/evaluation-sets/{generated.id}"
    for path in written:
        url = (
            f"{base}/known-terms"
            if path.name == "known_PK.tsv"
            else (f"{base}/ground-truth/{path.stem.rsplit('_', 1)[1]}")
        )
        assert assert_download(client.get(url), path.name) == path.read_bytes(), path.name

    store = container.artifact_store()
    live = sorted(dag.namespace)
    uri = store.put_bytes("predictions/demo.tsv", _predictions(ANNOTATIONS, live))
    completed = run_cafa_evaluation(
        uow_factory, container.clock(), store, generated.id, [uri], scoring="demo", use_ia=False
    )
    (listed,) = client.get(f"{base}/runs").json()["items"]
    assert (listed["id"], listed["scoring"], listed["predictions"]) == (
        str(completed.run.id),
        "demo",
        uri,
    )
    run = client.get(f"/v1/evaluation-runs/{completed.run.id}").json()
    assert run["options"] == completed.run.options
    assert [(r["category"], r["namespace"], r["fmax"], r["smin"]) for r in run["results"]] == [
        (row.category.value, row.namespace, row.fmax, row.smin) for row in completed.rows
    ]
    assert run["artifacts"] == sorted(completed.run.artifacts)
    assert "PK/evaluation_all.tsv" in run["artifacts"]
    for name in run["artifacts"]:
        got = client.get(f"/v1/evaluation-runs/{completed.run.id}/artifacts/{name}")
        stored_bytes = store.get_bytes(store.key_for(completed.run.artifacts[name]))
        assert assert_download(got, name.replace("/", "_")) == stored_bytes


EVALUATION_READS = sorted(
    f"{route.method} {openapi_path(route.template)}" for route in evaluation.ROUTES
)


@pytest.mark.parametrize("label", EVALUATION_READS)
def test_reads_on_stored_evaluations_never_answer_500(
    app: Starlette, stored: Stored, label: str
) -> None:
    """The generic fuzz runs on empty storage; this one with stored sets and runs."""
    path_values = {"evaluation_set_id": str(stored.full.id), "run_id": str(stored.run.id)}
    fuzz_operation(app, label, path_values=path_values)
