"""In-memory job repository over a `MemoryStore`."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from uuid import UUID

from protea_adapters.memory.store import MemoryStore
from protea_domain.errors import ConflictError
from protea_domain.jobs.errors import IllegalTransitionError, JobNotFoundError
from protea_domain.jobs.job import Job, JobComment, JobEvent
from protea_domain.jobs.moves import JobMove
from protea_domain.jobs.query import JobCursor, JobPage, JobQuery
from protea_domain.jobs.status import JobStatus
from protea_domain.ports.job_repository import JobRepository


def _guards_hold(job: Job, move: JobMove) -> bool:
    if job.status not in move.allowed_from:
        return False
    if move.expected_owner is not None and job.lease_owner != move.expected_owner:
        return False
    if move.lease_expired_before is not None:
        expires = job.lease_expires_at
        return expires is not None and expires < move.lease_expired_before
    return True


class MemoryJobRepository(JobRepository):
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    def add(self, job: Job) -> None:
        if job.id in self._store.jobs:
            raise ConflictError(f"job {job.id} already exists")
        if job.parent_id is not None and job.parent_id not in self._store.jobs:
            raise JobNotFoundError(job.parent_id)
        self._store.jobs[job.id] = job

    def get(self, job_id: UUID) -> Job:
        try:
            return self._store.jobs[job_id]
        except KeyError:
            raise JobNotFoundError(job_id) from None

    def find(self, query: JobQuery) -> JobPage:
        matching = sorted(
            (job for job in self._store.jobs.values() if query.matches(job)),
            key=lambda job: (job.created_at, job.id.hex),
            reverse=True,
        )
        page = matching[: query.limit]
        more = len(matching) > query.limit
        cursor = JobCursor.after(page[-1]).encode() if more else None
        return JobPage(tuple(page), cursor)

    def children(self, parent_id: UUID) -> list[Job]:
        return sorted(
            (job for job in self._store.jobs.values() if job.parent_id == parent_id),
            key=lambda job: (job.created_at, job.id.hex),
        )

    def move(self, job_id: UUID, move: JobMove) -> Job:
        job = self.get(job_id)
        if not _guards_hold(job, move):
            raise IllegalTransitionError(job_id, job.status, move.target)
        updates = dict(move.updates)
        moved = dataclasses.replace(
            job,
            status=move.target,
            updated_at=move.at,
            attempts=job.attempts + (1 if move.increment_attempts else 0),
            **updates,
        )
        self._store.jobs[job_id] = moved
        return moved

    def delete_finished(self, job_id: UUID) -> bool:
        if not self.get(job_id).is_terminal:
            return False
        doomed = {job_id}
        frontier = [job_id]
        while frontier:
            parent = frontier.pop()
            children = [j.id for j in self._store.jobs.values() if j.parent_id == parent]
            doomed.update(children)
            frontier.extend(children)
        for doomed_id in doomed:
            del self._store.jobs[doomed_id]
        self._store.events[:] = [e for e in self._store.events if e.job_id not in doomed]
        self._store.comments[:] = [c for c in self._store.comments if c.job_id not in doomed]
        for key in [key for key in self._store.batches if key[0] in doomed]:
            del self._store.batches[key]
        return True

    def set_progress(self, job_id: UUID, current: int, total: int | None, at: datetime) -> Job:
        job = self.get(job_id)
        if job.status is JobStatus.RUNNING:
            job = dataclasses.replace(
                job, progress_current=current, progress_total=total, updated_at=at
            )
            self._store.jobs[job_id] = job
        return job

    def add_progress(self, job_id: UUID, increment: int, at: datetime) -> Job:
        job = self.get(job_id)
        if job.status is JobStatus.RUNNING:
            job = dataclasses.replace(
                job, progress_current=job.progress_current + increment, updated_at=at
            )
            self._store.jobs[job_id] = job
        return job

    def extend_lease(self, job_id: UUID, worker: str, until: datetime) -> bool:
        job = self.get(job_id)
        if job.status is not JobStatus.RUNNING or job.lease_owner != worker:
            return False
        self._store.jobs[job_id] = dataclasses.replace(job, lease_expires_at=until)
        return True

    def release_lease(self, job_id: UUID) -> None:
        job = self.get(job_id)
        if job.status is JobStatus.RUNNING:
            self._store.jobs[job_id] = dataclasses.replace(
                job, lease_owner=None, lease_expires_at=None
            )

    def expired_leases(self, now: datetime, limit: int) -> list[Job]:
        expired = [
            job
            for job in self._store.jobs.values()
            if job.status is JobStatus.RUNNING
            and job.lease_expires_at is not None
            and job.lease_expires_at < now
        ]
        return sorted(expired, key=lambda job: (job.lease_expires_at, job.id.hex))[:limit]

    def append_event(self, event: JobEvent) -> JobEvent:
        self.get(event.job_id)
        stored = dataclasses.replace(event, id=self._store.next_id())
        self._store.events.append(stored)
        return stored

    def events(self, job_id: UUID) -> list[JobEvent]:
        self.get(job_id)
        return [event for event in self._store.events if event.job_id == job_id]

    def add_comment(self, comment: JobComment) -> JobComment:
        self.get(comment.job_id)
        stored = dataclasses.replace(comment, id=self._store.next_id())
        self._store.comments.append(stored)
        return stored

    def comments(self, job_id: UUID) -> list[JobComment]:
        self.get(job_id)
        return [comment for comment in self._store.comments if comment.job_id == job_id]
