"""Running a pipeline step as a job from the CLI: submit, wait (drawing progress), and stop
the pipeline when it does not succeed."""

from __future__ import annotations

from typing import Any, TextIO

from protea_adapters.containers import CliContainer
from protea_domain.errors import DomainError
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.cli.progress import wait_for


class JobFailedError(DomainError):
    """A pipeline job did not succeed (its error is in the message)."""


def run_step(
    container: CliContainer,
    operation: str,
    payload: dict[str, Any],
    log: TextIO,
    description: str,
) -> Job:
    """Submit the job, wait for it and return it once it succeeded; raises `JobFailedError`
    naming the job and its error otherwise (and the submit's `InvalidInputError` for a payload
    the operation refuses)."""
    job = job_lifecycle.submit_job(
        container.unit_of_work(), container.clock(), container.registry(),
        job_lifecycle.SubmitJob(operation, payload, description=description),
    )  # fmt: skip
    print(f"{operation} (job {job.id})", file=log)
    finished = wait_for(container.unit_of_work, job.id, stream=log)
    if finished.status is not JobStatus.SUCCEEDED:
        raise JobFailedError(
            f"{operation} job {job.id} {finished.status}: "
            f"{finished.error_code}: {finished.error_message}"
        )
    return finished
