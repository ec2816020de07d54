"""`protea annotate` on storage: the same inputs run as jobs on the configured database (the
embedded SQLite default unless one is configured): load the ontology, the reference and query
proteins and the reference annotations, compute embeddings, predict; then the stored
prediction set is exported in CAFA format. Loads are idempotent, so a second run reuses what
the first stored (embeddings included). With a broker configured, the deployment's workers do
the work; otherwise workers run inside this process."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any, TextIO

from protea_adapters.containers import CliContainer
from protea_adapters.embedding_wiring import sql_embedding_uow_factory
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.job import Job
from protea_domain.operations.biodata.load_annotations import FORMAT_OPERATIONS
from protea_domain.parsing.opener import open_text
from protea_domain.prediction.files import load_fasta, load_go_graph
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.use_cases.prediction_export import export_cafa
from protea_entrypoints.cli.inline_runner import embedded_workers
from protea_entrypoints.cli.pipeline_jobs import run_step

SOURCE = "protea-annotate"


def annotation_format(path: Path) -> str:
    """`gaf` when the first non-empty line is a GAF header (`!`), else `tsv`."""
    with open_text(path) as handle:
        for line in handle:
            if line.strip():
                return "gaf" if line.startswith("!") else "tsv"
    return "tsv"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def embedder_spec(args: argparse.Namespace) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": args.embedder}
    if args.embedder == "unirep":
        spec["unirep_units"] = args.unirep_units
    if args.max_length is not None:
        spec["max_length"] = args.max_length
    if args.model is not None:
        spec["model"] = args.model
    return spec


def _run(container: CliContainer, operation: str, payload: dict[str, Any], log: TextIO) -> Job:
    return run_step(container, operation, payload, log, "protea annotate")


def _report_skipped(loaded: dict[str, Any], path: Path, log: TextIO) -> None:
    """Warn about the annotation rows the load skipped (with samples); raises
    `InvalidInputError` when none was loaded."""
    report = loaded.get("report", {})
    skipped: dict[str, int] = report.get("skipped", {})
    samples: dict[str, list[str]] = report.get("samples", {})
    details = "; ".join(
        f"{reason}: {count} (e.g. {', '.join(samples.get(reason, [])[:2])})"
        for reason, count in sorted(skipped.items())
    )
    if not loaded.get("annotations"):
        raise InvalidInputError(
            f"no annotation loaded from {path}" + (f": {details}" if details else ""),
            location="--reference-annotations",
        )
    if details:
        print(f"warning: skipped annotation rows of {path}: {details}", file=log)


def annotate_stored(args: argparse.Namespace, container: CliContainer, scoring: str) -> int:
    """Run the pipeline as jobs and write the CAFA file; returns the number of lines."""
    log = sys.stderr
    print(f"database: {container.settings().database_url}", file=log)
    queries = [accession for accession, _ in load_fasta(args.queries)]
    references = [accession for accession, _ in load_fasta(args.reference_fasta)]
    fmt = annotation_format(args.reference_annotations)
    spec = embedder_spec(args)
    with embedded_workers(container):
        snapshot = _run(container, "load_ontology_snapshot",
                        {"source": str(args.obo.resolve())}, log).result or {}  # fmt: skip
        for fasta in (args.reference_fasta, args.queries):
            _run(container, "insert_proteins", {"fasta": str(fasta.resolve())}, log)
        loaded = _run(container, FORMAT_OPERATIONS[fmt], {
            "path": str(args.reference_annotations.resolve()),
            "snapshot": snapshot["data_version"], "source": SOURCE,
            "source_version": file_digest(args.reference_annotations)[:32],
        }, log).result or {}  # fmt: skip
        _report_skipped(loaded, args.reference_annotations, log)
        _run(container, "compute_embeddings",
             {"embedder": spec, "accessions": list(dict.fromkeys(references + queries))},
             log)  # fmt: skip
        predicted = _run(container, "predict_go_terms", {
            "embedder": spec, "annotation_set_id": loaded["annotation_set_id"],
            "queries": queries, "k": args.k, "metric": args.metric, "mode": args.mode,
            "max_distance": args.max_distance, "exclude_self": not args.keep_self,
            "propagate_references": args.propagate_references,
            "evidence_filter": args.evidence, "scoring": scoring,
        }, log)  # fmt: skip
    set_id = predicted.id  # a prediction set is named after its job
    graph: GoGraph | None = load_go_graph(args.obo) if args.propagate else None
    args.output.parent.mkdir(parents=True, exist_ok=True)
    lines = 0
    with (
        sql_embedding_uow_factory(container.session_factory())() as uow,
        args.output.open("w", encoding="utf-8") as handle,
    ):
        for line in export_cafa(uow, set_id, graph=graph):
            handle.write(line)
            lines += 1
    print(f"prediction set {set_id}", file=log)
    return lines
