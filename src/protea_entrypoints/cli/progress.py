"""Waiting for a job with a one-line progress display on stderr."""

from __future__ import annotations

import sys
import time
from typing import TextIO
from uuid import UUID

from protea_domain.jobs.job import Job
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases.job_lifecycle import get_job

BAR_WIDTH = 30


def render_progress(job: Job) -> str:
    total = job.progress_total
    if total:
        filled = min(BAR_WIDTH, BAR_WIDTH * job.progress_current // total)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return f"[{bar}] {job.progress_current}/{total} {job.status}"
    return f"[{'.' * BAR_WIDTH}] {job.status}"


def wait_for(
    uow_factory: UnitOfWorkFactory,
    job_id: UUID,
    *,
    poll_seconds: float = 0.1,
    stream: TextIO = sys.stderr,
) -> Job:
    """Poll until the job is terminal, redrawing its progress line when it changes."""
    interactive = stream.isatty()
    last = ""
    while True:
        job = get_job(uow_factory(), job_id)
        line = render_progress(job)
        if line != last:
            stream.write(("\r" + line) if interactive else (line + "\n"))
            stream.flush()
            last = line
        if job.is_terminal:
            if interactive:
                stream.write("\n")
            return job
        time.sleep(poll_seconds)
