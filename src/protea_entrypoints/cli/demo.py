"""`protea demo`: the most complete pipeline that exists, as jobs on the embedded default.

On the bundled data (GO slice, 483 references with their 2014 annotations, 50 held-in human
queries with their 2022 experimental annotations): load the ontology, the proteins and both
annotation releases; embed every sequence (kmer); predict GO terms for the queries by
nearest-neighbour transfer; build the evaluation set (references' release -> queries' 2022
ground truth: every query is no-knowledge) and the information accretion; evaluate the
prediction set (similarity-weighted vote of the 20 nearest references, which carry every
ancestor of their terms) beside a naive frequency baseline (a CAFA file in the artifact store);
print the stored results. Every step is a job on the queue, run by workers inside this process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from protea_adapters.containers import CliContainer
from protea_domain.evaluation_sets.stored import EvaluationResultRow
from protea_domain.jobs.job import Job
from protea_domain.prediction.files import load_fasta, load_go_graph, load_reference_annotations
from protea_domain.use_cases.evaluation.prediction_inputs import SET_FILE_PREFIX
from protea_entrypoints.cli.exit_codes import INVALID_INPUT, JOB_FAILED, OK
from protea_entrypoints.cli.inline_runner import embedded_workers
from protea_entrypoints.cli.pipeline_jobs import JobFailedError, run_step
from protea_entrypoints.demo_pipeline import DEMO_DATA, DEMO_K, OBO, naive_lines

NAIVE_KEY = "demo/naive.tsv"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("demo", help="run the whole pipeline on bundled data")
    parser.add_argument("--k", type=int, default=DEMO_K, help="neighbours for GO transfer")
    parser.set_defaults(handler=_demo)


def _pipeline(container: CliContainer, k: int, tmp: Path) -> tuple[list[Job], UUID]:
    """Run every step; returns the jobs in order and the evaluation run id."""
    log = sys.stderr
    jobs: list[Job] = []

    def step(operation: str, payload: dict[str, Any]) -> dict[str, Any]:
        jobs.append(run_step(container, operation, payload, log, "protea demo"))
        return jobs[-1].result or {}

    truth = tmp / "ground_truth_2022.tsv"
    truth.write_text("accession\tgo_id\n" + (DEMO_DATA / "ground_truth.tsv").read_text())
    queries = [accession for accession, _ in load_fasta(DEMO_DATA / "queries.fasta")]
    references = [accession for accession, _ in load_fasta(DEMO_DATA / "reference.fasta")]
    graph = load_go_graph(DEMO_DATA / OBO)
    naive = naive_lines(
        load_reference_annotations(DEMO_DATA / "reference_annotations.tsv", graph), graph, queries
    )
    naive_uri = container.artifact_store().put_bytes(NAIVE_KEY, "".join(naive).encode())
    with embedded_workers(container):
        snapshot = step("load_ontology_snapshot", {"source": str(DEMO_DATA / OBO)})
        for fasta in ("reference.fasta", "queries.fasta"):
            step("insert_proteins", {"fasta": str(DEMO_DATA / fasta)})
        releases = [
            step("load_annotations", {
                "path": str(path), "snapshot": snapshot["data_version"], "source": source,
                "source_version": version,
            })["annotation_set_id"]
            for path, source, version in (
                (DEMO_DATA / "reference_annotations.tsv", "demo-references", "2014"),
                (truth, "demo-queries", "2022"),
            )
        ]  # fmt: skip
        step("compute_embeddings", {"embedder": {"name": "kmer"},
                                    "accessions": references + queries})  # fmt: skip
        step("predict_go_terms", {
            "annotation_set_id": releases[0], "queries": queries, "k": k, "scoring": "vote",
            "propagate_references": True,
        })  # fmt: skip
        prediction_set = jobs[-1].id
        evaluation_set = step("generate_evaluation_set", {
            "old_annotation_set_id": releases[0], "new_annotation_set_id": releases[1],
            "evidence": "any",
        })["evaluation_set_id"]  # fmt: skip
        ia = step("compute_information_accretion",
                  {"annotation_set_id": releases[0], "evidence": "any"})  # fmt: skip
        run = step("run_cafa_evaluation", {
            "evaluation_set_id": evaluation_set, "prediction_set_ids": [str(prediction_set)],
            "predictions": [naive_uri],
            "information_accretion_id": ia["information_accretion_id"],
        })  # fmt: skip
    return jobs, UUID(run["run_id"])


def method_of(predictions_file: str) -> str:
    return "knn_kmer" if predictions_file.startswith(SET_FILE_PREFIX) else "naive"


def results_table(rows: list[EvaluationResultRow]) -> str:
    lines = [
        f"{'method':<16}{'namespace':<22}{'Fmax':>7}{'wFmax':>7}{'Smin':>8}{'tau':>6}"
        f"{'coverage':>10}"
    ]
    for row in sorted(rows, key=lambda r: (r.namespace, method_of(r.predictions_file))):
        weighted = f"{row.weighted_fmax:>7.3f}" if row.weighted_fmax is not None else f"{'-':>7}"
        lines.append(
            f"{method_of(row.predictions_file):<16}{row.namespace:<22}{row.fmax:>7.3f}"
            f"{weighted}{row.smin:>8.3f}{row.tau:>6.2f}{row.coverage:>10.3f}"
        )
    return "\n".join(lines)


def _demo(args: argparse.Namespace, container: CliContainer) -> int:
    settings = container.settings()
    if not settings.is_embedded:
        print(
            "protea: the demo runs on the embedded default; unset PROTEA_AMQP_URL", file=sys.stderr
        )
        return INVALID_INPUT
    print(f"database: {settings.database_url}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="protea-demo-") as tmp:
        try:
            jobs, run_id = _pipeline(container, args.k, Path(tmp))
        except JobFailedError as error:
            print(f"protea demo: {error}", file=sys.stderr)
            return JOB_FAILED
    print(f"\n{len(jobs)} jobs, all succeeded, in {time.perf_counter() - started:.1f}s:")
    for job in jobs:
        took = (job.finished_at - job.created_at).total_seconds() if job.finished_at else 0.0
        progress = f"{job.progress_current}/{job.progress_total}" if job.progress_total else ""
        print(f"  {job.operation:<30}{job.status.value:<11}{took:>7.2f}s  {progress:>11}  {job.id}")
    with container.evaluation_unit_of_work() as uow:
        run = uow.evaluation.get_run(run_id)
        rows = uow.evaluation.results(run_id)
    print(
        f"\nevaluation run {run.id}: 50 held-in queries (no-knowledge), 483 references, "
        f"kmer vote of the {args.k} nearest; best F per namespace (CAFA; weighted by "
        "information accretion):"
    )
    print(results_table(rows))
    print(f"outputs: {', '.join(sorted(run.artifacts))}")
    return OK
