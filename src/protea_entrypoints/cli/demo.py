"""`protea demo`: the most complete pipeline that exists, as jobs on the embedded default."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from protea_adapters.containers import CliContainer
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.cli.exit_codes import INVALID_INPUT, JOB_FAILED, OK
from protea_entrypoints.cli.inline_runner import embedded_workers
from protea_entrypoints.cli.jobs import print_timeline
from protea_entrypoints.cli.progress import wait_for
from protea_entrypoints.demo_operation import AnnotationDemoOperation
from protea_entrypoints.demo_pipeline import DemoResult, FmaxRow


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("demo", help="run the demo pipeline on the embedded default")
    parser.add_argument("--sleep", type=float, default=0.5, help="seconds the ping job sleeps")
    parser.add_argument("--k", type=int, default=5, help="neighbours for GO transfer")
    parser.set_defaults(handler=_demo)


def _submit(container: CliContainer, operation: str, payload: dict[str, Any]) -> Job:
    return job_lifecycle.submit_job(
        container.unit_of_work(),
        container.clock(),
        container.registry(),
        job_lifecycle.SubmitJob(operation, payload, description="protea demo"),
    )


def _demo(args: argparse.Namespace, container: CliContainer) -> int:
    settings = container.settings()
    if not settings.is_embedded:
        print(
            "protea: the demo runs on the embedded default; unset PROTEA_AMQP_URL", file=sys.stderr
        )
        return INVALID_INPUT
    print(f"database: {settings.database_url}")
    registry = container.registry()
    if "annotation_demo" not in registry.names():
        registry.register(AnnotationDemoOperation())
    ping = _submit(container, "ping", {"sleep_seconds": args.sleep})
    annotate = _submit(container, "annotation_demo", {"k": args.k})
    with embedded_workers(container):
        finished = [wait_for(container.unit_of_work, job.id) for job in (ping, annotate)]
    for job in finished:
        print_timeline(job_lifecycle.get_job_detail(container.unit_of_work(), job.id))
    outcome = finished[1]
    if outcome.status is JobStatus.SUCCEEDED and outcome.result is not None:
        result = outcome.result
        rows = tuple(FmaxRow(**row) for row in result["rows"])
        demo = DemoResult(result["queries"], result["references"], result["predictions"], rows)
        print(
            f"\n{demo.queries} held-in queries, {demo.references} references, "
            f"{demo.predictions} kmer KNN predictions; best F per namespace (CAFA):"
        )
        print(demo.table())
    return OK if all(job.status is JobStatus.SUCCEEDED for job in finished) else JOB_FAILED
