"""Job requests and responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from protea_domain.jobs.job import Job, JobComment, JobEvent
from protea_domain.jobs.query import MAX_PAGE_SIZE
from protea_domain.jobs.status import JobStatus
from protea_domain.use_cases.job_lifecycle import (
    MAX_COMMENT_LENGTH,
    MAX_TAG_LENGTH,
    MAX_TAGS,
)
from protea_entrypoints.api.schemas.common import Strict


class SubmitJobBody(Strict):
    operation: str = Field(min_length=1, max_length=128)
    payload: dict[str, Any] = Field(default_factory=dict)
    description: str | None = Field(default=None, max_length=10_000)
    tags: list[str] = Field(
        default_factory=list, max_length=MAX_TAGS, json_schema_extra={"uniqueItems": False}
    )
    parent_id: UUID | None = None
    max_attempts: int = Field(default=3, ge=1, le=100)


class JobListQuery(Strict):
    status: list[JobStatus] = Field(default_factory=list, description="repeatable")
    operation: str | None = Field(default=None, max_length=128)
    tag: str | None = Field(default=None, max_length=MAX_TAG_LENGTH)
    parent: UUID | None = None
    limit: int = Field(default=50, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = Field(default=None, max_length=512)


class CancelBody(Strict):
    reason: str | None = Field(default=None, max_length=1000)


class CommentBody(Strict):
    author: str = Field(min_length=1, max_length=255)
    body: str = Field(min_length=1, max_length=MAX_COMMENT_LENGTH)


class Progress(BaseModel):
    current: int
    total: int | None


class JobError(BaseModel):
    code: str
    message: str | None


class Lease(BaseModel):
    owner: str
    expires_at: datetime | None


class JobOut(BaseModel):
    id: UUID
    operation: str
    queue: str
    status: JobStatus
    payload: dict[str, Any]
    meta: dict[str, Any]
    result: dict[str, Any] | None
    progress: Progress
    parent_id: UUID | None
    error: JobError | None
    description: str | None
    findings: str | None
    tags: list[str]
    attempts: int
    max_attempts: int
    lease: Lease | None
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def of(cls, job: Job) -> JobOut:
        return cls(
            id=job.id,
            operation=job.operation,
            queue=job.queue,
            status=job.status,
            payload=job.payload,
            meta=job.meta,
            result=job.result,
            progress=Progress(current=job.progress_current, total=job.progress_total),
            parent_id=job.parent_id,
            error=JobError(code=job.error_code, message=job.error_message)
            if job.error_code
            else None,
            description=job.description,
            findings=job.findings,
            tags=list(job.tags),
            attempts=job.attempts,
            max_attempts=job.max_attempts,
            lease=Lease(owner=job.lease_owner, expires_at=job.lease_expires_at)
            if job.lease_owner
            else None,
            created_at=job.created_at,
            updated_at=job.updated_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )


class JobPageOut(BaseModel):
    items: list[JobOut]
    next_cursor: str | None
    next: str | None = Field(description="the URL of the next page, when there is one")


class EventOut(BaseModel):
    id: int | None
    at: datetime
    kind: str
    message: str
    fields: dict[str, Any]

    @classmethod
    def of(cls, event: JobEvent) -> EventOut:
        return cls(
            id=event.id,
            at=event.at,
            kind=event.kind.value,
            message=event.message,
            fields=event.fields,
        )


class EventListOut(BaseModel):
    items: list[EventOut]


class CommentOut(BaseModel):
    id: int | None
    at: datetime
    author: str
    body: str

    @classmethod
    def of(cls, comment: JobComment) -> CommentOut:
        return cls(id=comment.id, at=comment.at, author=comment.author, body=comment.body)


class CommentListOut(BaseModel):
    items: list[CommentOut]
