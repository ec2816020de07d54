"""Experiment runs: a named, documented line of work linking the jobs that served it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 20_000


class ExperimentStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class ExperimentRun:
    id: UUID
    name: str
    status: ExperimentStatus
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    hypothesis: str | None = None
    findings: str | None = None
    job_ids: tuple[UUID, ...] = ()
