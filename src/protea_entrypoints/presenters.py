"""Domain objects as JSON-ready dictionaries (CLI `--json`, later the HTTP API)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from protea_domain.jobs.job import Job, JobComment, JobEvent
from protea_domain.use_cases.job_lifecycle import JobDetail


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def job_json(job: Job) -> dict[str, Any]:
    return {
        "id": str(job.id),
        "operation": job.operation,
        "queue": job.queue,
        "status": job.status.value,
        "payload": job.payload,
        "meta": job.meta,
        "result": job.result,
        "progress": {"current": job.progress_current, "total": job.progress_total},
        "parent_id": str(job.parent_id) if job.parent_id else None,
        "error": {"code": job.error_code, "message": job.error_message} if job.error_code else None,
        "description": job.description,
        "findings": job.findings,
        "tags": list(job.tags),
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "lease": {"owner": job.lease_owner, "expires_at": _time(job.lease_expires_at)}
        if job.lease_owner
        else None,
        "created_at": _time(job.created_at),
        "updated_at": _time(job.updated_at),
        "started_at": _time(job.started_at),
        "finished_at": _time(job.finished_at),
    }


def event_json(event: JobEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": _time(event.at),
        "kind": event.kind.value,
        "message": event.message,
        "fields": event.fields,
    }


def comment_json(comment: JobComment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "at": _time(comment.at),
        "author": comment.author,
        "body": comment.body,
    }


def job_detail_json(detail: JobDetail) -> dict[str, Any]:
    return {
        **job_json(detail.job),
        "events": [event_json(event) for event in detail.events],
        "comments": [comment_json(comment) for comment in detail.comments],
        "children": [str(child.id) for child in detail.children],
    }
