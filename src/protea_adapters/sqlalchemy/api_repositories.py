"""SQLAlchemy repositories of the API-owned records (tables in `api_tables`)."""

from __future__ import annotations

import builtins
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, delete, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy import api_tables as t
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.api_access.api_keys import ApiKey
from protea_domain.api_access.errors import (
    ApiKeyNotFoundError,
    DuplicateRecordError,
    ExperimentRunNotFoundError,
)
from protea_domain.api_access.experiments import ExperimentRun, ExperimentStatus
from protea_domain.api_access.idempotency import IdempotencyRecord
from protea_domain.api_access.ports.api_keys import ApiKeyRepository
from protea_domain.api_access.ports.experiments import ExperimentRunRepository
from protea_domain.api_access.ports.idempotency import IdempotencyRepository
from protea_domain.api_access.ports.support import SupportEntryRepository
from protea_domain.api_access.ports.visitors import VisitorHitRepository
from protea_domain.api_access.support import SupportEntry
from protea_domain.api_access.visitors import VisitorHit
from protea_domain.errors import InvalidInputError


def _names(table: Table) -> list[str]:
    return [column.name for column in table.columns]


def _insert(session: Session, statement: Any, what: str) -> Any:
    """Run an insert in a savepoint; a unique violation becomes `DuplicateRecordError`."""
    with storage_errors():
        try:
            with session.begin_nested():
                return session.execute(statement)
        except IntegrityError as exc:
            text = str(exc.orig).lower()
            if "foreign key" in text:
                raise InvalidInputError("refers to a missing job", location="job_ids") from None
            raise DuplicateRecordError(f"{what} already exists") from None


class SqlApiKeyRepository(ApiKeyRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, key: ApiKey) -> None:
        values = {f: getattr(key, f) for f in _names(t.api_keys)}
        _insert(self._session, insert(t.api_keys).values(values), "API key prefix")

    def by_prefix(self, prefix: str) -> ApiKey | None:
        with storage_errors():
            row = self._session.execute(
                select(t.api_keys).where(t.api_keys.c.prefix == prefix)
            ).first()
        return ApiKey(**row._mapping) if row else None

    def list(self) -> builtins.list[ApiKey]:
        with storage_errors():
            rows = self._session.execute(
                select(t.api_keys).order_by(t.api_keys.c.created_at, t.api_keys.c.id)
            )
            return [ApiKey(**row._mapping) for row in rows]

    def revoke(self, prefix: str, at: datetime) -> ApiKey:
        c = t.api_keys.c
        with storage_errors():
            self._session.execute(
                update(t.api_keys)
                .where(c.prefix == prefix, c.revoked_at.is_(None))
                .values(revoked_at=at)
            )
        key = self.by_prefix(prefix)
        if key is None:
            raise ApiKeyNotFoundError(prefix)
        return key

    def touch(self, prefix: str, at: datetime) -> None:
        with storage_errors():
            self._session.execute(
                update(t.api_keys).where(t.api_keys.c.prefix == prefix).values(last_used_at=at)
            )


class SqlIdempotencyRepository(IdempotencyRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def _where(self, principal: str, key: str) -> Any:
        c = t.idempotency_keys.c
        return (c.principal == principal) & (c.key == key)

    def reserve(self, record: IdempotencyRecord) -> None:
        values = {f: getattr(record, f) for f in _names(t.idempotency_keys)}
        _insert(self._session, insert(t.idempotency_keys).values(values), "idempotency key")

    def get(self, principal: str, key: str) -> IdempotencyRecord | None:
        with storage_errors():
            row = self._session.execute(
                select(t.idempotency_keys).where(self._where(principal, key))
            ).first()
        return IdempotencyRecord(**row._mapping) if row else None

    def complete(self, principal: str, key: str, resource_id: UUID) -> None:
        with storage_errors():
            self._session.execute(
                update(t.idempotency_keys)
                .where(self._where(principal, key))
                .values(resource_id=resource_id)
            )

    def release(self, principal: str, key: str) -> None:
        with storage_errors():
            self._session.execute(delete(t.idempotency_keys).where(self._where(principal, key)))

    def drop_expired(self, principal: str, key: str, before: datetime) -> bool:
        c = t.idempotency_keys.c
        statement = delete(t.idempotency_keys).where(
            self._where(principal, key), c.created_at < before
        )
        with storage_errors():
            result = self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def purge_expired(self, before: datetime, limit: int) -> int:
        if limit <= 0:
            return 0
        c = t.idempotency_keys.c
        oldest = (
            select(c.principal, c.key)
            .where(c.created_at < before)
            .order_by(c.created_at, c.principal, c.key)
            .limit(limit)
        )
        statement = delete(t.idempotency_keys).where(tuple_(c.principal, c.key).in_(oldest))
        with storage_errors():
            result = self._session.execute(statement)
        return int(result.rowcount)  # type: ignore[attr-defined]


class SqlExperimentRunRepository(ExperimentRunRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def _values(self, run: ExperimentRun) -> dict[str, Any]:
        values = {f: getattr(run, f) for f in _names(t.experiment_runs)}
        values["status"] = run.status.value
        return values

    def _link(self, run: ExperimentRun) -> None:
        if run.job_ids:
            rows = [
                {"run_id": run.id, "job_id": job_id, "position": n}
                for n, job_id in enumerate(run.job_ids)
            ]
            _insert(self._session, insert(t.experiment_run_jobs).values(rows), "job link")

    def add(self, run: ExperimentRun) -> None:
        _insert(self._session, insert(t.experiment_runs).values(self._values(run)), "name")
        self._link(run)

    def _load(self, rows: Any) -> builtins.list[ExperimentRun]:
        runs = [dict(row._mapping) for row in rows]
        if not runs:
            return []
        links = t.experiment_run_jobs.c
        jobs: dict[UUID, builtins.list[UUID]] = {run["id"]: [] for run in runs}
        with storage_errors():
            for link in self._session.execute(
                select(links.run_id, links.job_id)
                .where(links.run_id.in_(list(jobs)))
                .order_by(links.run_id, links.position)
            ):
                jobs[link.run_id].append(link.job_id)
        return [
            ExperimentRun(
                **{**run, "status": ExperimentStatus(run["status"])},
                job_ids=tuple(jobs[run["id"]]),
            )
            for run in runs
        ]

    def get(self, run_id: UUID) -> ExperimentRun:
        with storage_errors():
            rows = self._session.execute(
                select(t.experiment_runs).where(t.experiment_runs.c.id == run_id)
            ).all()
        runs = self._load(rows)
        if not runs:
            raise ExperimentRunNotFoundError(str(run_id))
        return runs[0]

    def update(self, run: ExperimentRun) -> None:
        c = t.experiment_runs.c
        with storage_errors():
            try:
                with self._session.begin_nested():
                    result = self._session.execute(
                        update(t.experiment_runs).where(c.id == run.id).values(self._values(run))
                    )
            except IntegrityError:
                raise DuplicateRecordError("name already exists") from None
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise ExperimentRunNotFoundError(str(run.id))
            self._session.execute(
                delete(t.experiment_run_jobs).where(t.experiment_run_jobs.c.run_id == run.id)
            )
        self._link(run)

    def list(self, limit: int, after_name: str | None = None) -> builtins.list[ExperimentRun]:
        c = t.experiment_runs.c
        query = select(t.experiment_runs).order_by(c.name).limit(limit)
        if after_name is not None:
            query = query.where(c.name > after_name)
        with storage_errors():
            rows = self._session.execute(query).all()
        return self._load(rows)


class SqlSupportEntryRepository(SupportEntryRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: SupportEntry) -> SupportEntry:
        with storage_errors():
            result = self._session.execute(
                insert(t.support_entries)
                .values(at=entry.at, comment=entry.comment)
                .returning(t.support_entries.c.id)
            )
            return SupportEntry(entry.at, entry.comment, int(result.scalar_one()))

    def count(self) -> int:
        with storage_errors():
            return int(
                self._session.execute(
                    select(func.count()).select_from(t.support_entries)
                ).scalar_one()
            )

    def latest(self, limit: int) -> builtins.list[SupportEntry]:
        c = t.support_entries.c
        with storage_errors():
            rows = self._session.execute(
                select(c.at, c.comment, c.id).order_by(c.id.desc()).limit(limit)
            )
            return [SupportEntry(row.at, row.comment, row.id) for row in rows]


class SqlVisitorHitRepository(VisitorHitRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, hit: VisitorHit) -> None:
        values = {"day": hit.day, "visitor": hit.visitor, "path": hit.path, "at": hit.at}
        with storage_errors():
            self._session.execute(insert(t.visitor_hits).values(values))

    def daily(self, since: date) -> builtins.list[tuple[date, int, int]]:
        c = t.visitor_hits.c
        query = (
            select(c.day, func.count(), func.count(c.visitor.distinct()))
            .where(c.day >= since)
            .group_by(c.day)
            .order_by(c.day)
        )
        with storage_errors():
            return [(row[0], int(row[1]), int(row[2])) for row in self._session.execute(query)]
