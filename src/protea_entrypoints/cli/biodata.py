"""`protea ontology load`, `protea proteins load`, `protea annotations load`: submit a load
job and wait for it with a progress bar (or print its id with `--no-wait`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from protea_adapters.containers import CliContainer
from protea_domain.jobs.status import JobStatus
from protea_domain.operations.biodata.load_annotations import FORMAT_OPERATIONS
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.biodata.inputs import is_url
from protea_entrypoints.cli.exit_codes import JOB_FAILED, OK
from protea_entrypoints.cli.inline_runner import embedded_workers
from protea_entrypoints.cli.progress import wait_for


def add_parser(commands: Any) -> None:
    ontology = commands.add_parser("ontology", help="GO ontology snapshots")
    ontology_actions = ontology.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = ontology_actions.add_parser("load", help="load an OBO release (once per data-version)")
    load.add_argument("source", metavar="PATH_OR_URL")
    _common(load)
    load.set_defaults(handler=_load_ontology)

    proteins = commands.add_parser("proteins", help="proteins and sequences")
    protein_actions = proteins.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = protein_actions.add_parser("load", help="load proteins from FASTA (path or URL)")
    load.add_argument("fasta", metavar="FASTA")
    _common(load)
    load.set_defaults(handler=_load_proteins)

    annotations = commands.add_parser("annotations", help="GO annotation sets")
    annotation_actions = annotations.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = annotation_actions.add_parser("load", help="load a file into a new annotation set")
    load.add_argument("path", metavar="PATH_OR_URL")
    load.add_argument("--format", required=True, choices=sorted(FORMAT_OPERATIONS))
    load.add_argument(
        "--snapshot",
        required=True,
        metavar="DATA_VERSION",
        help="the ontology snapshot's data-version, e.g. releases/2022-07-01",
    )
    load.add_argument("--source", required=True, metavar="NAME")
    load.add_argument("--source-version", required=True, metavar="V")
    _common(load)
    load.set_defaults(handler=_load_annotations)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--description")
    parser.add_argument("--no-wait", action="store_true", help="print the job id and return")


def _location(text: str) -> str:
    """URLs as given; paths made absolute (a worker may run from another directory)."""
    return text if is_url(text) else str(Path(text).expanduser().resolve())


def _load_ontology(args: argparse.Namespace, container: CliContainer) -> int:
    payload = {"source": _location(args.source)}
    return _submit(container, "load_ontology_snapshot", payload, args)


def _load_proteins(args: argparse.Namespace, container: CliContainer) -> int:
    return _submit(container, "insert_proteins", {"fasta": _location(args.fasta)}, args)


def _load_annotations(args: argparse.Namespace, container: CliContainer) -> int:
    payload = {
        "path": _location(args.path),
        "snapshot": args.snapshot,
        "source": args.source,
        "source_version": args.source_version,
    }
    return _submit(container, FORMAT_OPERATIONS[args.format], payload, args)


def _submit(
    container: CliContainer, operation: str, payload: dict[str, Any], args: argparse.Namespace
) -> int:
    """Submit like `protea jobs submit`: print the id, then wait unless `--no-wait`; on
    success print the job's result as JSON."""
    request = job_lifecycle.SubmitJob(
        operation=operation,
        payload=payload,
        description=args.description,
        trace_headers=container.tracer().inject(),
    )
    job = job_lifecycle.submit_job(
        container.unit_of_work(), container.clock(), container.registry(), request
    )
    print(job.id)
    sys.stdout.flush()
    if args.no_wait:
        return OK
    with embedded_workers(container):
        final = wait_for(container.unit_of_work, job.id)
    if final.status is JobStatus.SUCCEEDED:
        print(json.dumps(final.result, sort_keys=True))
        return OK
    print(f"job {final.id} {final.status}: {final.error_message or ''}", file=sys.stderr)
    return JOB_FAILED
