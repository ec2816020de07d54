"""Filters and keyset pagination for job listings (newest first, stable under equal times)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus

MAX_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class JobCursor:
    """Position after the last job of a page: jobs strictly older in (created_at, id) order."""

    created_at: datetime
    job_id: UUID

    def encode(self) -> str:
        raw = f"{self.created_at.isoformat()}|{self.job_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> JobCursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            created, job_id = raw.split("|")
            at = datetime.fromisoformat(created)
            if at.tzinfo is None:
                raise ValueError("naive timestamp")
            return cls(at, UUID(job_id))
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"malformed cursor {token!r}", location="cursor") from exc

    @classmethod
    def after(cls, job: Job) -> JobCursor:
        return cls(job.created_at, job.id)


@dataclass(frozen=True, slots=True)
class JobQuery:
    statuses: frozenset[JobStatus] = frozenset()
    operation: str | None = None
    parent_id: UUID | None = None
    tag: str | None = None
    limit: int = 50
    cursor: JobCursor | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise InvalidInputError(f"must be between 1 and {MAX_PAGE_SIZE}", location="limit")

    def matches(self, job: Job) -> bool:
        """The filter as a predicate: the reference semantics every adapter must reproduce."""
        return (
            (not self.statuses or job.status in self.statuses)
            and (self.operation is None or job.operation == self.operation)
            and (self.parent_id is None or job.parent_id == self.parent_id)
            and (self.tag is None or self.tag in job.tags)
            and (
                self.cursor is None
                or (job.created_at, job.id.hex) < (self.cursor.created_at, self.cursor.job_id.hex)
            )
        )


@dataclass(frozen=True, slots=True)
class JobPage:
    items: tuple[Job, ...]
    next_cursor: str | None
