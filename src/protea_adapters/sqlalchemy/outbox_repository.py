"""Outbox repository on SQLAlchemy; concurrent relays take disjoint rows (SKIP LOCKED)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import RowMapping, func, insert, select, update

from protea_adapters.sqlalchemy.repository import SqlRepository
from protea_adapters.sqlalchemy.tables import outbox
from protea_domain.messaging.message import Message
from protea_domain.messaging.outbox import OutboxEntry
from protea_domain.ports.outbox_repository import OutboxRepository


def _entry(row: RowMapping) -> OutboxEntry:
    return OutboxEntry(
        Message(row["queue"], row["body"], row["message_id"], row["headers"]),
        created_at=row["created_at"],
        available_at=row["available_at"],
        id=row["id"],
        sent_at=row["sent_at"],
        attempts=row["attempts"],
        last_error=row["last_error"],
    )


class SqlOutboxRepository(SqlRepository, OutboxRepository):
    def add(self, entry: OutboxEntry) -> OutboxEntry:
        message = entry.message
        entry_id = self._execute(
            insert(outbox)
            .values(
                queue=message.queue,
                message_id=message.message_id,
                body=message.body,
                headers=message.headers,
                created_at=entry.created_at,
                available_at=entry.available_at,
                sent_at=entry.sent_at,
                attempts=entry.attempts,
                last_error=entry.last_error,
            )
            .returning(outbox.c.id)
        ).scalar_one()
        return OutboxEntry(message, entry.created_at, entry.available_at, entry_id)

    def claim_due(self, now: datetime, limit: int) -> list[OutboxEntry]:
        statement = (
            select(outbox)
            .where(outbox.c.sent_at.is_(None), outbox.c.available_at <= now)
            .order_by(outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_entry(row) for row in self._execute(statement).mappings()]

    def mark_sent(self, entry_id: int, at: datetime) -> None:
        self._execute(update(outbox).where(outbox.c.id == entry_id).values(sent_at=at))

    def mark_failed(self, entry_id: int, error: str, retry_at: datetime) -> None:
        self._execute(
            update(outbox)
            .where(outbox.c.id == entry_id)
            .values(attempts=outbox.c.attempts + 1, last_error=error, available_at=retry_at)
        )

    def pending(self, now: datetime) -> tuple[int, datetime | None]:
        due = self._execute(
            select(func.count())
            .select_from(outbox)
            .where(outbox.c.sent_at.is_(None), outbox.c.available_at <= now)
        ).scalar_one()
        oldest = self._execute(
            select(outbox.c.created_at)
            .where(outbox.c.sent_at.is_(None))
            .order_by(outbox.c.id)
            .limit(1)
        ).scalar()
        return int(due), oldest
