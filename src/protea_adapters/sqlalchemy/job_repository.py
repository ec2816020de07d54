"""Job repository on SQLAlchemy Core statements; identical code for PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, and_, delete, exists, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from protea_adapters.sqlalchemy.repository import SqlRepository
from protea_adapters.sqlalchemy.tables import job_comments, job_events, jobs
from protea_adapters.sqlalchemy.types import TagsContain
from protea_domain.errors import ConflictError
from protea_domain.jobs.errors import IllegalTransitionError, JobNotFoundError
from protea_domain.jobs.job import Job, JobComment, JobEvent, JobEventKind
from protea_domain.jobs.moves import JobMove
from protea_domain.jobs.query import JobCursor, JobPage, JobQuery
from protea_domain.jobs.status import TERMINAL_STATUSES, JobStatus
from protea_domain.ports.job_repository import JobRepository


def _job_from_row(row: RowMapping) -> Job:
    return Job(
        id=row["id"],
        operation=row["operation"],
        queue=row["queue"],
        status=JobStatus(row["status"]),
        payload=row["payload"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        meta=row["meta"],
        result=row["result"],
        progress_current=row["progress_current"],
        progress_total=row["progress_total"],
        parent_id=row["parent_id"],
        error_code=row["error_code"],
        error_message=row["error_message"],
        description=row["description"],
        findings=row["findings"],
        tags=tuple(row["tags"]),
        attempts=row["attempts"],
        max_attempts=row["max_attempts"],
        lease_owner=row["lease_owner"],
        lease_expires_at=row["lease_expires_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


def _job_values(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "operation": job.operation,
        "queue": job.queue,
        "status": job.status.value,
        "payload": job.payload,
        "meta": job.meta,
        "result": job.result,
        "progress_current": job.progress_current,
        "progress_total": job.progress_total,
        "parent_id": job.parent_id,
        "error_code": job.error_code,
        "error_message": job.error_message,
        "description": job.description,
        "findings": job.findings,
        "tags": list(job.tags),
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "lease_owner": job.lease_owner,
        "lease_expires_at": job.lease_expires_at,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


class SqlJobRepository(SqlRepository, JobRepository):
    def _require(self, job_id: UUID) -> None:
        if not self._execute(select(exists().where(jobs.c.id == job_id))).scalar():
            raise JobNotFoundError(job_id)

    def add(self, job: Job) -> None:
        if job.parent_id is not None:
            self._require(job.parent_id)
        try:
            with self._session.begin_nested():
                self._session.execute(insert(jobs).values(_job_values(job)))
        except IntegrityError as exc:
            raise ConflictError(f"job {job.id} already exists") from exc

    def get(self, job_id: UUID) -> Job:
        row = self._execute(select(jobs).where(jobs.c.id == job_id)).mappings().first()
        if row is None:
            raise JobNotFoundError(job_id)
        return _job_from_row(row)

    def find(self, query: JobQuery) -> JobPage:
        statement = select(jobs)
        if query.statuses:
            statement = statement.where(jobs.c.status.in_(sorted(query.statuses)))
        if query.operation is not None:
            statement = statement.where(jobs.c.operation == query.operation)
        if query.parent_id is not None:
            statement = statement.where(jobs.c.parent_id == query.parent_id)
        if query.tag is not None:
            statement = statement.where(TagsContain(jobs.c.tags, query.tag))
        if query.cursor is not None:
            at, job_id = query.cursor.created_at, query.cursor.job_id
            statement = statement.where(
                or_(jobs.c.created_at < at, and_(jobs.c.created_at == at, jobs.c.id < job_id))
            )
        statement = statement.order_by(jobs.c.created_at.desc(), jobs.c.id.desc())
        rows = self._execute(statement.limit(query.limit + 1)).mappings().all()
        page = [_job_from_row(row) for row in rows[: query.limit]]
        more = len(rows) > query.limit
        return JobPage(tuple(page), JobCursor.after(page[-1]).encode() if more else None)

    def children(self, parent_id: UUID) -> list[Job]:
        statement = (
            select(jobs).where(jobs.c.parent_id == parent_id).order_by(jobs.c.created_at, jobs.c.id)
        )
        return [_job_from_row(row) for row in self._execute(statement).mappings()]

    def move(self, job_id: UUID, move: JobMove) -> Job:
        values: dict[str, Any] = dict(move.updates)
        values["status"] = move.target.value
        values["updated_at"] = move.at
        if move.increment_attempts:
            values["attempts"] = jobs.c.attempts + 1
        conditions = [jobs.c.id == job_id, jobs.c.status.in_(sorted(move.allowed_from))]
        if move.expected_owner is not None:
            conditions.append(jobs.c.lease_owner == move.expected_owner)
        if move.lease_expired_before is not None:
            conditions.append(jobs.c.lease_expires_at < move.lease_expired_before)
        statement = update(jobs).where(*conditions).values(values).returning(*jobs.c)
        row = self._execute(statement).mappings().first()
        if row is None:
            raise IllegalTransitionError(job_id, self.get(job_id).status, move.target)
        return _job_from_row(row)

    def delete_finished(self, job_id: UUID) -> bool:
        self._require(job_id)
        terminal = sorted(status.value for status in TERMINAL_STATUSES)
        result = self._execute(delete(jobs).where(jobs.c.id == job_id, jobs.c.status.in_(terminal)))
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def set_progress(self, job_id: UUID, current: int, total: int | None, at: datetime) -> Job:
        row = (
            self._execute(
                update(jobs)
                .where(jobs.c.id == job_id, jobs.c.status == JobStatus.RUNNING.value)
                .values(progress_current=current, progress_total=total, updated_at=at)
                .returning(*jobs.c)
            )
            .mappings()
            .first()
        )
        return _job_from_row(row) if row is not None else self.get(job_id)

    def add_progress(self, job_id: UUID, increment: int, at: datetime) -> Job:
        row = (
            self._execute(
                update(jobs)
                .where(jobs.c.id == job_id, jobs.c.status == JobStatus.RUNNING.value)
                .values(progress_current=jobs.c.progress_current + increment, updated_at=at)
                .returning(*jobs.c)
            )
            .mappings()
            .first()
        )
        return _job_from_row(row) if row is not None else self.get(job_id)

    def extend_lease(self, job_id: UUID, worker: str, until: datetime) -> bool:
        self._require(job_id)
        result = self._execute(
            update(jobs)
            .where(
                jobs.c.id == job_id,
                jobs.c.status == JobStatus.RUNNING.value,
                jobs.c.lease_owner == worker,
            )
            .values(lease_expires_at=until)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def release_lease(self, job_id: UUID) -> None:
        self._require(job_id)
        self._execute(
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.status == JobStatus.RUNNING.value)
            .values(lease_owner=None, lease_expires_at=None)
        )

    def expired_leases(self, now: datetime, limit: int) -> list[Job]:
        statement = (
            select(jobs)
            .where(jobs.c.status == JobStatus.RUNNING.value, jobs.c.lease_expires_at < now)
            .order_by(jobs.c.lease_expires_at, jobs.c.id)
            .limit(limit)
        )
        return [_job_from_row(row) for row in self._execute(statement).mappings()]

    def append_event(self, event: JobEvent) -> JobEvent:
        self._require(event.job_id)
        event_id = self._execute(
            insert(job_events)
            .values(
                job_id=event.job_id,
                at=event.at,
                kind=event.kind.value,
                message=event.message,
                fields=event.fields,
            )
            .returning(job_events.c.id)
        ).scalar_one()
        return JobEvent(event.job_id, event.at, event.kind, event.message, event.fields, event_id)

    def events(self, job_id: UUID) -> list[JobEvent]:
        self._require(job_id)
        rows = self._execute(
            select(job_events).where(job_events.c.job_id == job_id).order_by(job_events.c.id)
        ).mappings()
        return [
            JobEvent(
                row["job_id"],
                row["at"],
                JobEventKind(row["kind"]),
                row["message"],
                row["fields"],
                row["id"],
            )
            for row in rows
        ]

    def add_comment(self, comment: JobComment) -> JobComment:
        self._require(comment.job_id)
        comment_id = self._execute(
            insert(job_comments)
            .values(job_id=comment.job_id, at=comment.at, author=comment.author, body=comment.body)
            .returning(job_comments.c.id)
        ).scalar_one()
        return JobComment(comment.job_id, comment.at, comment.author, comment.body, comment_id)

    def comments(self, job_id: UUID) -> list[JobComment]:
        self._require(job_id)
        rows = self._execute(
            select(job_comments).where(job_comments.c.job_id == job_id).order_by(job_comments.c.id)
        ).mappings()
        return [
            JobComment(row["job_id"], row["at"], row["author"], row["body"], row["id"])
            for row in rows
        ]
