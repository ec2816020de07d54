"""Batch children on SQLAlchemy: conditional updates make each child count once."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from protea_adapters.sqlalchemy.repository import SqlRepository
from protea_adapters.sqlalchemy.tables import batch_children, jobs
from protea_domain.jobs.batch import BatchChild, BatchCounts, ChildStatus
from protea_domain.jobs.errors import JobNotFoundError
from protea_domain.ports.batch_repository import BatchRepository


def _child(row: RowMapping) -> BatchChild:
    return BatchChild(
        row["parent_id"],
        row["child_key"],
        ChildStatus(row["status"]),
        row["attempts"],
        row["updated_at"],
        row["error"],
    )


class SqlBatchRepository(SqlRepository, BatchRepository):
    def _key(self, parent_id: UUID, child_key: str) -> Any:
        return (batch_children.c.parent_id == parent_id) & (batch_children.c.child_key == child_key)

    def start(self, parent_id: UUID, child_key: str, at: datetime) -> BatchChild:
        if self._execute(select(jobs.c.id).where(jobs.c.id == parent_id)).first() is None:
            raise JobNotFoundError(parent_id)
        bumped = self._execute(
            update(batch_children)
            .where(self._key(parent_id, child_key), batch_children.c.status == "running")
            .values(attempts=batch_children.c.attempts + 1, updated_at=at)
        )
        if bumped.rowcount == 0:  # type: ignore[attr-defined]
            try:
                with self._session.begin_nested():
                    self._session.execute(
                        insert(batch_children).values(
                            parent_id=parent_id,
                            child_key=child_key,
                            status=ChildStatus.RUNNING.value,
                            attempts=1,
                            updated_at=at,
                        )
                    )
            except IntegrityError:
                pass
        row = (
            self._execute(select(batch_children).where(self._key(parent_id, child_key)))
            .mappings()
            .one()
        )
        return _child(row)

    def finish(
        self, parent_id: UUID, child_key: str, status: ChildStatus, error: str | None, at: datetime
    ) -> bool:
        result = self._execute(
            update(batch_children)
            .where(self._key(parent_id, child_key), batch_children.c.status == "running")
            .values(status=status.value, error=error, updated_at=at)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def counts(self, parent_id: UUID) -> BatchCounts:
        rows = self._execute(
            select(batch_children.c.status, func.count())
            .where(batch_children.c.parent_id == parent_id)
            .group_by(batch_children.c.status)
        ).all()
        by_status = {status: int(count) for status, count in rows}
        return BatchCounts(
            by_status.get("succeeded", 0), by_status.get("failed", 0), by_status.get("running", 0)
        )
