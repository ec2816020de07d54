"""Creating, reading, updating and listing experiment runs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID, uuid4

from protea_domain.api_access.errors import DuplicateExperimentNameError, DuplicateRecordError
from protea_domain.api_access.experiments import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    ExperimentRun,
    ExperimentStatus,
)
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.errors import JobNotFoundError
from protea_domain.ports.clock import Clock
from protea_domain.ports.unit_of_work import UnitOfWorkFactory

MAX_LINKED_JOBS = 1000


@dataclass(frozen=True, slots=True)
class RunChanges:
    """Fields to change; None leaves a field as it is (use "" to clear a text)."""

    name: str | None = None
    description: str | None = None
    hypothesis: str | None = None
    findings: str | None = None
    status: ExperimentStatus | None = None
    job_ids: tuple[UUID, ...] | None = None


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidInputError(f"must be 1-{MAX_NAME_LENGTH} characters", location="name")
    return name


def _text(location: str, value: str | None) -> str | None:
    if value is not None and len(value) > MAX_TEXT_LENGTH:
        raise InvalidInputError(f"at most {MAX_TEXT_LENGTH} characters", location=location)
    return value or None


def _jobs(jobs_uow: UnitOfWorkFactory, job_ids: tuple[UUID, ...]) -> tuple[UUID, ...]:
    unique = tuple(dict.fromkeys(job_ids))
    if len(unique) > MAX_LINKED_JOBS:
        raise InvalidInputError(f"at most {MAX_LINKED_JOBS} jobs", location="job_ids")
    with jobs_uow() as uow:
        for job_id in unique:
            try:
                uow.jobs.get(job_id)
            except JobNotFoundError:
                raise InvalidInputError(f"job {job_id} not found", location="job_ids") from None
    return unique


def create_run(
    uow: ApiUnitOfWork, jobs_uow: UnitOfWorkFactory, clock: Clock, name: str, changes: RunChanges
) -> ExperimentRun:
    """A new run (status `planned` unless given). Raises `DuplicateExperimentNameError`."""
    now = clock.now()
    run = ExperimentRun(
        id=uuid4(),
        name=_name(name),
        status=changes.status or ExperimentStatus.PLANNED,
        created_at=now,
        updated_at=now,
        description=_text("description", changes.description),
        hypothesis=_text("hypothesis", changes.hypothesis),
        findings=_text("findings", changes.findings),
        job_ids=_jobs(jobs_uow, changes.job_ids or ()),
    )
    with uow:
        try:
            uow.experiments.add(run)
            uow.commit()
        except DuplicateRecordError:
            raise DuplicateExperimentNameError(run.name) from None
    return run


def update_run(
    uow: ApiUnitOfWork,
    jobs_uow: UnitOfWorkFactory,
    clock: Clock,
    run_id: UUID,
    changes: RunChanges,
) -> ExperimentRun:
    """Apply `changes`. Raises `ExperimentRunNotFoundError`, `DuplicateExperimentNameError`."""
    job_ids = None if changes.job_ids is None else _jobs(jobs_uow, changes.job_ids)
    with uow:
        run = uow.experiments.get(run_id)
        updated = replace(
            run,
            name=run.name if changes.name is None else _name(changes.name),
            description=run.description
            if changes.description is None
            else _text("description", changes.description),
            hypothesis=run.hypothesis
            if changes.hypothesis is None
            else _text("hypothesis", changes.hypothesis),
            findings=run.findings
            if changes.findings is None
            else _text("findings", changes.findings),
            status=changes.status or run.status,
            job_ids=run.job_ids if job_ids is None else job_ids,
            updated_at=clock.now(),
        )
        try:
            uow.experiments.update(updated)
            uow.commit()
        except DuplicateRecordError:
            raise DuplicateExperimentNameError(updated.name) from None
    return updated


def get_run(uow: ApiUnitOfWork, run_id: UUID) -> ExperimentRun:
    with uow:
        return uow.experiments.get(run_id)


def list_runs(uow: ApiUnitOfWork, limit: int, after_name: str | None) -> list[ExperimentRun]:
    with uow:
        return uow.experiments.list(limit, after_name)
