"""`protea demo`: the most complete pipeline that exists, end to end on the configured backend."""

from __future__ import annotations

import argparse
from typing import Any

from protea_adapters.containers import CliContainer
from protea_domain.jobs.status import JobStatus
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.cli.exit_codes import JOB_FAILED, OK
from protea_entrypoints.cli.inline_runner import embedded_workers
from protea_entrypoints.cli.jobs import print_timeline
from protea_entrypoints.cli.progress import wait_for


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("demo", help="run the demo pipeline on the embedded default")
    parser.add_argument("--sleep", type=float, default=0.5, help="seconds the ping job sleeps")
    parser.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, container: CliContainer) -> int:
    settings = container.settings()
    print(f"database: {settings.database_url}")
    job = job_lifecycle.submit_job(
        container.unit_of_work(),
        container.clock(),
        container.registry(),
        job_lifecycle.SubmitJob("ping", {"sleep_seconds": args.sleep}, description="protea demo"),
    )
    with embedded_workers(container):
        final = wait_for(container.unit_of_work, job.id)
    print_timeline(job_lifecycle.get_job_detail(container.unit_of_work(), final.id))
    return OK if final.status is JobStatus.SUCCEEDED else JOB_FAILED
