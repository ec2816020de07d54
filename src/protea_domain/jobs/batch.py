"""Batch children: the record of each child operation of a fan-out job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class ChildStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def is_final(self) -> bool:
        return self is not ChildStatus.RUNNING


@dataclass(frozen=True, slots=True)
class BatchChild:
    parent_id: UUID
    child_key: str
    status: ChildStatus
    attempts: int
    updated_at: datetime
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BatchCounts:
    succeeded: int
    failed: int
    running: int
