"""Query sets and their entries on SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.bulk import constraint_errors, copy_insert
from protea_adapters.sqlalchemy.biodata.protein_repository import SqlProteinRepository
from protea_adapters.sqlalchemy.biodata_tables import query_set_entries, query_sets, sequences
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.errors import NotFoundError
from protea_domain.ports.query_set_repository import QuerySetRepository
from protea_domain.sequences.query_set import QuerySet, QuerySetEntry

ENTRY_COLUMNS = ("query_set_id", "position", "identifier", "header", "sequence_id")


def query_set_from_row(row: RowMapping) -> QuerySet:
    return QuerySet(row["id"], row["name"], row["created_at"], row["entry_count"], row["source"])


class SqlQuerySetRepository(QuerySetRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, query_set: QuerySet, entries: Sequence[QuerySetEntry]) -> None:
        ids = SqlProteinRepository(self._session).sequence_ids(e.sequence_md5 for e in entries)
        with constraint_errors(f"query set {query_set.name!r}"):
            self._session.execute(
                insert(query_sets).values(
                    id=query_set.id,
                    name=query_set.name,
                    source=query_set.source,
                    created_at=query_set.created_at,
                    entry_count=query_set.entry_count,
                )
            )
        rows = [
            (query_set.id, e.position, e.identifier, e.header, ids[e.sequence_md5]) for e in entries
        ]
        copy_insert(self._session, query_set_entries, ENTRY_COLUMNS, rows)

    def get(self, query_set_id: UUID) -> QuerySet:
        with storage_errors():
            row = (
                self._session.execute(select(query_sets).where(query_sets.c.id == query_set_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFoundError(f"query set {query_set_id} not found")
        return query_set_from_row(row)

    def find(self, name: str) -> QuerySet | None:
        with storage_errors():
            row = (
                self._session.execute(select(query_sets).where(query_sets.c.name == name))
                .mappings()
                .first()
            )
        return None if row is None else query_set_from_row(row)

    def list_sets(self, limit: int, after: str | None = None) -> list[QuerySet]:
        statement = select(query_sets)
        if after is not None:
            statement = statement.where(query_sets.c.name > after)
        statement = statement.order_by(query_sets.c.name).limit(limit)
        with storage_errors():
            rows = self._session.execute(statement).mappings().all()
        return [query_set_from_row(row) for row in rows]

    def entries(self, query_set_id: UUID) -> list[QuerySetEntry]:
        self.get(query_set_id)
        e = query_set_entries.c
        statement = (
            select(e.position, e.identifier, sequences.c.md5, e.header)
            .join_from(query_set_entries, sequences, e.sequence_id == sequences.c.id)
            .where(e.query_set_id == query_set_id)
            .order_by(e.position)
        )
        with storage_errors():
            return [
                QuerySetEntry(query_set_id, pos, ident, md5, header)
                for pos, ident, md5, header in self._session.execute(statement)
            ]
