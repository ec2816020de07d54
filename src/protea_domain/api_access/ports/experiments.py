"""Experiment run repository port."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from protea_domain.api_access.experiments import ExperimentRun


class ExperimentRunRepository(Protocol):
    """Experiment runs and their linked jobs, inside a unit of work (transactional)."""

    def add(self, run: ExperimentRun) -> None:
        """Store a new run with its job links. Raises `DuplicateRecordError` when the name is
        taken; a linked job that does not exist raises `InvalidInputError`."""
        ...

    def get(self, run_id: UUID) -> ExperimentRun:
        """The run with its job ids in link order. Raises `ExperimentRunNotFoundError`."""
        ...

    def update(self, run: ExperimentRun) -> None:
        """Replace the run's fields and job links (by id). Raises `ExperimentRunNotFoundError`,
        `DuplicateRecordError` (name taken) or `InvalidInputError` (unknown job)."""
        ...

    def list(self, limit: int, after_name: str | None = None) -> list[ExperimentRun]:
        """Runs ordered by name, strictly after `after_name` when given, at most `limit`."""
        ...
