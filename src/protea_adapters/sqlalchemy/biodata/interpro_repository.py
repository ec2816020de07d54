"""InterPro entries and InterPro2GO links on SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.bulk import copy_insert, insert_missing
from protea_adapters.sqlalchemy.biodata_tables import interpro_entries, interpro_go
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.annotations.interpro import InterProEntry, InterProGoLink
from protea_domain.errors import NotFoundError
from protea_domain.ports.interpro_repository import InterProRepository


class SqlInterProRepository(InterProRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_entries(self, entries: Sequence[InterProEntry]) -> int:
        latest = {e.interpro_id: e.name for e in entries}
        new = insert_missing(
            self._session,
            interpro_entries,
            ("interpro_id", "name"),
            list(latest.items()),
            ("interpro_id",),
        )
        if latest:
            statement = (
                update(interpro_entries)
                .where(interpro_entries.c.interpro_id == bindparam("b_id"))
                .values(name=bindparam("b_name"))
            )
            with storage_errors():
                self._session.execute(
                    statement, [{"b_id": k, "b_name": v} for k, v in sorted(latest.items())]
                )
        return new

    def replace_links(self, version: str, links: Sequence[InterProGoLink]) -> None:
        with storage_errors():
            self._session.execute(delete(interpro_go).where(interpro_go.c.version == version))
        rows = [(version, link.interpro_id, link.go_id, link.go_name) for link in links]
        copy_insert(
            self._session, interpro_go, ("version", "interpro_id", "go_id", "go_name"), rows
        )

    def go_terms_of(self, interpro_id: str, version: str) -> list[str]:
        c = interpro_go.c
        statement = (
            select(c.go_id)
            .where(c.interpro_id == interpro_id, c.version == version)
            .order_by(c.go_id)
        )
        with storage_errors():
            return list(self._session.execute(statement).scalars())

    def entry(self, interpro_id: str) -> InterProEntry:
        statement = select(interpro_entries.c.name).where(
            interpro_entries.c.interpro_id == interpro_id
        )
        with storage_errors():
            name = self._session.execute(statement).scalar()
        if name is None:
            raise NotFoundError(f"InterPro entry {interpro_id} not found")
        return InterProEntry(interpro_id, name)

    def versions(self) -> list[str]:
        statement = select(interpro_go.c.version).distinct().order_by(interpro_go.c.version)
        with storage_errors():
            return list(self._session.execute(statement).scalars())
