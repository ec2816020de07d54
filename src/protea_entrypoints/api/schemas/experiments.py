"""Experiment run requests and responses."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from protea_domain.api_access.experiments import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    ExperimentRun,
    ExperimentStatus,
)
from protea_domain.api_access.use_cases.experiments import MAX_LINKED_JOBS, RunChanges
from protea_entrypoints.api.schemas.common import Strict


class RunFields(Strict):
    description: str | None = Field(default=None, max_length=MAX_TEXT_LENGTH)
    hypothesis: str | None = Field(default=None, max_length=MAX_TEXT_LENGTH)
    findings: str | None = Field(default=None, max_length=MAX_TEXT_LENGTH)
    status: ExperimentStatus | None = None
    job_ids: list[UUID] | None = Field(default=None, max_length=MAX_LINKED_JOBS)

    def changes(self, name: str | None = None) -> RunChanges:
        return RunChanges(
            name=name,
            description=self.description,
            hypothesis=self.hypothesis,
            findings=self.findings,
            status=self.status,
            job_ids=None if self.job_ids is None else tuple(self.job_ids),
        )


class CreateRunBody(RunFields):
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)


class UpdateRunBody(RunFields):
    name: str | None = Field(default=None, min_length=1, max_length=MAX_NAME_LENGTH)


class RunListQuery(Strict):
    limit: int = Field(default=50, ge=1, le=500)
    after: str | None = Field(default=None, max_length=MAX_NAME_LENGTH, description="a name")


class RunOut(BaseModel):
    id: UUID
    name: str
    status: ExperimentStatus
    description: str | None
    hypothesis: str | None
    findings: str | None
    job_ids: list[UUID]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, run: ExperimentRun) -> RunOut:
        return cls(
            id=run.id,
            name=run.name,
            status=run.status,
            description=run.description,
            hypothesis=run.hypothesis,
            findings=run.findings,
            job_ids=list(run.job_ids),
            created_at=run.created_at,
            updated_at=run.updated_at,
        )


class RunPageOut(BaseModel):
    items: list[RunOut]
    next: str | None
