"""End to end on SQLite with the in-process broker: load the demo GO slice, proteins and
annotations as jobs, embed them (kmer) as a fan-out job, predict for the queries as a fan-out
job, export CAFA, and compare with the in-memory pipeline on the same inputs."""

from __future__ import annotations

import time
import uuid
from collections.abc import Generator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.biodata_wiring import build_biodata_operations
from protea_adapters.clock import SystemClock
from protea_adapters.embedders.kmer import KmerEmbedder
from protea_adapters.embedding_wiring import build_embedding_operations, sql_embedding_uow_factory
from protea_adapters.queue.inprocess import InProcessBroker
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from protea_adapters.tracing.noop import NoopTracer
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.queues import (
    EMBEDDINGS,
    EMBEDDINGS_BATCH,
    JOBS,
    PREDICTIONS_BATCH,
)
from protea_domain.operations.registry import OperationRegistry
from protea_domain.prediction import TransferSettings, annotate, cafa_lines
from protea_domain.prediction.files import load_fasta, load_go_graph, load_reference_annotations
from protea_domain.scoring import TRANSFER
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.job_lifecycle import SubmitJob
from protea_domain.use_cases.prediction_export import export_cafa
from protea_entrypoints.cli import main as cli_main
from protea_entrypoints.demo_pipeline import DEMO_DATA, OBO
from protea_entrypoints.worker.runtime import WorkerRuntime


@dataclass(frozen=True)
class Env:
    runtime: WorkerRuntime
    session_factory: sessionmaker[Session]
    url: str


@pytest.fixture
def env(tmp_path: Path) -> Generator[Env, None, None]:
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    migrate.upgrade(url, "heads")
    engine = build_engine(url)
    factory = build_session_factory(engine)
    clock = SystemClock()
    registry = OperationRegistry(
        [*build_biodata_operations(factory, clock), *build_embedding_operations(factory, clock)]
    )
    runtime = WorkerRuntime(
        uow_factory=lambda: SqlUnitOfWork(factory),
        clock=clock,
        registry=registry,
        broker=InProcessBroker(),
        queues=[JOBS, EMBEDDINGS, EMBEDDINGS_BATCH, PREDICTIONS_BATCH],
        lease=timedelta(seconds=60),
        grace_seconds=2.0,
        tracer=NoopTracer(),
    )
    runtime.start()
    yield Env(runtime, factory, url)
    runtime.stop()
    engine.dispose()


def run(runtime: WorkerRuntime, operation: str, payload: dict[str, Any]) -> Job:
    job = job_lifecycle.submit_job(
        runtime.uow_factory(), runtime.clock, runtime.registry, SubmitJob(operation, payload)
    )
    deadline = time.monotonic() + 120
    while not (job := job_lifecycle.get_job(runtime.uow_factory(), job.id)).is_terminal:
        assert time.monotonic() < deadline, f"{operation} still {job.status}"
        time.sleep(0.05)
    assert job.status is JobStatus.SUCCEEDED, (job.error_code, job.error_message)
    return job


def test_jobs_predict_what_the_in_memory_pipeline_predicts(
    env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = env.runtime
    data = DEMO_DATA
    snapshot = run(runtime, "load_ontology_snapshot", {"source": str(data / OBO)}).result
    assert snapshot is not None
    run(runtime, "insert_proteins", {"fasta": str(data / "reference.fasta")})
    run(runtime, "insert_proteins", {"fasta": str(data / "queries.fasta")})
    loaded = run(runtime, "load_annotations", {
        "path": str(data / "reference_annotations.tsv"), "snapshot": snapshot["data_version"],
        "source": "demo", "source_version": "2014",
    }).result  # fmt: skip
    assert loaded is not None
    queries = load_fasta(data / "queries.fasta")
    references = load_fasta(data / "reference.fasta")

    embedded = run(runtime, "compute_embeddings", {"embedder": {"name": "kmer"}, "batch_size": 100})
    distinct = len({residues for _, residues in queries + references})
    assert embedded.result is not None
    assert embedded.result["children"] == -(-distinct // 100) > 1
    assert embedded.progress_current == embedded.progress_total == embedded.result["children"]
    again = run(runtime, "compute_embeddings", {"embedder": {"name": "kmer"}})
    assert again.result == {"recipe_hash": KmerEmbedder().config.content_hash, "sequences": 0}

    predicted = run(runtime, "predict_go_terms", {
        "annotation_set_id": loaded["annotation_set_id"], "queries": [q for q, _ in queries],
        "k": 5, "batch_size": 15,
    })  # fmt: skip
    assert predicted.result is not None
    assert predicted.result["children"] == 4
    set_id = predicted.id
    uow_factory = sql_embedding_uow_factory(env.session_factory)
    with uow_factory() as uow:
        record = uow.predictions.get_set(set_id)
    assert (record.status, record.batches_done, record.k, record.queries) == ("complete", 4, 5, 50)
    assert record.annotation_set_id == UUID(loaded["annotation_set_id"])
    with uow_factory() as uow:
        exported = list(export_cafa(uow, set_id))

    graph = load_go_graph(data / OBO)
    expected = annotate(
        queries, references, load_reference_annotations(data / "reference_annotations.tsv", graph),
        KmerEmbedder(), TransferSettings(k=5), TRANSFER,
    )  # fmt: skip
    assert len(exported) > 500
    assert exported == list(cafa_lines(expected.scores))
    with uow_factory() as uow:
        stored = {(p.accession, p.go_id): p for p in uow.predictions.predictions(set_id)}
    for item in expected.transfers:
        row = stored[(item.query, item.go_id)]
        assert (row.source, row.features["vote_count"], row.features["k_position"]) == (
            item.source, item.vote_count, item.k_position,
        )  # fmt: skip

    output = tmp_path / "predictions.tsv"
    monkeypatch.setenv("PROTEA_DB_URL", env.url)
    assert cli_main.main(["predictions", "export", str(set_id), "--output", str(output)]) == 0
    assert output.read_text().splitlines(keepends=True) == exported
    assert cli_main.main(["predictions", "export", str(uuid.uuid4()), "-o", str(output)]) == 3
    assert cli_main.main(["predictions", "export", "nope"]) == 2
